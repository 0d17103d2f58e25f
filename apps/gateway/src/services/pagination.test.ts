import { InvalidParameterValueError } from '@sealbus/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pageAfter } from './pagination.js';

describe('pageAfter', () => {
  it('walks every item exactly once, in order, for any page size', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1 })).map((items) => items.sort()),
        fc.integer({ min: 1, max: 7 }),
        (items, pageSize) => {
          const seen: string[] = [];
          let nextToken: string | undefined;
          do {
            const page = pageAfter(items, (item) => item, { pageSize, nextToken });
            expect(page.items.length).toBeLessThanOrEqual(pageSize);
            seen.push(...page.items);
            nextToken = page.nextToken;
          } while (nextToken !== undefined);
          expect(seen).toEqual(items);
        },
      ),
    );
  });

  it('rejects tokens it did not issue', () => {
    expect(() => pageAfter(['a'], (i) => i, { pageSize: 1, nextToken: 'bogus' })).toThrow(
      InvalidParameterValueError,
    );
  });
});
