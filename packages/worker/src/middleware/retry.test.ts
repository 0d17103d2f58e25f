import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { handlerContext, inbound } from '../../test/fixtures.js';
import { UnrecoverableError } from '../errors/UnrecoverableError.js';
import type { Handler } from '../types/handler.js';
import { backoffDelaySeconds, retry } from './retry.js';

const noJitter = { baseDelaySeconds: 1, maxDelaySeconds: 300, jitter: 0 };

describe('backoffDelaySeconds', () => {
  it('doubles per attempt from the base and caps at the maximum', () => {
    expect([1, 2, 3, 4, 5].map((a) => backoffDelaySeconds(a, noJitter))).toEqual([1, 2, 4, 8, 16]);
    expect(backoffDelaySeconds(30, noJitter)).toBe(300);
  });

  it('stays within [ceiling × (1 − jitter), ceiling] for any attempt and random value', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000 }),
        fc.integer({ min: 0, max: 900 }),
        fc.integer({ min: 900, max: 43_200 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        (attempt, base, max, jitter, r) => {
          const delay = backoffDelaySeconds(
            attempt,
            { baseDelaySeconds: base, maxDelaySeconds: max, jitter },
            () => r,
          );
          const ceiling = Math.min(max, base * 2 ** (attempt - 1));
          expect(Number.isInteger(delay)).toBe(true);
          expect(delay).toBeLessThanOrEqual(Math.round(ceiling));
          expect(delay).toBeGreaterThanOrEqual(Math.round(ceiling * (1 - jitter)) - 1);
        },
      ),
    );
  });
});

describe('retry middleware', () => {
  const throwing: Handler = async () => {
    throw new Error('database unavailable');
  };

  it('turns a thrown error into retryLater with the backoff of its attempt', async () => {
    const chain = retry({ ...noJitter, random: () => 0 })(throwing);
    const results = await Promise.all(
      [1, 2, 3].map((n) => chain(inbound({ receiveCount: n }), handlerContext())),
    );
    expect(results.map((r) => r.status === 'retryLater' && r.delaySeconds)).toEqual([1, 2, 4]);
    expect(results[0]).toMatchObject({ errorReason: 'Error: database unavailable' });
  });

  it('gives up with error at maxAttempts instead of retrying', async () => {
    const chain = retry({ ...noJitter, maxAttempts: 3 })(throwing);
    expect(await chain(inbound({ receiveCount: 2 }), handlerContext())).toMatchObject({
      status: 'retryLater',
    });
    const last = await chain(inbound({ receiveCount: 3 }), handlerContext());
    expect(last.status).toBe('error');
    expect(last.status === 'error' && last.errorReason).toContain('attempt 3 of 3');
  });

  it('fills in the delay of a retryLater without one and keeps an explicit one', async () => {
    const later: Handler = async (m) =>
      m.receiveCount === 1 ? { status: 'retryLater' } : { status: 'retryLater', delaySeconds: 42 };
    const chain = retry({ ...noJitter, baseDelaySeconds: 5 })(later);
    expect(await chain(inbound({ receiveCount: 1 }), handlerContext())).toEqual({
      status: 'retryLater',
      delaySeconds: 5,
    });
    expect(await chain(inbound({ receiveCount: 2 }), handlerContext())).toEqual({
      status: 'retryLater',
      delaySeconds: 42,
    });
  });

  it('skips retries on UnrecoverableError and releases later deliveries without running the handler', async () => {
    let calls = 0;
    const chain = retry(noJitter)(async () => {
      calls += 1;
      throw new UnrecoverableError('order references a deleted customer');
    });
    const message = inbound();
    const first = await chain(message, handlerContext());
    expect(first).toMatchObject({
      status: 'error',
      errorReason: expect.stringContaining('deleted customer'),
    });
    const second = await chain({ ...message, receiveCount: 2 }, handlerContext());
    expect(second.status).toBe('error');
    expect(calls).toBe(1);
    // Moved back from the DLQ, the count restarts: the handler gets a fresh try.
    await chain({ ...message, receiveCount: 1 }, handlerContext());
    expect(calls).toBe(2);
  });

  it('passes consumed and error results through unchanged', async () => {
    const chain = retry(noJitter)(async (m) =>
      m.receiveCount === 1 ? { status: 'consumed' } : { status: 'error', errorReason: 'bad' },
    );
    expect(await chain(inbound(), handlerContext())).toEqual({ status: 'consumed' });
    expect(await chain(inbound({ receiveCount: 2 }), handlerContext())).toEqual({
      status: 'error',
      errorReason: 'bad',
    });
  });

  it('rejects bad configuration naming the option', () => {
    expect(() => retry({ maxAttempts: 0 })).toThrow(/maxAttempts/);
    expect(() => retry({ jitter: 2 })).toThrow(/retry\.jitter/);
    expect(() => retry({ baseDelaySeconds: 500, maxDelaySeconds: 100 })).toThrow(
      /retry\.baseDelaySeconds/,
    );
  });
});
