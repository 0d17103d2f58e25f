import { describe, expect, it } from 'vitest';
import { correlationId } from '../middleware/correlationId.js';
import { deadLetter } from '../middleware/deadLetter.js';
import { decrypt } from '../middleware/decrypt.js';
import { dedup } from '../middleware/dedup.js';
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

  it('refuses a misspelt option of every other middleware factory, naming the key and the intended one', () => {
    const cases: [() => unknown, string, string, string][] = [
      [
        () => correlationId(loose({ attribute: 'traceId' })),
        'correlationId middleware options',
        'attribute',
        'attributeName',
      ],
      [
        () => deadLetter(loose({ onDeadLetter: () => {} })),
        'deadLetter middleware options',
        'onDeadLetter',
        'onDeadLettered',
      ],
      [
        () => decrypt(loose({ sealedPolicy: 'discard' })),
        'decrypt middleware options',
        'sealedPolicy',
        'policy',
      ],
      [
        () => dedup(loose({ windowSeconds: 60, maxEntry: 10 })),
        'dedup middleware options',
        'maxEntry',
        'maxEntries',
      ],
    ];
    for (const [make, what, option, suggestion] of cases) {
      expect(make).toThrow(
        expect.objectContaining({
          code: 'UnknownOption',
          option,
          suggestion,
          field: option,
          message: expect.stringContaining(
            `${what} have no option "${option}"; did you mean "${suggestion}"?`,
          ),
        }),
      );
    }
  });
});
