import type { Queue } from '@sealbus/core';

/** 1 KiB of printable text: the body of every benchmarked message. */
export const BODY = 'x'.repeat(1024);

/** How a cycle deletes several received messages. */
export type DeleteMode = 'deleteBatch' | 'concurrentDeletes';

/**
 * One caller's full SQS cycle until `deadline`: send `batch` messages, receive up to `batch`,
 * delete what was received (with batch > 1: one `deleteBatch`, or single deletes issued together
 * so the store can group-commit them). Returns how many messages it deleted.
 */
export async function cycle(
  queue: Queue,
  batch: number,
  deadline: number,
  deleteMode: DeleteMode = 'deleteBatch',
): Promise<number> {
  let done = 0;
  const entries = Array.from({ length: batch }, (_, i) => ({ id: `e${i}`, body: BODY }));
  while (performance.now() < deadline) {
    if (batch === 1) await queue.send(BODY);
    else await queue.sendBatch(entries);
    const messages = await queue.receive({ maxMessages: batch, waitTimeSeconds: 0 });
    if (messages.length === 1) await queue.delete(messages[0]!.receiptHandle);
    else if (deleteMode === 'concurrentDeletes') {
      await Promise.all(messages.map((m) => queue.delete(m.receiptHandle)));
    } else if (messages.length > 1) {
      const result = await queue.deleteBatch(messages.map((m) => m.receiptHandle));
      if (result.failed.length > 0)
        throw new Error(`deleteBatch failed: ${result.failed[0]!.message}`);
    }
    done += messages.length;
  }
  return done;
}
