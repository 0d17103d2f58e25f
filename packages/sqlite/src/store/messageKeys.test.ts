import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  composeReceiptHandle,
  MAX_QUEUE_ID,
  MAX_SEQUENCE,
  SEQUENCE_BITS,
  sequenceOfReceiptHandle,
} from './messageKeys.js';

describe('message keys', () => {
  it('fits the last sequence of the last queue in a signed 64-bit rowid', () => {
    const last = (BigInt(MAX_QUEUE_ID) << BigInt(SEQUENCE_BITS)) + BigInt(MAX_SEQUENCE);
    expect(last).toBe(2n ** 63n - 1n);
    expect(Number.isSafeInteger(MAX_SEQUENCE)).toBe(true);
  });

  it('reads back the sequence of any handle it composed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_SEQUENCE }), fc.string(), (sequence, engine) => {
        expect(sequenceOfReceiptHandle(composeReceiptHandle(sequence, engine))).toBe(sequence);
      }),
    );
  });

  it('returns a sequence in range or undefined for any string, never throwing', () => {
    fc.assert(
      fc.property(fc.string(), (handle) => {
        const sequence = sequenceOfReceiptHandle(handle);
        if (sequence !== undefined) {
          expect(Number.isSafeInteger(sequence)).toBe(true);
          expect(sequence).toBeGreaterThanOrEqual(1);
          expect(sequence).toBeLessThanOrEqual(MAX_SEQUENCE);
        }
      }),
    );
  });

  it('rejects handles without a sequence prefix or with one out of range', () => {
    for (const handle of [
      '',
      'abc',
      '.abc',
      '0.abc',
      'A.abc',
      '-1.abc',
      ' 1.abc',
      `${(MAX_SEQUENCE + 1).toString(36)}.abc`,
      'zzzzzzzzzz.abc',
    ]) {
      expect(sequenceOfReceiptHandle(handle), handle).toBeUndefined();
    }
    expect(sequenceOfReceiptHandle(`${MAX_SEQUENCE.toString(36)}.x`)).toBe(MAX_SEQUENCE);
  });
});
