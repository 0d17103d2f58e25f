import { expect } from 'vitest';
import type { DefineStoreCase } from './runStoreConformance.js';
import type { StoreFixture } from './StoreFixture.js';
import { ok, T0, text } from './StoreFixture.js';

const ARN = 'arn:aws:sqs:us-east-1:000000000000:';

/** Queue `src` with a message received `count` times, whose redrive points at `dlq`. */
async function overLimit(fx: StoreFixture, count: number, src = 'src') {
  await fx.queue(src);
  await fx.send(src, fx.message('tired', { encryptionContext: { 'aws:sqs:arn': `${ARN}${src}` } }));
  for (let i = 0; i < count; i++) await fx.receive(src, 1, T0 + i * 30_000);
  return {
    redrive: { deadLetterQueueName: 'dlq', sourceArn: `${ARN}${src}`, maxReceiveCount: count },
  };
}

/** Moves a message from `src` into `dlq` through a receive. */
async function deadLettered(fx: StoreFixture, src = 'src') {
  if ((await fx.store.getQueue('dlq')) === undefined) await fx.queue('dlq');
  const redrive = await overLimit(fx, 1, src);
  expect((await fx.receive(src, 1, T0 + 30_000, redrive)).deadLettered).toBe(1);
}

export function moveCases(test: DefineStoreCase): void {
  test(
    'moves a message over maxReceiveCount to the dead-letter queue with its bytes',
    [],
    async (fx) => {
      await fx.queue('dlq');
      const redrive = await overLimit(fx, 2);
      const before = (await fx.peek('src'))[0]!;
      const result = await fx.receive('src', 1, T0 + 60_000, redrive);
      expect(result).toEqual({ messages: [], deadLettered: 1 });
      const [moved] = await fx.peek('dlq');
      expect(moved).toMatchObject({
        messageId: before.messageId,
        sentTimestamp: T0,
        receiveCount: 0,
        deadLetterQueueSourceArn: `${ARN}src`,
        encryptionContext: before.encryptionContext,
      });
      expect([...moved!.body]).toEqual([...before.body]);
      expect(moved!.receiptHandle).toBeUndefined();
      expect(ok(await fx.store.counters('src', T0 + 60_000)).visible).toBe(0);
    },
  );

  test('claims as usual when the dead-letter queue does not exist', [], async (fx) => {
    const redrive = await overLimit(fx, 1);
    const result = await fx.receive('src', 1, T0 + 30_000, redrive);
    expect(result.deadLettered).toBe(0);
    expect(result.messages.map(text)).toEqual(['tired']);
  });

  test('moves dead-lettered messages back to their source, receive count reset', [], async (fx) => {
    await deadLettered(fx);
    const moved = ok(
      await fx.store.moveMessages({ sourceQueueName: 'dlq', limit: 10 }, T0 + 40_000),
    );
    expect(moved).toEqual({ moved: 1, remaining: 0 });
    const [back] = await fx.peek('src');
    expect(back).toMatchObject({ receiveCount: 0, sentTimestamp: T0, visibleAt: T0 + 40_000 });
    expect(back!.deadLetterQueueSourceArn).toBeUndefined();
  });

  test('moves to a named destination, at most limit per call', [], async (fx) => {
    await fx.queue('dlq');
    await fx.queue('elsewhere');
    await fx.send('dlq', fx.message('a'), fx.message('b'), fx.message('c'));
    const request = { sourceQueueName: 'dlq', destinationQueueName: 'elsewhere', limit: 2 };
    expect(ok(await fx.store.moveMessages(request, T0))).toEqual({ moved: 2, remaining: 1 });
    expect((await fx.peek('elsewhere')).map(text)).toEqual(['a', 'b']);
  });

  // The divergence this contract settles: a message whose source queue was deleted. SQS fails
  // the move task (ListMessageMoveTasks reports FAILED with a FailureReason); no store may report
  // the batch moved, and nothing of the batch moves.
  test('moves nothing and names the queue when a message source queue is gone', [], async (fx) => {
    await deadLettered(fx, 'kept');
    await deadLettered(fx);
    await fx.store.deleteQueue('src');
    const result = await fx.store.moveMessages({ sourceQueueName: 'dlq', limit: 10 }, T0 + 40_000);
    expect(result).toMatchObject({ miss: 'moveDestinationMissing', queueName: 'src' });
    expect(ok(await fx.store.counters('dlq', T0 + 40_000)).visible).toBe(2);
    expect(ok(await fx.store.counters('kept', T0 + 40_000)).visible).toBe(0);
    const named = { sourceQueueName: 'dlq', destinationQueueName: 'nowhere', limit: 10 };
    expect(await fx.store.moveMessages(named, T0 + 40_000)).toMatchObject({
      miss: 'moveDestinationMissing',
      queueName: 'nowhere',
    });
  });

  test(
    'refuses to move a message never dead-lettered without a destination, or from a missing queue',
    [],
    async (fx) => {
      await fx.queue('dlq');
      await fx.send('dlq', fx.message('stray'));
      expect(await fx.store.moveMessages({ sourceQueueName: 'dlq', limit: 10 }, T0)).toMatchObject({
        miss: 'moveSourceUnknown',
        queueName: 'dlq',
      });
      expect(ok(await fx.store.counters('dlq', T0)).visible).toBe(1);
      expect(await fx.store.moveMessages({ sourceQueueName: 'gone', limit: 1 }, T0)).toEqual({
        miss: 'queueMissing',
        queueName: 'gone',
      });
    },
  );
}
