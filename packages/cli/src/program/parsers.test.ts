import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseCount,
  parseCountList,
  parseDecimal,
  parseMessageAttributes,
  parsePairs,
  parseSince,
} from './parsers.js';

describe('command-line parsers', () => {
  it('parseCount accepts any whole number with or without thousands separators (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.constantFrom('', ',', '_'),
        (n, sep) => {
          const text = n.toLocaleString('en-US').replaceAll(',', sep);
          expect(parseCount(text, 'n')).toBe(n);
        },
      ),
    );
  });

  it('parseCount rejects anything else, naming the field', () => {
    for (const bad of ['', '-1', '1.5', '1e3', '12,34', 'ten', '1,,000']) {
      expect(() => parseCount(bad, 'billing-seconds')).toThrow(
        /billing-seconds must be a whole number/,
      );
    }
  });

  it('parseCount enforces a minimum', () => {
    expect(parseCount('1', 'limit', 1)).toBe(1);
    expect(() => parseCount('0', 'limit', 1)).toThrow('limit must be at least 1; got 0');
  });

  it('parseCountList splits on commas and refuses empty items', () => {
    expect(parseCountList('3,5', 'principals')).toEqual([3, 5]);
    expect(() => parseCountList('3,', 'principals')).toThrow(/principals must be comma-separated/);
  });

  it('parseDecimal reads prices', () => {
    expect(parseDecimal('0.03', 'price')).toBe(0.03);
    expect(() => parseDecimal('-1', 'price')).toThrow(/price must be a non-negative number/);
  });

  it('parseSince takes durations back from now or ISO times (property)', () => {
    const units = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.constantFrom('s', 'm', 'h', 'd'),
        (n, unit) => {
          const now = 2_000_000_000_000;
          expect(parseSince(`${n}${unit}`, now).getTime()).toBe(now - n * units[unit]);
        },
      ),
    );
    expect(parseSince('2026-11-25T10:00:00Z', 0).toISOString()).toBe('2026-11-25T10:00:00.000Z');
    expect(() => parseSince('yesterday', 0)).toThrow(
      /since must be an ISO date\/time .* got "yesterday"/,
    );
    expect(() => parseSince('2026-13-45', 0)).toThrow(/since must be/);
  });

  it('parsePairs splits on the first = and refuses pairs without a name', () => {
    expect(parsePairs(['Policy={"a":"b=c"}'], 'attribute')).toEqual({ Policy: '{"a":"b=c"}' });
    expect(() => parsePairs(['=x'], 'attribute')).toThrow(/attribute must be Name=Value/);
  });

  it('parseMessageAttributes types values as String unless :Number is given', () => {
    expect(parseMessageAttributes(['kind=invoice', 'n:Number=7', 'c:String.custom=x'])).toEqual({
      kind: { dataType: 'String', stringValue: 'invoice' },
      n: { dataType: 'Number', stringValue: '7' },
      c: { dataType: 'String.custom', stringValue: 'x' },
    });
  });
});
