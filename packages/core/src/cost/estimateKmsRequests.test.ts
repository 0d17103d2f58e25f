import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimateKmsRequests } from './estimateKmsRequests.js';

describe('estimateKmsRequests', () => {
  it('reproduces the SNS documentation examples', () => {
    const single = estimateKmsRequests({
      service: 'sns',
      billingSeconds: 2_678_400,
      reusePeriodSeconds: 300,
      principals: [1],
    });
    expect(single.requests).toBe(17_856);
    const two = estimateKmsRequests({
      service: 'sns',
      billingSeconds: 2_419_200,
      reusePeriodSeconds: 300,
      principals: [3, 5],
    });
    expect(two.requests).toBe(129_024);
    expect(two.periods).toBe(8064);
  });

  it('rounds a started period up: it needs its own data key', () => {
    expect(
      estimateKmsRequests({
        service: 'sqs',
        billingSeconds: 301,
        reusePeriodSeconds: 300,
        principals: [1],
      }).periods,
    ).toBe(2);
  });

  it('is one term per queue: the total is the sum of single-queue estimates (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 60, max: 86_400 }),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 50 })), {
          minLength: 1,
          maxLength: 8,
        }),
        (billingSeconds, reusePeriodSeconds, queues) => {
          const base = { service: 'sqs' as const, billingSeconds, reusePeriodSeconds };
          const all = estimateKmsRequests({
            ...base,
            principals: queues.map(([p]) => p),
            consumers: queues.map(([, c]) => c),
          });
          const sum = queues
            .map(
              ([p, c]) =>
                estimateKmsRequests({ ...base, principals: [p], consumers: [c] }).requests,
            )
            .reduce((a, b) => a + b, 0);
          expect(all.requests).toBe(sum);
          expect(all.requests).toBe(
            Math.ceil(billingSeconds / reusePeriodSeconds) *
              queues.reduce((t, [p, c]) => t + 2 * p + c, 0),
          );
        },
      ),
    );
  });

  it('counts a queue that only consumers used in the window', () => {
    const e = estimateKmsRequests({
      service: 'sqs',
      billingSeconds: 600,
      reusePeriodSeconds: 300,
      principals: [0],
      consumers: [2],
    });
    expect(e.requests).toBe(2 * 2);
  });

  it('applies a single consumer count to every queue', () => {
    const e = estimateKmsRequests({
      service: 'sqs',
      billingSeconds: 600,
      reusePeriodSeconds: 300,
      principals: [1, 2],
      consumers: [3],
    });
    expect(e.terms.map((t) => t.requests)).toEqual([2 * 5, 2 * 7]);
  });

  it.each([
    [{ billingSeconds: 0 }, /billingSeconds must be an integer at least 1; got 0/],
    [{ reusePeriodSeconds: 59 }, /reusePeriodSeconds must be an integer from 60 to 86400; got 59/],
    [{ principals: [] }, /principals needs one count per topic or queue/],
    [{ principals: [-1] }, /principals\[0\] must be an integer at least 0; got -1/],
    [{ consumers: [1, 2, 3] }, /1 principal counts but 3 consumer counts/],
    [{ pricePer10kRequests: -1 }, /pricePer10kRequests must be a number of at least 0/],
  ])('rejects %o naming the field', (change, message) => {
    expect(() =>
      estimateKmsRequests({
        service: 'sqs',
        billingSeconds: 600,
        reusePeriodSeconds: 300,
        principals: [1],
        ...change,
      }),
    ).toThrow(message);
  });
});
