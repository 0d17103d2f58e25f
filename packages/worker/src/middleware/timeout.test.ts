import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handlerContext, inbound } from '../../test/fixtures.js';
import { HandlerTimeoutError } from '../errors/HandlerTimeoutError.js';
import { timeout } from './timeout.js';

describe('timeout middleware', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fails a slow handler with HandlerTimeoutError and aborts its signal', async () => {
    let seen: AbortSignal | undefined;
    const chain = timeout(1_000)(
      (_m, context) =>
        new Promise(() => {
          seen = context.signal;
        }),
    );
    const outcome = chain(inbound(), handlerContext());
    const assertion = expect(outcome).rejects.toBeInstanceOf(HandlerTimeoutError);
    await vi.advanceTimersByTimeAsync(1_000);
    await assertion;
    expect(seen?.aborted).toBe(true);
    expect(seen?.reason).toBeInstanceOf(HandlerTimeoutError);
  });

  it('returns the result of a handler that finishes in time and clears its timer', async () => {
    const chain = timeout(1_000)(async () => ({ status: 'consumed' }));
    await expect(chain(inbound(), handlerContext())).resolves.toEqual({ status: 'consumed' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('propagates an outer abort to a running handler', async () => {
    const outer = new AbortController();
    const chain = timeout(1_000)(
      (_m, context) =>
        new Promise((resolve) => {
          context.signal.addEventListener('abort', () => resolve({ status: 'retryLater' }));
        }),
    );
    const outcome = chain(inbound(), handlerContext({ signal: outer.signal }));
    outer.abort();
    await expect(outcome).resolves.toEqual({ status: 'retryLater' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects a non-positive timeout naming handlerTimeoutMs', () => {
    expect(() => timeout(0)).toThrow(/handlerTimeoutMs/);
  });
});
