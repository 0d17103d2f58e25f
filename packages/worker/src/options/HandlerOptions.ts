import { checkOptionKeys, InvalidParameterValueError } from '@sealbus/core';
import type { StandardSchemaV1 } from '../schema/StandardSchema.js';
import { isStandardSchema } from '../schema/StandardSchema.js';
import type { Middleware } from '../types/handler.js';
import { checkInteger, checkNumber, checkOneOf } from './checks.js';
import { HANDLER_OPTION_KEYS, KEY_BACKOFF_OPTION_KEYS, RETRY_OPTION_KEYS } from './optionKeys.js';

export type SealedPolicy = 'fail' | 'discard' | 'consume';
export const SEALED_POLICIES: readonly SealedPolicy[] = ['fail', 'discard', 'consume'];

export type BodyFormat = 'json' | 'text';

/** Exponential backoff with jitter, applied through `changeVisibility`. */
export interface RetryOptions {
  /** Delay before the second attempt; attempt n waits base × 2^(n−1). 0–900. @defaultValue 1 */
  baseDelaySeconds?: number;
  /** Upper bound of a delay. 1–43,200. @defaultValue 300 */
  maxDelaySeconds?: number;
  /** Share of a delay that is randomised (0 = none, 1 = full jitter). 0–1. @defaultValue 0.2 */
  jitter?: number;
}

/**
 * How a consumer backs off a queue whose KMS key is unavailable (disabled, pending deletion,
 * throttled, KMS unreachable): the broker fails the receive and counts nothing, so the wait
 * costs the messages nothing; it doubles per consecutive failure.
 */
export interface KeyBackoffOptions {
  /** Pause after the first failure. 1–60,000. @defaultValue 1000 */
  initialMs?: number;
  /** Longest pause. 1–3,600,000, at least `initialMs`. @defaultValue 60000 */
  maxMs?: number;
}

/** Per-handler behaviour, modelled on sqs-consumer's and BullMQ's worker options. */
export interface HandlerOptions<T = unknown> {
  /** Messages handled at the same time. 1–1,000. @defaultValue 1 */
  concurrency?: number;
  /** Most messages asked for in one receive (never more than the free slots). 1–10. @defaultValue 10 */
  batchSize?: number;
  /** Long-poll time of each receive. 0–20. @defaultValue 20 */
  waitTimeSeconds?: number;
  /** Delay after an empty receive before polling again. 0–60,000. @defaultValue 0 */
  pollingWaitTimeMs?: number;
  /** Visibility timeout set by each receive and each heartbeat. 1–43,200. @defaultValue 30 */
  visibilityTimeoutSeconds?: number;
  /**
   * How often a running handler's message gets its visibility extended (must be shorter than
   * `visibilityTimeoutSeconds`); `0` turns heartbeats off.
   * @defaultValue a third of `visibilityTimeoutSeconds`
   */
  heartbeatIntervalSeconds?: number;
  /** A handler running longer fails with `HandlerTimeoutError` and is retried; `0` = no limit. 0–43,200,000. @defaultValue 300000 */
  handlerTimeoutMs?: number;
  retry?: RetryOptions;
  keyBackoff?: KeyBackoffOptions;
  /**
   * Attempts before the worker gives a failing message up to the queue's redrive. Never above the
   * queue's `RedrivePolicy.maxReceiveCount` (checked at `start`). 1–1,000.
   * @defaultValue the queue's `maxReceiveCount`, or unlimited retries without a RedrivePolicy
   */
  maxAttempts?: number;
  /** The consumer identity passed to `receive`: it needs `kms:Decrypt` on SSE queues. @defaultValue none */
  principal?: string;
  /** What to do with a message this principal cannot decrypt. @defaultValue 'fail' */
  sealedPolicy?: SealedPolicy;
  /** Validates the decoded body; an invalid payload is a failure that never reaches the handler. */
  schema?: StandardSchemaV1<unknown, T>;
  /** How the body is decoded before validation. @defaultValue 'json' */
  bodyFormat?: BodyFormat;
  /** Skip a message id already consumed within this window (idempotency); `0` = off. 0–86,400. @defaultValue 0 */
  dedupWindowSeconds?: number;
  /** Middleware of this handler, innermost last; they run inside the worker's own middleware. @defaultValue [] */
  middleware?: Middleware[];
}

