import type { Queue } from '@sealbus/core';
import { createMemoryBroker } from '@sealbus/memory';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Heartbeat } from './Heartbeat.js';

describe('Heartbeat', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('extends every interval, one extension at a time, and stop waits for the one in flight', async () => {
    const broker = createMemoryBroker();
    const real = await broker.createQueue('heartbeat');
    await real.send('{}');
    const [message] = await real.receive({ visibilityTimeoutSeconds: 30 });
    // Only a stand-in can hold an extension in flight on demand; it then goes to the real queue.
    const calls: number[] = [];
    let land: () => void = () => {};
    const queue = {
      changeVisibility: (handle: string, seconds: number) => {
        calls.push(seconds);
        return new Promise<void>((resolve) => {
          land = () => void real.changeVisibility(handle, seconds).then(resolve);
        });
      },
    } as unknown as Queue;
    const heartbeat = new Heartbeat(queue, message!.receiptHandle, 1, 30, () => {});
    await vi.advanceTimersByTimeAsync(1_000);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls).toEqual([30]);
    let stopped = false;
    const stopping = heartbeat.stop().then(() => {
      stopped = true;
    });
    await Promise.resolve();
    expect(stopped).toBe(false);
    land();
    await stopping;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(calls).toEqual([30]);
    await broker.close();
  });

  it('stops at the first failed extension and reports it', async () => {
    const broker = createMemoryBroker();
    const queue = await broker.createQueue('heartbeat-gone');
    const errors: unknown[] = [];
    const heartbeat = new Heartbeat(queue, 'not-a-live-handle', 1, 30, (error) =>
      errors.push(error),
    );
    await vi.advanceTimersByTimeAsync(1_000);
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    await vi.advanceTimersByTimeAsync(3_000);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'ReceiptHandleIsInvalid' });
    await heartbeat.stop();
    await broker.close();
  });
});
