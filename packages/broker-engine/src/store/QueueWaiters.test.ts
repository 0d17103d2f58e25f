import { describe, expect, it } from 'vitest';
import { QueueWaiters } from './QueueWaiters.js';

const HOUR = 3_600_000;

/** Settles `promise` against one macrotask turn: true when it resolved by then. */
async function settled(promise: Promise<void>): Promise<boolean> {
  let done = false;
  void promise.then(() => {
    done = true;
  });
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe('QueueWaiters', () => {
  it('wakes only the waiters of the queue woken, and leaves no entry behind', async () => {
    const waiters = new QueueWaiters();
    const a1 = waiters.wait('a', HOUR);
    const a2 = waiters.wait('a', HOUR);
    const b = waiters.wait('b', HOUR);
    expect(waiters.queueCount).toBe(2);
    waiters.wake('a');
    expect(await settled(a1)).toBe(true);
    expect(await settled(a2)).toBe(true);
    expect(await settled(b)).toBe(false);
    expect(waiters.queueCount).toBe(1);
    waiters.wakeAll();
    expect(await settled(b)).toBe(true);
    expect(waiters.queueCount).toBe(0);
  });

  it('resolves on the timeout and on abort, dropping the waiter', async () => {
    const waiters = new QueueWaiters();
    await waiters.wait('q', 1);
    expect(waiters.queueCount).toBe(0);
    const abort = new AbortController();
    const aborted = waiters.wait('q', HOUR, abort.signal);
    abort.abort();
    expect(await settled(aborted)).toBe(true);
    expect(waiters.queueCount).toBe(0);
    expect(await settled(waiters.wait('q', HOUR, abort.signal))).toBe(true);
  });

  it('close wakes everyone and makes later waits return at once', async () => {
    const waiters = new QueueWaiters();
    const before = waiters.wait('q', HOUR);
    waiters.close();
    expect(await settled(before)).toBe(true);
    expect(await settled(waiters.wait('q', HOUR))).toBe(true);
    expect(waiters.queueCount).toBe(0);
  });
});
