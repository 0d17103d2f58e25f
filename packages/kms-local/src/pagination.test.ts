import { KmsInvalidMarkerError } from '@sealbus/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeMarker, encodeMarker, pageOf } from './pagination.js';

describe('pagination', () => {
  it('round-trips markers and rejects anything not produced by encodeMarker', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string(), (name, garbage) => {
        expect(decodeMarker(encodeMarker(name), () => true)).toBe(name);
        try {
          const decoded = decodeMarker(garbage, () => true);
          expect(encodeMarker(decoded!)).toBe(garbage);
        } catch (error) {
          expect(error).toBeInstanceOf(KmsInvalidMarkerError);
        }
      }),
    );
    expect(() => decodeMarker(encodeMarker('x'), (n) => n.startsWith('alias/'))).toThrow(
      KmsInvalidMarkerError,
    );
    expect(decodeMarker(undefined, () => false)).toBeUndefined();
  });

  it('marks a page truncated only when more rows were fetched than the limit', () => {
    expect(pageOf(['a', 'b', 'c'], 2, (r) => r)).toEqual({
      rows: ['a', 'b'],
      truncated: true,
      nextMarker: encodeMarker('b'),
    });
    expect(pageOf(['a', 'b'], 2, (r) => r)).toEqual({ rows: ['a', 'b'], truncated: false });
  });
});
