import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allPages } from './allPages.js';

describe('allPages', () => {
  it('concatenates every page in order and passes each page its token', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.integer()), { minLength: 1, maxLength: 6 }),
        async (pages) => {
          const tokens: (string | undefined)[] = [];
          const items = await allPages(async (token) => {
            tokens.push(token);
            const index = tokens.length - 1;
            return {
              items: pages[index]!,
              nextToken: index + 1 < pages.length ? `t${index + 1}` : undefined,
            };
          });
          expect(items).toEqual(pages.flat());
          expect(tokens).toEqual(pages.map((_, index) => (index === 0 ? undefined : `t${index}`)));
        },
      ),
    );
  });

  it('stops on an empty token', async () => {
    let calls = 0;
    const items = await allPages(async () => {
      calls += 1;
      return { items: ['a'], nextToken: '' };
    });
    expect(items).toEqual(['a']);
    expect(calls).toBe(1);
  });
});
