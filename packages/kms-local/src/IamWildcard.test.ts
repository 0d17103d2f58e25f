import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IamWildcard, type MatchMeter } from './IamWildcard.js';

/** The textbook dynamic-programming glob matcher: obviously right, too slow for production. */
function referenceMatch(pattern: string, value: string): boolean {
  // row[j]: the pattern so far matches value[0..j)
  let row = Array.from({ length: value.length + 1 }, (_, j) => j === 0);
  for (const p of pattern) {
    const next = new Array<boolean>(value.length + 1).fill(false);
    next[0] = p === '*' && row[0]!;
    for (let j = 1; j <= value.length; j++) {
      next[j] =
        p === '*' ? row[j]! || next[j - 1]! : row[j - 1]! && (p === '?' || p === value[j - 1]);
    }
    row = next;
  }
  return row[value.length]!;
}

const bound = (pattern: string, value: string) => (value.length + 1) * (pattern.length + 1);

describe('IamWildcard', () => {
  // IAM user guide, Resource element: "*" is any combination of characters, "?" any single
  // character, and "*" can expand to replace everything, including "/" and ":".
  it('matches * over any run (slashes and colons included) and ? over exactly one character', () => {
    const arn = new IamWildcard('arn:aws:kms:*:111122223333:key/?bc*', { ignoreCase: false });
    expect(arn.matches('arn:aws:kms:us-east-1:111122223333:key/abcd')).toBe(true);
    expect(arn.matches('arn:aws:kms:a:b:111122223333:key/xbc')).toBe(true);
    expect(arn.matches('arn:aws:kms:us-east-1:111122223333:key/bc')).toBe(false);
    expect(new IamWildcard('*', { ignoreCase: false }).matches('')).toBe(true);
    expect(new IamWildcard('a*', { ignoreCase: false }).matches('')).toBe(false);
    expect(new IamWildcard('*a*a', { ignoreCase: false }).matches('aa')).toBe(true);
    expect(new IamWildcard('*a*a', { ignoreCase: false }).matches('a')).toBe(false);
  });

  // IAM user guide, Action element: "The prefix and the action name are case insensitive";
  // Resource element: the resource name in an ARN is case sensitive.
  it('folds case for actions but not for resource ARNs', () => {
    expect(new IamWildcard('KMS:re?ncrypt*', { ignoreCase: true }).matches('kms:ReEncryptTo')).toBe(
      true,
    );
    expect(new IamWildcard('arn:*:user/Bob', { ignoreCase: false }).matches('arn:x:user/bob')).toBe(
      false,
    );
  });

  it('agrees with a reference matcher, within (value length + 1) x (pattern length + 1) comparisons', () => {
    const pattern = fc.string({ unit: fc.constantFrom('a', 'b', ':', '*', '?'), maxLength: 14 });
    const value = fc.string({ unit: fc.constantFrom('a', 'b', ':'), maxLength: 24 });
    fc.assert(
      fc.property(pattern, value, (p, v) => {
        const meter: MatchMeter = { steps: 0 };
        expect(new IamWildcard(p, { ignoreCase: false }).matches(v, meter)).toBe(
          referenceMatch(p, v),
        );
        expect(meter.steps).toBeLessThanOrEqual(bound(p, v));
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with the reference on case-folded input when ignoring case', () => {
    const pattern = fc.string({ unit: fc.constantFrom('a', 'A', 'b', '*', '?'), maxLength: 10 });
    const value = fc.string({ unit: fc.constantFrom('a', 'A', 'b', 'B'), maxLength: 16 });
    fc.assert(
      fc.property(pattern, value, (p, v) => {
        expect(new IamWildcard(p, { ignoreCase: true }).matches(v)).toBe(
          referenceMatch(p.toLowerCase(), v.toLowerCase()),
        );
      }),
      { numRuns: 1000 },
    );
  });

  // A `.*`-per-star regex needed 39 s for 7 stars against an 80-character ARN; here 50 stars
  // against 4 KiB stay within the linear-times-linear budget, for every shape that fails late.
  it('checks 50 wildcards against a 4 KiB non-matching value within the comparison budget', () => {
    const value = 'a'.repeat(4096);
    const shapes = [
      `${'*a'.repeat(50)}*b`,
      `${'a*'.repeat(50)}b`,
      `${'*a'.repeat(49)}*${'a'.repeat(40)}b*`,
      `${'*?'.repeat(50)}*b*`,
      `*${'a?'.repeat(25)}b${'*a'.repeat(49)}`,
    ];
    for (const shape of shapes) {
      const meter: MatchMeter = { steps: 0 };
      expect(new IamWildcard(shape, { ignoreCase: false }).matches(value, meter)).toBe(false);
      expect(referenceMatch(shape, value)).toBe(false);
      expect(meter.steps).toBeLessThanOrEqual(bound(shape, value));
    }
  });
});
