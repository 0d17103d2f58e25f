import { describeValue, InvalidParameterValueError } from '@sealbus/core';

/** SQS `KmsDataKeyReusePeriodSeconds` limits. */
export const MIN_REUSE_PERIOD_SECONDS = 60;
export const MAX_REUSE_PERIOD_SECONDS = 86_400;
export const DEFAULT_REUSE_PERIOD_SECONDS = 300;
/** AES-GCM with one key: stay below 2^32 messages. */
export const MAX_MESSAGES_PER_DATA_KEY = 2 ** 32;

export interface EnvelopeEngineOptions {
  /**
   * Seal at most this many messages with one data key, then generate a new one.
   * @defaultValue 2^32 - 1 (the most, 2^32, is allowed)
   */
  maxMessagesPerDataKey?: number;
  /**
   * Seal at most this many plaintext bytes with one data key. A fresh data key always takes its
   * first message, so a single larger message still seals (alone under its key).
   * @defaultValue unlimited
   */
  maxBytesPerDataKey?: number;
  /**
   * Opening cache capacity (data keys), least recently used evicted and zeroed.
   * @defaultValue 1000
   */
  openCacheSize?: number;
  /**
   * Sealing cache capacity: one data key per (key id, encryption context, principal).
   * @defaultValue 1000
   */
  sealCacheSize?: number;
}

export const DEFAULT_ENVELOPE_ENGINE_OPTIONS: Readonly<Required<EnvelopeEngineOptions>> = {
  maxMessagesPerDataKey: MAX_MESSAGES_PER_DATA_KEY - 1,
  maxBytesPerDataKey: Number.MAX_SAFE_INTEGER,
  openCacheSize: 1000,
  sealCacheSize: 1000,
};

export function checkInteger(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidParameterValueError(
      `${field} must be an integer from ${min} to ${max}, got ${describeValue(value)}`,
      { field },
    );
  }
  return value;
}

/** Applies the defaults and checks every range; throws `InvalidParameterValueError` naming the field. */
export function resolveEnvelopeEngineOptions(
  options: EnvelopeEngineOptions = {},
): Required<EnvelopeEngineOptions> {
  const d = DEFAULT_ENVELOPE_ENGINE_OPTIONS;
  return {
    maxMessagesPerDataKey: checkInteger(
      'maxMessagesPerDataKey',
      options.maxMessagesPerDataKey ?? d.maxMessagesPerDataKey,
      1,
      MAX_MESSAGES_PER_DATA_KEY,
    ),
    maxBytesPerDataKey: checkInteger(
      'maxBytesPerDataKey',
      options.maxBytesPerDataKey ?? d.maxBytesPerDataKey,
      1,
      Number.MAX_SAFE_INTEGER,
    ),
    openCacheSize: checkInteger(
      'openCacheSize',
      options.openCacheSize ?? d.openCacheSize,
      1,
      1_000_000,
    ),
    sealCacheSize: checkInteger(
      'sealCacheSize',
      options.sealCacheSize ?? d.sealCacheSize,
      1,
      1_000_000,
    ),
  };
}

/** The reuse period of one call in milliseconds, checked against the SQS limits. */
export function reusePeriodMs(seconds: number | undefined): number {
  if (seconds === undefined) return DEFAULT_REUSE_PERIOD_SECONDS * 1000;
  return (
    checkInteger(
      'reusePeriodSeconds',
      seconds,
      MIN_REUSE_PERIOD_SECONDS,
      MAX_REUSE_PERIOD_SECONDS,
    ) * 1000
  );
}
