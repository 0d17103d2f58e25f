import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BatchEntryIdsNotDistinctError,
  BatchRequestTooLongError,
  EmptyBatchRequestError,
  InvalidBatchEntryIdError,
  TooManyEntriesInBatchRequestError,
} from '../errors/sqs.js';
import type { SendBatchEntry } from '../types/messages.js';
import { validateBatch, validateSendBatch } from './batch.js';

const entries = (n: number): SendBatchEntry[] =>
  Array.from({ length: n }, (_, i) => ({ id: `m${i}`, body: 'x' }));
const failsWith = (
  errorClass: abstract new (...args: never) => Error,
  field: string,
  code: string,
) => expect.objectContaining({ constructor: errorClass, field, code });

describe('validateBatch', () => {
  it('accepts 1 and 10 entries, rejects 0 and 11', () => {
    expect(() => validateSendBatch(entries(1))).not.toThrow();
    expect(() => validateSendBatch(entries(10))).not.toThrow();
    expect(() => validateSendBatch([])).toThrow(
      failsWith(EmptyBatchRequestError, 'Entries', 'EmptyBatchRequest'),
    );
    expect(() => validateSendBatch(entries(11))).toThrow(
      failsWith(TooManyEntriesInBatchRequestError, 'Entries', 'TooManyEntriesInBatchRequest'),
    );
  });

  it('rejects repeated and malformed ids, naming the entry', () => {
    expect(() => validateBatch(['a', 'b', 'a'], (id) => id)).toThrow(
      expect.objectContaining({
        constructor: BatchEntryIdsNotDistinctError,
        field: 'Entries[2].Id',
        message: expect.stringMatching(/repeats the id "a" of Entries\[0\]/),
      }),
    );
    expect(() => validateBatch(['ok', 'not ok'], (id) => id)).toThrow(
      failsWith(InvalidBatchEntryIdError, 'Entries[1].Id', 'InvalidBatchEntryId'),
    );
  });

  it('limits the total payload to 1 MiB', () => {
    const half = 'x'.repeat(524_288);
    expect(() =>
      validateSendBatch([
        { id: 'a', body: half },
        { id: 'b', body: half },
      ]),
    ).not.toThrow();
    expect(() =>
      validateSendBatch([
        { id: 'a', body: half },
        { id: 'b', body: `${half}x` },
      ]),
    ).toThrow(failsWith(BatchRequestTooLongError, 'Entries', 'BatchRequestTooLong'));
  });

  it('accepts any set of distinct valid ids and flags any duplicate', () => {
    const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,80}$/);
    fc.assert(
      fc.property(fc.uniqueArray(id, { minLength: 1, maxLength: 10 }), fc.nat(), (ids, pick) => {
        validateBatch(ids, (x) => x);
        if (ids.length < 10) {
          const withDuplicate = [...ids, ids[pick % ids.length]!];
          expect(() => validateBatch(withDuplicate, (x) => x)).toThrow(
            BatchEntryIdsNotDistinctError,
          );
        }
      }),
    );
  });
});
