import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HEALTHY_RETRY_POLICY,
  MAX_TOTAL_RETRY_SECONDS,
  resolveDeliveryPolicy,
  retryDelaysSeconds,
} from './deliveryPolicy.js';

const policy = (overrides: Partial<typeof DEFAULT_HEALTHY_RETRY_POLICY>) => ({
  ...DEFAULT_HEALTHY_RETRY_POLICY,
  ...overrides,
});

describe('retryDelaysSeconds', () => {
  it('SNS default: 3 retries, 20 seconds apart', () => {
    expect(retryDelaysSeconds(DEFAULT_HEALTHY_RETRY_POLICY)).toEqual([20, 20, 20]);
  });

  // "Amazon SNS message delivery retries": immediate, pre-backoff, backoff, post-backoff phases.
  it('runs the four phases in order', () => {
    expect(
      retryDelaysSeconds(
        policy({
          numRetries: 8,
          numNoDelayRetries: 2,
          numMinDelayRetries: 1,
          numMaxDelayRetries: 2,
          minDelayTarget: 1,
          maxDelayTarget: 10,
          backoffFunction: 'linear',
        }),
      ),
    ).toEqual([0, 0, 1, 4, 7, 10, 10, 10]);
  });

  it('each backoff function rises from min to max, the steeper ones later', () => {
    const delays = (backoffFunction: 'linear' | 'arithmetic' | 'geometric' | 'exponential') =>
      retryDelaysSeconds(
        policy({ numRetries: 4, minDelayTarget: 1, maxDelayTarget: 100, backoffFunction }),
      );
    expect(delays('linear')).toEqual([26, 51, 75, 100]);
    expect(delays('arithmetic')).toEqual([7, 26, 57, 100]);
    expect(delays('geometric')).toEqual([3, 13, 43, 100]);
    expect(delays('exponential')).toEqual([1, 4, 18, 100]);
  });
});

describe('resolveDeliveryPolicy', () => {
  it('accepts the JSON form and keeps what was given', () => {
    expect(
      resolveDeliveryPolicy('{"healthyRetryPolicy":{"numRetries":5,"minDelayTarget":2}}'),
    ).toEqual({ healthyRetryPolicy: { numRetries: 5, minDelayTarget: 2 } });
  });

  it('names the field, the limit and the value of each bad setting', () => {
    expect(() => resolveDeliveryPolicy({ healthyRetryPolicy: { numRetries: 101 } })).toThrow(
      'Invalid parameter: DeliveryPolicy: numRetries must be at most 100; got 101',
    );
    expect(() =>
      resolveDeliveryPolicy({ healthyRetryPolicy: { minDelayTarget: 30, maxDelayTarget: 10 } }),
    ).toThrow('maxDelayTarget must be at least minDelayTarget (30); got 10');
    expect(() =>
      resolveDeliveryPolicy({ healthyRetryPolicy: { backoffFunction: 'cubic' as 'linear' } }),
    ).toThrow('backoffFunction must be one of arithmetic, exponential, geometric, linear');
    expect(() =>
      resolveDeliveryPolicy({
        healthyRetryPolicy: { numRetries: 100, minDelayTarget: 3600, maxDelayTarget: 3600 },
      }),
    ).toThrow(`the total retry time is at most ${MAX_TOTAL_RETRY_SECONDS}`);
    expect(() => resolveDeliveryPolicy('{')).toThrow(
      'Invalid parameter: DeliveryPolicy: Reason: failed to parse JSON',
    );
    expect(() => resolveDeliveryPolicy({ retry: {} })).toThrow('unknown DeliveryPolicy key');
  });

  it('every accepted policy has a schedule within the limits (property)', () => {
    const count = fc.integer({ min: -2, max: 120 });
    fc.assert(
      fc.property(
        fc.record({
          numRetries: count,
          numNoDelayRetries: count,
          numMinDelayRetries: count,
          numMaxDelayRetries: count,
          minDelayTarget: fc.integer({ min: -1, max: 4000 }),
          maxDelayTarget: fc.integer({ min: -1, max: 4000 }),
          backoffFunction: fc.constantFrom('linear', 'arithmetic', 'geometric', 'exponential'),
        }),
        (input) => {
          let accepted: ReturnType<typeof resolveDeliveryPolicy>;
          try {
            accepted = resolveDeliveryPolicy({ healthyRetryPolicy: input });
          } catch (error) {
            expect((error as { code: string }).code).toBe('InvalidParameter');
            return;
          }
          const delays = retryDelaysSeconds(policy(accepted.healthyRetryPolicy!));
          expect(delays).toHaveLength(input.numRetries);
          expect(delays.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(MAX_TOTAL_RETRY_SECONDS);
          for (const delay of delays) expect(delay).toBeLessThanOrEqual(input.maxDelayTarget);
        },
      ),
      { numRuns: 300 },
    );
  });
});
