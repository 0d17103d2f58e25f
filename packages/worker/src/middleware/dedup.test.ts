import { describe, expect, it } from 'vitest';
import { handlerContext, inbound, ManualClock } from '../../test/fixtures.js';
import type { Handler } from '../types/handler.js';
import { dedup } from './dedup.js';

describe('dedup middleware', () => {
  it('discards a redelivery of a consumed message within the window, handles it again after', async () => {
    const clock = new ManualClock();
    let calls = 0;
    const chain = dedup({ windowSeconds: 60, clock })(async () => {
      calls += 1;
      return { status: 'consumed' };
    });
    const message = inbound();
    expect(await chain(message, handlerContext())).toEqual({ status: 'consumed' });
    expect((await chain({ ...message, receiveCount: 2 }, handlerContext())).status).toBe(
      'discarded',
    );
    clock.advance(60_001);
    expect(await chain({ ...message, receiveCount: 3 }, handlerContext())).toEqual({
      status: 'consumed',
    });
    expect(calls).toBe(2);
  });

  it('does not remember failed deliveries', async () => {
    let calls = 0;
    const chain = dedup({ windowSeconds: 60 })(async () => {
      calls += 1;
      return { status: 'error', errorReason: 'x' };
    });
    const message = inbound();
    await chain(message, handlerContext());
    await chain(message, handlerContext());
    expect(calls).toBe(2);
  });

  it('puts back a second delivery of a message that is still running', async () => {
    let release: () => void = () => {};
    const slow: Handler = () =>
      new Promise((resolve) => {
        release = () => resolve({ status: 'consumed' });
      });
    const chain = dedup({ windowSeconds: 60 })(slow);
    const message = inbound();
    const first = chain(message, handlerContext());
    expect((await chain(message, handlerContext())).status).toBe('retryLater');
    release();
    expect(await first).toEqual({ status: 'consumed' });
  });

  it('forgets the oldest ids beyond maxEntries', async () => {
    const chain = dedup({ windowSeconds: 60, maxEntries: 2 })(async () => ({ status: 'consumed' }));
    const [a, b, c] = [inbound(), inbound(), inbound()];
    for (const m of [a, b, c]) await chain(m, handlerContext());
    expect((await chain(a, handlerContext())).status).toBe('consumed');
    expect((await chain(c, handlerContext())).status).toBe('discarded');
  });

  it('rejects a zero window naming the option', () => {
    expect(() => dedup({ windowSeconds: 0 })).toThrow(/dedupWindowSeconds/);
  });
});
