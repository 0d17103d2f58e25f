import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BACKENDS } from './helpers/backends.js';
import { eventually } from './helpers/eventually.js';
import { type Harness, harness, MANUAL_CLOCK_POLLING, uniqueName } from './helpers/scenario.js';

describe.each(BACKENDS)('worker on $name', (backend) => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness(backend);
  });
  afterEach(async () => {
    await h.dispose();
  });

  it('consumes typed payloads and deletes them', async () => {
    const queue = await h.broker.createQueue(uniqueName('orders'));
    const seen: number[] = [];
    const worker = h.worker().handle(
      queue.name,
      async (message) => {
        seen.push(message.payload.orderId);
      },
      { schema: z.object({ orderId: z.number() }), waitTimeSeconds: 1 },
    );
    await worker.start();
    const { messageId } = await queue.send(JSON.stringify({ orderId: 42 }));
    await worker.waitFor(messageId, 'consumed');
    expect(seen).toEqual([42]);
    await eventually(async () => expect(await h.broker.peek(queue.name)).toEqual([]));
    expect(worker.metrics.snapshot()[queue.name]?.counters).toMatchObject({
      received: 1,
      succeeded: 1,
    });
  });

  it('never runs more handlers at once than concurrency', async () => {
    const queue = await h.broker.createQueue(uniqueName('bounded'));
    let running = 0;
    let peak = 0;
    const gates: Array<() => void> = [];
    const worker = h.worker().handle(
      queue.name,
      async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise<void>((resolve) => gates.push(resolve));
        running -= 1;
      },
      { concurrency: 3, batchSize: 10, waitTimeSeconds: 1 },
    );
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await queue.send(JSON.stringify({ i }))).messageId);
    await worker.start();
    for (let wave = 0; wave < 4; wave++) {
      await eventually(() => expect(gates.length).toBe(3));
      expect(running).toBe(3);
      // Received but not running: at most the previous wave, whose deletes may still be landing.
      const attributes = await queue.getAttributes();
      expect(attributes.ApproximateNumberOfMessagesNotVisible).toBeLessThanOrEqual(6);
      for (const open of gates.splice(0)) open();
    }
    await Promise.all(ids.map((id) => worker.waitFor(id, 'consumed')));
    expect(peak).toBe(3);
  });

  it('backs off retries through changeVisibility: 1 s, 2 s, 4 s without jitter', async () => {
    const queue = await h.broker.createQueue(uniqueName('flaky'));
    let attempts = 0;
    const delays: number[] = [];
    const worker = h
      .worker()
      .handle(
        queue.name,
        async () => {
          attempts += 1;
          if (attempts < 4) throw new Error('downstream unavailable');
        },
        { ...MANUAL_CLOCK_POLLING, retry: { baseDelaySeconds: 1, jitter: 0 } },
      )
      .on('retried', (_ref, delaySeconds) => delays.push(delaySeconds));
    const { messageId } = await queue.send('{}');
    await worker.start();
    for (const expected of [1, 2, 4]) {
      await eventually(() => expect(delays.length).toBe(Math.log2(expected) + 1));
      const [stored] = await h.broker.peek(queue.name);
      expect(stored?.visibleAt).toBe(h.clock.now() + expected * 1000);
      h.clock.advance(expected * 1000 - 1);
      expect(await queue.receive({ waitTimeSeconds: 0 })).toEqual([]);
      h.clock.advance(1);
    }
    const record = await worker.waitFor(messageId, 'consumed');
    expect(record.receiveCount).toBe(4);
    expect(delays).toEqual([1, 2, 4]);
    expect(worker.handlerSpy.counts()).toMatchObject({ retryLater: 3, consumed: 1 });
  });

  it('keeps a slow message invisible with heartbeats while its handler runs', async () => {
    const queue = await h.broker.createQueue(uniqueName('slow'));
    let finish: () => void = () => {};
    const started = new Promise<void>((ready) => {
      h.worker()
        .handle(
          queue.name,
          () =>
            new Promise((resolve) => {
              finish = () => resolve({ status: 'consumed' });
              ready();
            }),
          { visibilityTimeoutSeconds: 2, heartbeatIntervalSeconds: 0.02, waitTimeSeconds: 1 },
        )
        .start();
    });
    const { messageId } = await queue.send('{}');
    await started;
    for (let i = 0; i < 10; i++) {
      const before = h.clock.now();
      h.clock.advance(1_500);
      // The next heartbeat pushes the deadline a full visibility timeout past the new now.
      await eventually(async () => {
        const [stored] = await h.broker.peek(queue.name);
        expect(stored?.visibleAt).toBeGreaterThanOrEqual(before + 1_500 + 2_000);
      });
      expect(await queue.receive({ waitTimeSeconds: 0 })).toEqual([]);
    }
    finish();
    const record = await h.workers[0]!.waitFor(messageId, 'consumed');
    expect(record.receiveCount).toBe(1);
  });

  it('without heartbeats the same slow message becomes visible again', async () => {
    const queue = await h.broker.createQueue(uniqueName('slow-unguarded'));
    let finish: () => void = () => {};
    const worker = h.worker().handle(
      queue.name,
      () =>
        new Promise((resolve) => {
          finish = () => resolve({ status: 'consumed' });
        }),
      { visibilityTimeoutSeconds: 2, heartbeatIntervalSeconds: 0, waitTimeSeconds: 1 },
    );
    const { messageId } = await queue.send('{}');
    await worker.start();
    await eventually(() =>
      expect(worker.metrics.snapshot()[queue.name]?.counters.received).toBe(1),
    );
    h.clock.advance(2_000);
    const [again] = await queue.receive({ waitTimeSeconds: 0 });
    expect(again?.messageId).toBe(messageId);
    await queue.delete(again!.receiptHandle);
    finish();
  });
});
