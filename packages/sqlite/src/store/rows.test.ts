import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEncryptionContext, encodeEncryptionContext, formatSequenceNumber } from './rows.js';

describe('encryption context encoding', () => {
  it('round-trips any context into one frozen object per distinct JSON', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.string({ minLength: 1 }).filter((key) => key !== '__proto__'),
          fc.string(),
        ),
        (context) => {
          const json = encodeEncryptionContext(context)!;
          const decoded = decodeEncryptionContext(json);
          expect(decoded).toEqual(context);
          expect(Object.isFrozen(decoded)).toBe(true);
          expect(decodeEncryptionContext(JSON.stringify(context))).toBe(decoded);
        },
      ),
    );
    expect(encodeEncryptionContext(undefined)).toBeNull();
  });
});

describe('formatSequenceNumber', () => {
  it('gives 20-digit strings whose text order is numeric order', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), (a, b) => {
        const [x, y] = [formatSequenceNumber(a), formatSequenceNumber(b)];
        expect(x).toMatch(/^\d{20}$/);
        expect(Math.sign(x.localeCompare(y))).toBe(Math.sign(a - b));
      }),
    );
  });
});