/** Options a worker applies to all of its handlers. */
export type HandlerDefaults = Omit<HandlerOptions, 'schema' | 'middleware'>;

export interface ResolvedRetryOptions {
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  jitter: number;
}

export interface ResolvedHandlerOptions<T = unknown> {
  concurrency: number;
  batchSize: number;
  waitTimeSeconds: number;
  pollingWaitTimeMs: number;
  visibilityTimeoutSeconds: number;
  heartbeatIntervalSeconds: number;
  handlerTimeoutMs: number;
  retry: ResolvedRetryOptions;
  keyBackoff: Required<KeyBackoffOptions>;
  maxAttempts?: number;
  principal?: string;
  sealedPolicy: SealedPolicy;
  schema?: StandardSchemaV1<unknown, T>;
  bodyFormat: BodyFormat;
  dedupWindowSeconds: number;
  middleware: Middleware[];
}

export const DEFAULT_RETRY_OPTIONS: Readonly<ResolvedRetryOptions> = Object.freeze({
  baseDelaySeconds: 1,
  maxDelaySeconds: 300,
  jitter: 0.2,
});

export type DefaultedOption =
  | 'concurrency'
  | 'batchSize'
  | 'waitTimeSeconds'
  | 'pollingWaitTimeMs'
  | 'visibilityTimeoutSeconds'
  | 'handlerTimeoutMs'
  | 'sealedPolicy'
  | 'bodyFormat'
  | 'dedupWindowSeconds';

export const DEFAULT_HANDLER_OPTIONS: Readonly<Required<Pick<HandlerOptions, DefaultedOption>>> =
  Object.freeze({
    concurrency: 1,
    batchSize: 10,
    waitTimeSeconds: 20,
    pollingWaitTimeMs: 0,
    visibilityTimeoutSeconds: 30,
    handlerTimeoutMs: 300_000,
    sealedPolicy: 'fail',
    bodyFormat: 'json',
    dedupWindowSeconds: 0,
  });

export function resolveRetryOptions(options: RetryOptions = {}): ResolvedRetryOptions {
  checkOptionKeys(options, RETRY_OPTION_KEYS, 'retry.');
  const merged = { ...DEFAULT_RETRY_OPTIONS, ...options };
  checkNumber('retry.baseDelaySeconds', merged.baseDelaySeconds, 0, 900);
  checkNumber('retry.maxDelaySeconds', merged.maxDelaySeconds, 1, 43_200);
  checkNumber('retry.jitter', merged.jitter, 0, 1);
  if (merged.baseDelaySeconds > merged.maxDelaySeconds) {
    throw new InvalidParameterValueError(
      `retry.baseDelaySeconds (${merged.baseDelaySeconds}) must not exceed retry.maxDelaySeconds (${merged.maxDelaySeconds}).`,
      { field: 'retry.baseDelaySeconds' },
    );
  }
  return merged;
}

export const DEFAULT_KEY_BACKOFF: Readonly<Required<KeyBackoffOptions>> = Object.freeze({
  initialMs: 1_000,
  maxMs: 60_000,
});

export function resolveKeyBackoff(options: KeyBackoffOptions = {}): Required<KeyBackoffOptions> {
  checkOptionKeys(options, KEY_BACKOFF_OPTION_KEYS, 'keyBackoff.');
  const merged = { ...DEFAULT_KEY_BACKOFF, ...options };
  checkInteger('keyBackoff.initialMs', merged.initialMs, 1, 60_000);
  checkInteger('keyBackoff.maxMs', merged.maxMs, 1, 3_600_000);
  if (merged.initialMs > merged.maxMs) {
    throw new InvalidParameterValueError(
      `keyBackoff.initialMs (${merged.initialMs}) must not exceed keyBackoff.maxMs (${merged.maxMs}).`,
      { field: 'keyBackoff.initialMs' },
    );
  }
  return merged;
}

/**
 * The one resolver of handler options: applies defaults, checks ranges and cross-field rules
 * (heartbeat shorter than the visibility timeout), and names the option in every error.
 */
