import { InvalidParameterValueError } from '@sealbus/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CacheKeyIndex } from './CacheKeyIndex.js';

const input = fc.record({
  scope: fc.constantFrom('', 'alias/a', 'alias/b'),
  principal: fc.option(fc.constantFrom('', 'p', 'q', '-'), { nil: undefined }),
  context: fc.dictionary(fc.constantFrom('a', 'b', 'c', '1'), fc.constantFrom('', 'x', 'y'), {
    maxKeys: 3,
  }),
});
const canonical = (i: {
  scope: string;
  principal: string | undefined;
  context: Record<string, string>;
}) => JSON.stringify([i.scope, i.principal ?? null, Object.entries(i.context).sort()]);

describe('CacheKeyIndex', () => {
  it('gives equal keys exactly to equal (scope, principal, context), whatever the key order', () => {
    const index = new CacheKeyIndex(1000);
    fc.assert(
      fc.property(input, input, (a, b) => {
        const keyA = index.key(a.scope, a.principal, a.context);
        const reordered = Object.fromEntries(Object.entries(a.context).reverse());
        expect(index.key(a.scope, a.principal, reordered)).toBe(keyA);
        expect(keyA === index.key(b.scope, b.principal, b.context)).toBe(
          canonical(a) === canonical(b),
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('tells an absent principal from any principal string, and rebuilds equal keys after a reset', () => {
    const index = new CacheKeyIndex(2);
    const absent = index.key('k', undefined, { q: '1' });
    expect(index.key('k', '', { q: '1' })).not.toBe(absent);
    expect(index.key('k', '-', { q: '1' })).not.toBe(absent);
    expect(index.key('k', undefined, { q: '1' })).toBe(absent);
  });

  it('answers a repeated frozen context from its memo, and every other argument by walking', () => {
    const index = new CacheKeyIndex(10);
    const frozen = Object.freeze({ q: '1' });
    const key = index.key('k', 'p', frozen);
    expect(index.key('k', 'p', frozen)).toBe(key);
    expect(index.key('k', 'p', { q: '1' })).toBe(key);
    expect(index.key('k', 'other', frozen)).not.toBe(key);
    expect(index.key('j', 'p', frozen)).not.toBe(key);
    const mutable: Record<string, string> = { q: '1' };
    expect(index.key('k', 'p', mutable)).toBe(key);
    mutable.q = '2';
    expect(index.key('k', 'p', mutable)).not.toBe(key);
  });

  it('rejects contexts with non-string values', () => {
    const index = new CacheKeyIndex(10);
    expect(() => index.key('k', undefined, { a: 1 } as never)).toThrow(InvalidParameterValueError);
    expect(() => index.key('k', undefined, { a: 'x', b: null } as never)).toThrow(
      InvalidParameterValueError,
    );
    expect(() => index.key('k', undefined, null as never)).toThrow(InvalidParameterValueError);
  });
});
