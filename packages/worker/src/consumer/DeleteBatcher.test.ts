import { createMemoryBroker } from '@sealbus/memory';
import { afterEach, describe, expect, it } from 'vitest';
import { SettlementError } from '../errors/SettlementError.js';
import { DeleteBatcher } from './DeleteBatcher.js';

describe('DeleteBatcher', () => {
  const broker = createMemoryBroker();
  afterEach(async () => {
    for (const url of await broker.listQueues()) await broker.deleteQueue(url);
  });

  // SQS DeleteMessage: a superseded handle "will still succeed, but the message might not be
  // deleted"; only a handle SQS cannot decode fails, and only its own entry.
  it('deletes a turn of handles together and fails only the entry whose handle is malformed', async () => {
    const queue = await broker.createQueue('batched');
    for (let i = 0; i < 12; i++) await queue.send(String(i));
    const first = await queue.receive({ maxMessages: 10, visibilityTimeoutSeconds: 0 });
    const second = await queue.receive({ maxMessages: 10 });
    const fresh = new Set(second.map((m) => m.receiptHandle));
    // Visibility 0 let the second receive take the first ten again: their first handles are stale.
    const stale = first.find((m) => !fresh.has(m.receiptHandle))!;
    const batcher = new DeleteBatcher(queue);
    // Stale and malformed handles go first, into the batch of ten; the rest follow.
    const outcomes = await Promise.allSettled([
      batcher.delete(stale.receiptHandle),
      batcher.delete('not-a-handle'),
      ...second.map((m) => batcher.delete(m.receiptHandle)),
    ]);
    expect(outcomes[0]!.status).toBe('fulfilled');
    const rejected = outcomes.filter((o) => o.status === 'rejected');
    expect(rejected).toHaveLength(1);
    expect((rejected[0] as PromiseRejectedResult).reason).toBeInstanceOf(SettlementError);
    expect((rejected[0] as PromiseRejectedResult).reason).toMatchObject({
      code: 'ReceiptHandleIsInvalid',
    });
    const left = await queue.getAttributes();
    expect(left.ApproximateNumberOfMessages + left.ApproximateNumberOfMessagesNotVisible).toBe(
      12 - second.length,
    );
    await batcher.flush();
  });
});