export function resolveHandlerOptions<T>(
  options: HandlerOptions<T> = {},
  defaults: HandlerDefaults = {},
): ResolvedHandlerOptions<T> {
  checkOptionKeys(defaults, HANDLER_OPTION_KEYS, 'handlerDefaults.');
  checkOptionKeys(options, HANDLER_OPTION_KEYS);
  const merged = { ...DEFAULT_HANDLER_OPTIONS, ...defaults, ...options } as HandlerOptions<T> &
    typeof DEFAULT_HANDLER_OPTIONS;
  checkInteger('concurrency', merged.concurrency, 1, 1_000);
  checkInteger('batchSize', merged.batchSize, 1, 10);
  checkInteger('waitTimeSeconds', merged.waitTimeSeconds, 0, 20);
  checkInteger('pollingWaitTimeMs', merged.pollingWaitTimeMs, 0, 60_000);
  if (merged.waitTimeSeconds === 0 && merged.pollingWaitTimeMs === 0) {
    throw new InvalidParameterValueError(
      'With waitTimeSeconds 0 (short polling), set pollingWaitTimeMs to at least 1 so an empty queue is not polled in a busy loop.',
      { field: 'pollingWaitTimeMs' },
    );
  }
  checkInteger('visibilityTimeoutSeconds', merged.visibilityTimeoutSeconds, 1, 43_200);
  const heartbeatIntervalSeconds =
    merged.heartbeatIntervalSeconds ?? merged.visibilityTimeoutSeconds / 3;
  checkNumber('heartbeatIntervalSeconds', heartbeatIntervalSeconds, 0, 43_200);
  if (heartbeatIntervalSeconds >= merged.visibilityTimeoutSeconds) {
    throw new InvalidParameterValueError(
      `heartbeatIntervalSeconds (${heartbeatIntervalSeconds}) must be shorter than visibilityTimeoutSeconds (${merged.visibilityTimeoutSeconds}), or the message becomes visible between heartbeats.`,
      { field: 'heartbeatIntervalSeconds' },
    );
  }
  checkInteger('handlerTimeoutMs', merged.handlerTimeoutMs, 0, 43_200_000);
  if (merged.maxAttempts !== undefined) checkInteger('maxAttempts', merged.maxAttempts, 1, 1_000);
  if (
    merged.principal !== undefined &&
    (typeof merged.principal !== 'string' || merged.principal === '')
  ) {
    throw new InvalidParameterValueError('principal must be a non-empty string when set.', {
      field: 'principal',
    });
  }
  checkOneOf('sealedPolicy', merged.sealedPolicy, SEALED_POLICIES);
  checkOneOf('bodyFormat', merged.bodyFormat, ['json', 'text']);
  if (merged.schema !== undefined && !isStandardSchema(merged.schema)) {
    throw new InvalidParameterValueError(
      'schema must implement Standard Schema v1 (a `~standard` property with version 1), e.g. a zod schema.',
      { field: 'schema' },
    );
  }
  checkInteger('dedupWindowSeconds', merged.dedupWindowSeconds, 0, 86_400);
  const middleware = [...(options.middleware ?? [])];
  for (const [index, m] of middleware.entries()) {
    if (typeof m !== 'function') {
      throw new InvalidParameterValueError(
        `middleware[${index}] must be a function (next) => handler.`,
        { field: `middleware[${index}]` },
      );
    }
  }
  return {
    concurrency: merged.concurrency,
    batchSize: merged.batchSize,
    waitTimeSeconds: merged.waitTimeSeconds,
    pollingWaitTimeMs: merged.pollingWaitTimeMs,
    visibilityTimeoutSeconds: merged.visibilityTimeoutSeconds,
    heartbeatIntervalSeconds,
    handlerTimeoutMs: merged.handlerTimeoutMs,
    retry: resolveRetryOptions({ ...defaults.retry, ...options.retry }),
    keyBackoff: resolveKeyBackoff({ ...defaults.keyBackoff, ...options.keyBackoff }),
    ...(merged.maxAttempts === undefined ? {} : { maxAttempts: merged.maxAttempts }),
    ...(merged.principal === undefined ? {} : { principal: merged.principal }),
    sealedPolicy: merged.sealedPolicy,
    ...(merged.schema === undefined ? {} : { schema: merged.schema }),
    bodyFormat: merged.bodyFormat,
    dedupWindowSeconds: merged.dedupWindowSeconds,
    middleware,
  };
}
