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

  it('answers a repeated context from its memo, and notices any change to it', () => {
    const index = new CacheKeyIndex(10);
    const context: Record<string, string> = { q: '1' };
    const key = index.key('k', 'p', context);
    expect(index.key('k', 'p', context)).toBe(key);
    expect(index.key('k', 'p', Object.freeze({ q: '1' }))).toBe(key);
    expect(index.key('k', 'other', context)).not.toBe(key);
    expect(index.key('j', 'p', context)).not.toBe(key);
    index.key('k', 'p', context);
    context.q = '2';
    expect(index.key('k', 'p', context)).not.toBe(key);
    context.q = '1';
    context.r = '1';
    expect(index.key('k', 'p', context)).not.toBe(key);
    delete context.r;
    expect(index.key('k', 'p', context)).toBe(key);
    expect(index.key('k', 'p', Object.assign(Object.create({ r: '1' }), { q: '1' }))).toBe(key);
    expect(() => index.key('k', 'p', { q: 1 } as never)).toThrow(InvalidParameterValueError);
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
