import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DlqInspector } from '../src/dlq/DlqInspector.js';
import { redriveToSource } from '../src/dlq/redriveToSource.js';
import { MessageMoveFailedError } from '../src/errors/MessageMoveFailedError.js';
import { UnrecoverableError } from '../src/errors/UnrecoverableError.js';
import { BACKENDS } from './helpers/backends.js';
import { eventually } from './helpers/eventually.js';
import { type Harness, harness, MANUAL_CLOCK_POLLING } from './helpers/scenario.js';

describe.each(BACKENDS)('dead-lettering on $name', (backend) => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness(backend);
  });
  afterEach(async () => {
    await h.dispose();
  });

  it('moves a poison message to the DLQ after maxReceiveCount, stored bytes still sealed', async () => {
    const { queue, dlq, keyArn } = await h.sealedQueueWithDlq(3);
    let attempts = 0;
    const deadLettered: string[] = [];
    const worker = h
      .worker()
      .handle(
        queue.name,
        async () => {
          attempts += 1;
          throw new Error('cannot parse record');
        },
        { ...MANUAL_CLOCK_POLLING, retry: { jitter: 0 } },
      )
      .on('deadLettered', (ref, arn) => deadLettered.push(`${ref.messageId}@${arn}`));
    const { messageId } = await queue.send(JSON.stringify({ patient: 'Jane Roe' }));
    await worker.start();
    for (let retry = 1; retry <= 2; retry++) {
      await eventually(() => expect(attempts).toBe(retry));
      h.clock.advance(2 ** (retry - 1) * 1000);
    }
    await worker.waitFor(messageId, 'deadLettered');
    await eventually(async () => expect(await h.broker.peek(dlq.name)).toHaveLength(1));
    expect(attempts).toBe(3);
    expect(deadLettered).toEqual([`${messageId}@${dlq.arn}`]);
    expect(await h.broker.peek(queue.name)).toEqual([]);
    const [stored] = await h.broker.peek(dlq.name);
    expect(stored).toMatchObject({
      messageId,
      sealed: true,
      keyArn,
      deadLetterQueueSourceArn: queue.arn,
    });
    expect(Buffer.from(stored!.storedBody).toString('latin1')).not.toContain('Jane Roe');
    expect(worker.metrics.snapshot()[queue.name]?.counters.deadLettered).toBe(1);
  });

  it('an UnrecoverableError skips the backoff and reaches the DLQ without running the handler again', async () => {
    const { queue, dlq } = await h.sealedQueueWithDlq(5);
    let attempts = 0;
    const worker = h.worker().handle(
      queue.name,
      async () => {
        attempts += 1;
        throw new UnrecoverableError('record references an unknown clinic');
      },
      MANUAL_CLOCK_POLLING,
    );
    const { messageId } = await queue.send('{}');
    await worker.start();
    await worker.waitFor(messageId, 'deadLettered');
    await eventually(async () => expect(await h.broker.peek(dlq.name)).toHaveLength(1));
    expect(attempts).toBe(1);
    expect(worker.handlerSpy.counts()).toMatchObject({ error: 5, retryLater: 0, deadLettered: 1 });
  });

  it('an invalid payload never reaches the handler and is dead-lettered with the reason', async () => {
    const { queue, dlq } = await h.sealedQueueWithDlq(2);
    const handled: unknown[] = [];
    const errors: unknown[] = [];
    const worker = h
      .worker()
      .handle(
        queue.name,
        async (message) => {
          handled.push(message.payload);
        },
        { ...MANUAL_CLOCK_POLLING, schema: z.object({ recordId: z.string().uuid() }) },
      )
      .on('processingError', (_ref, error) => errors.push(error));
    const { messageId } = await queue.send(JSON.stringify({ recordId: 'not-a-uuid' }));
    await worker.start();
    const record = await worker.waitFor(messageId, 'error');
    expect(record.errorReason).toMatch(/PayloadValidationError .*recordId: /);
    await eventually(async () => expect(await h.broker.peek(dlq.name)).toHaveLength(1));
    expect(handled).toEqual([]);
    expect(errors[0]).toMatchObject({ name: 'PayloadValidationError' });
  });

  it('inspects the DLQ without bodies and redrives it to the source with startMessageMove', async () => {
    const { queue, dlq, keyArn } = await h.sealedQueueWithDlq(1);
    let healthy = false;
    const worker = h.worker().handle(
      queue.name,
      async () => {
        if (!healthy) throw new UnrecoverableError('downstream rejected the record');
      },
      MANUAL_CLOCK_POLLING,
    );
    const { messageId } = await queue.send(JSON.stringify({ secret: 'Jane Roe' }));
    await worker.start();
    await worker.waitFor(messageId, 'deadLettered');
    await eventually(async () => expect(await h.broker.peek(dlq.name)).toHaveLength(1));

    const inspector = new DlqInspector(h.broker, dlq.name);
    const [summary] = await inspector.inspect();
    expect(summary).toMatchObject({ messageId, sourceArn: queue.arn });
    expect(JSON.stringify(summary)).not.toContain('Jane Roe');
    expect(await inspector.depth()).toEqual({ visible: 1, inFlight: 0 });

    healthy = true;
    const progress: string[] = [];
    const task = await redriveToSource(h.broker, dlq.name, {
      pollIntervalMs: 10,
      onProgress: (t) => progress.push(t.status),
    });
    expect(task).toMatchObject({ status: 'COMPLETED', approximateNumberOfMessagesMoved: 1 });
    expect(progress.at(-1)).toBe('COMPLETED');
    expect(await h.broker.peek(dlq.name)).toEqual([]);
    await eventually(() => expect(worker.handlerSpy.counts().consumed).toBe(1));
    expect(keyArn).toMatch(/^arn:aws:kms:/);
  });

  it('reports a cancelled move as MessageMoveFailedError with the task', async () => {
    const { queue, dlq } = await h.sealedQueueWithDlq(1);
    for (let i = 0; i < 5; i++) await dlq.send(JSON.stringify({ i }));
    let cancelled = false;
    const failure = await redriveToSource(h.broker, dlq.name, {
      destinationArn: queue.arn,
      maxPerSecond: 1,
      pollIntervalMs: 10,
      onProgress: (task) => {
        if (!cancelled && task.status === 'RUNNING') {
          cancelled = true;
          void h.broker.cancelMessageMoveTask(task.taskHandle);
        }
      },
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MessageMoveFailedError);
    expect((failure as MessageMoveFailedError).task.status).toBe('CANCELLED');
    expect((failure as Error).message).toMatch(/ended CANCELLED/);
  });
});
