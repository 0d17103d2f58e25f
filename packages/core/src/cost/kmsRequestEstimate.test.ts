import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidParameterValueError } from '../errors/sqs.js';
import { estimateKmsRequests } from './kmsRequestEstimate.js';

describe('estimateKmsRequests', () => {
  it('reproduces the SNS documentation example with one principal', () => {
    const estimate = estimateKmsRequests({
      service: 'sns',
      billingSeconds: 2_678_400,
      reusePeriodSeconds: 300,
      terms: [{ producers: 1 }],
    });
    expect(estimate.requests).toBe(17_856);
  });

  it('reproduces the SNS documentation example with two topics of 3 and 5 principals', () => {
    const estimate = estimateKmsRequests({
      service: 'sns',
      billingSeconds: 2_419_200,
      reusePeriodSeconds: 300,
      terms: [{ producers: 3 }, { producers: 5 }],
    });
    expect(estimate.requestsPerTerm).toEqual([48_384, 80_640]);
    expect(estimate.requests).toBe(129_024);
    expect(estimate.costUsd).toBeCloseTo(0.387072, 6);
  });

  it('adds one decrypt per consumer for SQS and ignores consumers for SNS', () => {
    const base = {
      billingSeconds: 3_600,
      reusePeriodSeconds: 300,
      terms: [{ producers: 2, consumers: 3 }],
    };
    expect(estimateKmsRequests({ ...base, service: 'sqs' }).requests).toBe(12 * 7);
    expect(estimateKmsRequests({ ...base, service: 'sns' }).requests).toBe(12 * 4);
  });

  it('names the field, the limit and the value for bad input', () => {
    expect(() =>
      estimateKmsRequests({
        service: 'sqs',
        billingSeconds: 10,
        reusePeriodSeconds: 59,
        terms: [],
      }),
    ).toThrowError(
      new InvalidParameterValueError('reusePeriodSeconds must be from 60 to 86400; got 59', {
        field: 'reusePeriodSeconds',
      }),
    );
    expect(() =>
      estimateKmsRequests({
        service: 'sqs',
        billingSeconds: 10,
        reusePeriodSeconds: 60,
        terms: [{ producers: -1 }],
      }),
    ).toThrow(/terms\[0\]\.producers must be at least 0; got -1/);
  });

  it('never decreases when the reuse period shrinks', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 61, max: 86_400 }),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0, max: 50 }),
        (billingSeconds, reuse, producers, consumers) => {
          const at = (reusePeriodSeconds: number) =>
            estimateKmsRequests({
              service: 'sqs',
              billingSeconds,
              reusePeriodSeconds,
              terms: [{ producers, consumers }],
            }).requests;
          expect(at(reuse - 1)).toBeGreaterThanOrEqual(at(reuse));
        },
      ),
    );
  });
});
