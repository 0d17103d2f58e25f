import { InvalidParameterValueError } from '@sealbus/core';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ENVELOPE_ENGINE_OPTIONS,
  MAX_MESSAGES_PER_DATA_KEY,
  resolveEnvelopeEngineOptions,
  reusePeriodMs,
} from './options.js';

describe('engine options', () => {
  it('applies the defaults', () => {
    expect(resolveEnvelopeEngineOptions()).toEqual(DEFAULT_ENVELOPE_ENGINE_OPTIONS);
    expect(DEFAULT_ENVELOPE_ENGINE_OPTIONS.maxMessagesPerDataKey).toBe(2 ** 32 - 1);
    expect(
      resolveEnvelopeEngineOptions({ maxMessagesPerDataKey: MAX_MESSAGES_PER_DATA_KEY })
        .maxMessagesPerDataKey,
    ).toBe(2 ** 32);
  });

  it('rejects out-of-range values, naming the field and the limits', () => {
    const cases: [object, string][] = [
      [{ maxMessagesPerDataKey: 0 }, 'maxMessagesPerDataKey'],
      [{ maxMessagesPerDataKey: 2 ** 32 + 1 }, 'maxMessagesPerDataKey'],
      [{ maxMessagesPerDataKey: 1.5 }, 'maxMessagesPerDataKey'],
      [{ maxBytesPerDataKey: 0 }, 'maxBytesPerDataKey'],
      [{ openCacheSize: 0 }, 'openCacheSize'],
      [{ sealCacheSize: '10' }, 'sealCacheSize'],
    ];
    for (const [options, field] of cases) {
      expect(() => resolveEnvelopeEngineOptions(options)).toThrow(InvalidParameterValueError);
      expect(() => resolveEnvelopeEngineOptions(options)).toThrow(
        new RegExp(`^${field} must be an integer from`),
      );
    }
  });

  it('checks reuse periods against the SQS limits', () => {
    expect(reusePeriodMs(undefined)).toBe(300_000);
    expect(reusePeriodMs(60)).toBe(60_000);
    expect(reusePeriodMs(86_400)).toBe(86_400_000);
    expect(() => reusePeriodMs(59)).toThrow(
      'reusePeriodSeconds must be an integer from 60 to 86400, got 59',
    );
    expect(() => reusePeriodMs(86_401)).toThrow(InvalidParameterValueError);
    expect(() => reusePeriodMs(0)).toThrow(InvalidParameterValueError);
  });
});
