import { InvalidParameterValueError } from '@sealbus/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalContextBytes, contextCacheKey } from './encryptionContext.js';

const context = fc.dictionary(
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.string({ maxLength: 6 }),
  {
    maxKeys: 4,
  },
);
const sameContext = (a: Record<string, string>, b: Record<string, string>) =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

describe('canonicalContextBytes', () => {
  it('encodes count, then length-prefixed pairs sorted by key', () => {
    expect(canonicalContextBytes({}).toString('hex')).toBe('0000');
    expect(canonicalContextBytes({ b: '2', a: '' }).toString('hex')).toBe(
      '0002' + '000161' + '0000' + '000162' + '000132',
    );
  });

  it('sorts by UTF-8 bytes, not UTF-16 code units', () => {
    // U+FFFF is EF BF BF in UTF-8, U+10000 is F0 90 80 80; in UTF-16 the surrogate D800 sorts first.
    const bytes = canonicalContextBytes({ '\u{10000}': 'b', '\uffff': 'a' });
    expect(bytes.toString('hex')).toBe(
      `0002${'0003efbfbf' + '000161'}${'0004f0908080' + '000162'}`,
    );
  });

  it('has no concatenation ambiguity', () => {
    expect(canonicalContextBytes({ a: 'bc' }).equals(canonicalContextBytes({ ab: 'c' }))).toBe(
      false,
    );
  });

  it('is equal exactly for equal contexts, whatever the key order', () => {
    fc.assert(
      fc.property(context, context, (a, b) => {
        const reordered = Object.fromEntries(Object.entries(a).reverse());
        expect(canonicalContextBytes(reordered).equals(canonicalContextBytes(a))).toBe(true);
        expect(canonicalContextBytes(a).equals(canonicalContextBytes(b))).toBe(sameContext(a, b));
        expect(contextCacheKey(a) === contextCacheKey(b)).toBe(sameContext(a, b));
      }),
      { numRuns: 500 },
    );
  });

  it('rejects non-string values, non-objects and oversized entries, naming the field', () => {
    const bad = [null, 'ctx', 5, { a: 1 }, { a: undefined }, { a: 'x'.repeat(65_536) }];
    for (const value of bad) {
      expect(() => canonicalContextBytes(value as never)).toThrow(InvalidParameterValueError);
    }
    expect(() => contextCacheKey({ queue: 7 } as never)).toThrow(
      expect.objectContaining({
        field: 'context',
        code: 'InvalidParameterValue',
        message: expect.stringContaining('value of "queue" is 7, not a string'),
      }),
    );
  });
});
