import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKENDS } from './helpers/backends.js';
import { eventually } from './helpers/eventually.js';
import { type Harness, harness, uniqueName } from './helpers/scenario.js';

describe.each(BACKENDS)('graceful shutdown on $name', (backend) => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness(backend);
  });
  afterEach(async () => {
    await h.dispose();
  });

  /** Remaining messages in the queue, received (and deleted) by a plain consumer. */
  async function drainQueue(name: string): Promise<string[]> {
    const queue = await h.broker.getQueue(name);
    const ids: string[] = [];
    for (;;) {
      const batch = await queue.receive({ maxMessages: 10, waitTimeSeconds: 0 });
      if (batch.length === 0) return ids;
      for (const m of batch) {
        ids.push(m.messageId);
        await queue.delete(m.receiptHandle);
      }
    }
  }

  it('lets in-flight handlers finish, stops receiving and leaves the rest in the queue', async () => {
    const queue = await h.broker.createQueue(uniqueName('drain'));
    const sent: string[] = [];
    for (let i = 0; i < 10; i++) sent.push((await queue.send(JSON.stringify({ i }))).messageId);
    const handled: string[] = [];
    const gates: Array<() => void> = [];
    const events: string[] = [];
    const worker = h
      .worker()
      .handle(
        queue.name,
        async (message) => {
          await new Promise<void>((resolve) => gates.push(resolve));
          handled.push(message.messageId);
        },
        { concurrency: 4, waitTimeSeconds: 20 },
      )
      .on('closing', () => events.push('closing'))
      .on('closed', () => events.push('closed'));
    await worker.start();
    await eventually(() => expect(gates).toHaveLength(4));
    const closed = worker.close({ timeoutMs: 10_000 });
    for (const open of gates) open();
    await closed;
    expect(worker.state).toBe('closed');
    expect(events).toEqual(['closing', 'closed']);
    expect(handled).toHaveLength(4);
    const remaining = await drainQueue(queue.name);
    expect([...handled, ...remaining].sort()).toEqual([...sent].sort());
  });

  it('gives unfinished messages back at the timeout and drops their late results', async () => {
    const queue = await h.broker.createQueue(uniqueName('stuck'));
    const { messageId } = await queue.send('{}');
    let aborted: unknown;
    let finish: () => void = () => {};
    const worker = h.worker().handle(
      queue.name,
      (_message, context) =>
        new Promise((resolve) => {
          context.signal.addEventListener('abort', () => {
            aborted = context.signal.reason;
          });
          finish = () => resolve({ status: 'consumed' });
        }),
      { waitTimeSeconds: 20 },
    );
    await worker.start();
    await eventually(() =>
      expect(worker.metrics.snapshot()[queue.name]?.counters.received).toBe(1),
    );
    await worker.close({ timeoutMs: 1 });
    expect(aborted).toMatchObject({ name: 'WorkerStateError' });
    finish();
    const [back] = await queue.receive({ waitTimeSeconds: 0 });
    expect(back?.messageId).toBe(messageId);
    expect(back?.attributes.ApproximateReceiveCount).toBe(2);
    expect(worker.handlerSpy.checkForMessage(messageId)).toBeUndefined();
  });

  it('force: releases at once; close is idempotent and can close the broker', async () => {
    const queue = await h.broker.createQueue(uniqueName('force'));
    await queue.send('{}');
    const worker = h
      .worker({ closeBroker: true })
      .handle(queue.name, () => new Promise(() => {}), { waitTimeSeconds: 20 });
    await worker.start();
    await eventually(() =>
      expect(worker.metrics.snapshot()[queue.name]?.counters.received).toBe(1),
    );
    const counts = await queue.getAttributes();
    expect(counts.ApproximateNumberOfMessagesNotVisible).toBe(1);
    const first = worker.close({ force: true });
    expect(worker.close()).toBe(first);
    await first;
    await expect(queue.getAttributes()).rejects.toMatchObject({ name: 'BrokerClosedError' });
  });

  // A close that waited out the 20 s long poll would exceed this test's timeout.
  it('aborts an idle long poll instead of waiting for it to time out', {
    timeout: 5_000,
  }, async () => {
    const queue = await h.broker.createQueue(uniqueName('idle'));
    const worker = h.worker().handle(queue.name, async () => undefined, { waitTimeSeconds: 20 });
    await worker.start();
    await worker.close({ timeoutMs: 10_000 });
    expect(worker.state).toBe('closed');
  });
});
