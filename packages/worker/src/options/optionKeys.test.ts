import { describe, expect, it } from 'vitest';
import { retry } from '../middleware/retry.js';
import { resolveHandlerOptions } from './HandlerOptions.js';
import { resolveWorkerOptions } from './WorkerOptions.js';

const loose = (value: object) => value as never;

describe('worker option keys', () => {
  it('refuses a misspelt worker option, naming it and the intended one', () => {
    expect(() => resolveWorkerOptions(loose({ shutdownTimeout: 5_000 }))).toThrow(
      expect.objectContaining({
        code: 'UnknownOption',
        option: 'shutdownTimeout',
        suggestion: 'shutdownTimeoutMs',
      }),
    );
    expect(() => resolveWorkerOptions(loose({ handlerSpy: { size: 10 } }))).toThrow(
      expect.objectContaining({ field: 'handlerSpy.size', suggestion: 'bufferSize' }),
    );
  });

  it('refuses misspelt handler options, handler defaults and nested retry/keyBackoff keys', () => {
    expect(() => resolveHandlerOptions(loose({ visibilityTimeout: 60 }))).toThrow(
      expect.objectContaining({ suggestion: 'visibilityTimeoutSeconds' }),
    );
    expect(() => resolveHandlerOptions({}, loose({ concurency: 2 }))).toThrow(
      expect.objectContaining({ field: 'handlerDefaults.concurency', suggestion: 'concurrency' }),
    );
    expect(() => resolveHandlerOptions(loose({ retry: { baseDelay: 2 } }))).toThrow(
      expect.objectContaining({ field: 'retry.baseDelay', suggestion: 'baseDelaySeconds' }),
    );
    expect(() => resolveHandlerOptions(loose({ keyBackoff: { initial: 5 } }))).toThrow(
      expect.objectContaining({ field: 'keyBackoff.initial', suggestion: 'initialMs' }),
    );
  });

  it('refuses a misspelt retry middleware option', () => {
    expect(() => retry(loose({ maxAttempt: 3 }))).toThrow(
      expect.objectContaining({ option: 'maxAttempt', suggestion: 'maxAttempts' }),
    );
  });
});
