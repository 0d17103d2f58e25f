import type { Broker } from '@sealbus/core';

export const BODY = 'x'.repeat(1024);

/** How long a contender runs unmeasured first, so no measured window pays for its JIT warm-up. */
export const WARM_UP_MS = 1_000;

/**
 * `loops` concurrent send → receive → delete loops on one queue until `deadline` (wall ms);
 * returns the messages deleted. Batch 10 uses SendMessageBatch and DeleteMessageBatch.
 */
export async function sendReceiveDelete(
  broker: Broker,
  queueName: string,
  batch: number,
  loops: number,
  deadline: number,
): Promise<number> {
  const queue = await broker.getQueue(queueName);
  const entries = Array.from({ length: batch }, (_, index) => ({ id: String(index), body: BODY }));
  let done = 0;
  await Promise.all(
    Array.from({ length: loops }, async () => {
      while (Date.now() < deadline) {
        if (batch === 1) await queue.send(BODY);
        else await queue.sendBatch(entries);
        const messages = await queue.receive({ maxMessages: batch });
        if (messages.length === 0) continue;
        if (messages.length === 1) await queue.delete(messages[0]!.receiptHandle);
        else await queue.deleteBatch(messages.map((message) => message.receiptHandle));
        done += messages.length;
      }
    }),
  );
  return done;
}
