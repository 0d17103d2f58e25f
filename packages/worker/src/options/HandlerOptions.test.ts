import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEFAULT_HANDLER_OPTIONS, resolveHandlerOptions } from './HandlerOptions.js';
import { resolveWorkerOptions } from './WorkerOptions.js';

describe('resolveHandlerOptions', () => {
  it('applies every default', () => {
    const resolved = resolveHandlerOptions();
    expect(resolved).toMatchObject(DEFAULT_HANDLER_OPTIONS);
    expect(resolved.heartbeatIntervalSeconds).toBe(10);
    expect(resolved.retry).toEqual({ baseDelaySeconds: 1, maxDelaySeconds: 300, jitter: 0.2 });
    expect(resolved.maxAttempts).toBeUndefined();
  });

  it('lets handler options override worker defaults, field by field', () => {
    const resolved = resolveHandlerOptions(
      { concurrency: 4, retry: { jitter: 0 } },
      { concurrency: 2, batchSize: 5, retry: { baseDelaySeconds: 3 } },
    );
    expect(resolved).toMatchObject({ concurrency: 4, batchSize: 5 });
    expect(resolved.retry).toEqual({ baseDelaySeconds: 3, maxDelaySeconds: 300, jitter: 0 });
  });

  it.each([
    [{ concurrency: 0 }, /concurrency must be an integer from 1 to 1000; got 0/],
    [{ batchSize: 11 }, /batchSize must be an integer from 1 to 10; got 11/],
    [{ waitTimeSeconds: 21 }, /waitTimeSeconds/],
    [{ visibilityTimeoutSeconds: 0 }, /visibilityTimeoutSeconds/],
    [
      { visibilityTimeoutSeconds: 10, heartbeatIntervalSeconds: 10 },
      /heartbeatIntervalSeconds \(10\) must be shorter than visibilityTimeoutSeconds \(10\)/,
    ],
    [{ handlerTimeoutMs: -1 }, /handlerTimeoutMs/],
    [{ maxAttempts: 1001 }, /maxAttempts/],
    [{ principal: '' }, /principal/],
    [{ sealedPolicy: 'drop' }, /sealedPolicy must be one of 'fail', 'discard', 'consume'/],
    [{ schema: { parse: () => 1 } }, /schema must implement Standard Schema/],
    [{ waitTimeSeconds: 0 }, /pollingWaitTimeMs/],
    [{ dedupWindowSeconds: 86_401 }, /dedupWindowSeconds/],
    [{ middleware: ['x'] }, /middleware\[0\]/],
  ])('rejects %o naming the option', (options, message) => {
    expect(() => resolveHandlerOptions(options as never)).toThrow(message);
  });

  it('accepts a zod schema and every in-range combination of the numeric options', () => {
    expect(resolveHandlerOptions({ schema: z.object({ a: z.number() }) }).schema).toBeDefined();
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 2, max: 43_200 }),
        (concurrency, batchSize, waitTimeSeconds, visibilityTimeoutSeconds) => {
          const resolved = resolveHandlerOptions({
            concurrency,
            batchSize,
            waitTimeSeconds,
            visibilityTimeoutSeconds,
          });
          expect(resolved.heartbeatIntervalSeconds).toBeLessThan(visibilityTimeoutSeconds);
        },
      ),
    );
  });

  it('rejects every out-of-range integer for batchSize', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ max: 0 }),
          fc.integer({ min: 11 }),
          fc.double({ min: 1.01, max: 9.99 }),
        ),
        (batchSize) => {
          expect(() => resolveHandlerOptions({ batchSize })).toThrow(/batchSize/);
        },
      ),
    );
  });
});

describe('resolveWorkerOptions', () => {
  it('defaults and validates, including handlerDefaults up front', () => {
    expect(resolveWorkerOptions()).toMatchObject({
      handleSignals: false,
      shutdownTimeoutMs: 30_000,
      closeBroker: false,
      handlerSpyBufferSize: 0,
    });
    expect(resolveWorkerOptions({ handlerSpy: true }).handlerSpyBufferSize).toBe(1_000);
    expect(resolveWorkerOptions({ handlerSpy: { bufferSize: 5 } }).handlerSpyBufferSize).toBe(5);
    expect(() => resolveWorkerOptions({ shutdownTimeoutMs: -1 })).toThrow(/shutdownTimeoutMs/);
    expect(() => resolveWorkerOptions({ handlerDefaults: { batchSize: 0 } })).toThrow(/batchSize/);
    expect(() => resolveWorkerOptions({ handlerSpy: { bufferSize: 0 } })).toThrow(
      /handlerSpy\.bufferSize/,
    );
  });
});
