import type { Broker, Queue, ReceiveOptions } from '@sealbus/core';
import { silentLogger } from '@sealbus/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DuplicateHandlerError } from '../src/errors/DuplicateHandlerError.js';
import { UnrecoverableError } from '../src/errors/UnrecoverableError.js';
import { WorkerStateError } from '../src/errors/WorkerStateError.js';
import { Worker } from '../src/Worker.js';
import { BACKENDS } from './helpers/backends.js';
import { eventually } from './helpers/eventually.js';
import { type Harness, harness, uniqueName } from './helpers/scenario.js';

/** `target` with some methods replaced; the rest stay bound to the real object. */
function delegate<T extends object>(target: T, overrides: Partial<T>): T {
  return new Proxy(target, {
    get(object, property) {
      if (property in overrides) return overrides[property as keyof T];
      const value = Reflect.get(object, property, object);
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
}

describe.each(BACKENDS)('worker lifecycle on $name', (backend) => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness(backend);
  });
  afterEach(async () => {
    await h.dispose();
  });

  it('rejects misuse with errors that say what to do', async () => {
    const queue = await h.broker.createQueue(uniqueName('misuse'));
    expect(() => new Worker({} as never)).toThrow(/deps\.broker is required/);
    const quiet = h.worker({ handlerSpy: false });
    expect(() => quiet.handlerSpy).toThrow(/handlerSpy: true/);
    await expect(quiet.start()).rejects.toBeInstanceOf(WorkerStateError);
    const worker = h.worker().handle(queue.name, async () => undefined, { waitTimeSeconds: 1 });
    expect(() => worker.handle(queue.name, async () => undefined)).toThrow(DuplicateHandlerError);
    expect(() => worker.handle('', async () => undefined)).toThrow(/queueName/);
    expect(() => worker.handle('other', async () => undefined, { batchSize: 0 })).toThrow(
      /batchSize/,
    );
    await worker.start();
    expect(worker.state).toBe('running');
    expect(() => worker.handle('late', async () => undefined)).toThrow(/before start/);
    await expect(worker.start()).rejects.toThrow(/running/);
    await expect(worker.close({ timeoutMs: -1 })).rejects.toThrow(/timeoutMs/);
    expect(worker.state).toBe('running');
  });

  it('a close during start wins: no consumer starts receiving', async () => {
    const queue = await h.broker.createQueue(uniqueName('close-during-start'));
    await queue.send('{}');
    const worker = h.worker().handle(queue.name, async () => undefined, { waitTimeSeconds: 1 });
    const starting = worker.start();
    const closing = worker.close();
    await Promise.all([starting, closing]);
    expect(worker.state).toBe('closed');
    const attributes = await queue.getAttributes();
    expect(attributes.ApproximateNumberOfMessages).toBe(1);
    expect(worker.metrics.snapshot()).toEqual({});
  });

  it('refuses maxAttempts above the queue redrive maxReceiveCount, and a missing queue', async () => {
    const { queue } = await h.sealedQueueWithDlq(3);
    const worker = h.worker().handle(queue.name, async () => undefined, { maxAttempts: 5 });
    await expect(worker.start()).rejects.toThrow(/maxAttempts \(5\).*maxReceiveCount \(3\)/);
    expect(worker.state).toBe('idle');
    const missing = h.worker().handle('no-such-queue', async () => undefined);
    await expect(missing.start()).rejects.toMatchObject({ code: 'QueueDoesNotExist' });
  });

  it('gives up at maxAttempts below maxReceiveCount and leaves the message for redrive', async () => {
    const { queue, dlq } = await h.sealedQueueWithDlq(10);
    const worker = h.worker().handle(
      queue.name,
      async () => {
        throw new Error('always');
      },
      { waitTimeSeconds: 0, pollingWaitTimeMs: 2, maxAttempts: 1 },
    );
    const { messageId } = await queue.send('{}');
    await worker.start();
    const record = await worker.waitFor(messageId, 'error');
    expect(record.errorReason).toContain('attempt 1 of 1');
    // Released, not deleted: it stays in the source until its count passes maxReceiveCount.
    expect((await h.broker.peek(queue.name)).map((m) => m.messageId)).toEqual([messageId]);
    expect(await h.broker.peek(dlq.name)).toEqual([]);
  });

  it('parks a given-up message for retry.maxDelaySeconds when the queue has no RedrivePolicy', async () => {
    const queue = await h.broker.createQueue(uniqueName('no-redrive'));
    const worker = h.worker().handle(
      queue.name,
      async () => {
        throw new UnrecoverableError('bad record');
      },
      { waitTimeSeconds: 1, retry: { maxDelaySeconds: 600 } },
    );
    const { messageId } = await queue.send('{}');
    await worker.start();
    await worker.waitFor(messageId, 'error');
    await eventually(async () => {
      const [stored] = await h.broker.peek(queue.name);
      expect(stored?.visibleAt).toBe(h.clock.now() + 600_000);
    });
  });

  it('reports a failing receive as an error event and keeps polling', async () => {
    const real = await h.broker.createQueue(uniqueName('flaky-broker'));
    let failures = 1;
    // Only a stand-in can fail one receive on demand; everything else goes to the real queue.
    const receive = (options?: ReceiveOptions) => {
      if (failures-- > 0) return Promise.reject(new Error('connection reset'));
      return real.receive(options);
    };
    const flakyQueue = delegate<Queue>(real, { receive });
    const broker = delegate<Broker>(h.broker, { getQueue: async () => flakyQueue });
    const worker = new Worker({ broker, logger: silentLogger }, { handlerSpy: true });
    h.workers.push(worker);
    const errors: string[] = [];
    worker.handle(real.name, async () => undefined, { waitTimeSeconds: 1 });
    worker.on('error', (error, context) =>
      errors.push(`${context.operation}:${(error as Error).message}`),
    );
    await worker.start();
    const { messageId } = await real.send('{}');
    await worker.waitFor(messageId);
    expect(errors).toEqual(['receive:connection reset']);
  });

  it('times out a slow handler, aborts its signal and retries it', async () => {
    const queue = await h.broker.createQueue(uniqueName('timeout'));
    let aborted = false;
    const worker = h.worker().handle(
      queue.name,
      (_m, context) =>
        new Promise(() => {
          context.signal.addEventListener('abort', () => {
            aborted = true;
          });
        }),
      { waitTimeSeconds: 1, handlerTimeoutMs: 20, retry: { jitter: 0, baseDelaySeconds: 5 } },
    );
    const { messageId } = await queue.send('{}');
    await worker.start();
    const record = await worker.waitFor(messageId, 'retryLater');
    expect(record.errorReason).toMatch(/HandlerTimeoutError.*handlerTimeoutMs \(20 ms\)/);
    expect(aborted).toBe(true);
    const [stored] = await h.broker.peek(queue.name);
    expect(stored!.visibleAt).toBe(h.clock.now() + 5_000);
  });

  it('emits drained when the queue runs empty', async () => {
    const queue = await h.broker.createQueue(uniqueName('drained'));
    const worker = h.worker().handle(queue.name, async () => undefined, {
      waitTimeSeconds: 0,
      pollingWaitTimeMs: 5,
    });
    const drained = vi.fn();
    worker.on('drained', drained);
    await queue.send('{}');
    await worker.start();
    await eventually(() => expect(drained).toHaveBeenCalledWith(queue.name));
  });
});
