import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from './LatencyHistogram.js';

describe('LatencyHistogram', () => {
  it('reports zeros when empty and exact bounds for one value', () => {
    const h = new LatencyHistogram();
    expect(h.summary()).toEqual({ count: 0, minMs: 0, maxMs: 0, meanMs: 0, p50Ms: 0, p99Ms: 0 });
    h.record(3.2);
    expect(h.p50()).toBe(3.2);
    expect(h.p99()).toBe(3.2);
  });

  it('keeps quantiles within 5 % of the exact value for any sample', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 60_000, noNaN: true }), {
          minLength: 1,
          maxLength: 500,
        }),
        fc.constantFrom(0.5, 0.9, 0.99),
        (values, q) => {
          const h = new LatencyHistogram();
          for (const v of values) h.record(v);
          const sorted = [...values].sort((a, b) => a - b);
          const exact = sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
          expect(Math.abs(h.quantile(q) - exact) / exact).toBeLessThanOrEqual(0.05 + 1e-9);
        },
      ),
    );
  });

  it('ignores negative and non-finite observations and resets', () => {
    const h = new LatencyHistogram();
    h.record(-1);
    h.record(Number.NaN);
    h.record(Number.POSITIVE_INFINITY);
    expect(h.count).toBe(0);
    h.record(10);
    h.reset();
    expect(h.count).toBe(0);
  });
});
