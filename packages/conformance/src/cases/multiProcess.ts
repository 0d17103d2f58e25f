import { expect } from 'vitest';
import { pause } from '../ConformanceCase.js';
import { openBody } from '../openBody.js';
import type { DefineCase } from '../runConformance.js';

export function multiProcessCases(test: DefineCase): void {
  test('a second process sees queues and messages of the first', ['multiProcess'], async (c) => {
    const other = await c.openAnother();
    const queue = await c.broker.createQueue(c.name('shared'));
    const sent = await queue.send('from process one');
    const otherQueue = await other.broker.getQueue(queue.url);
    const [message] = await other.receiveAll(otherQueue, 1);
    expect(message?.messageId).toBe(sent.messageId);
    expect(openBody(message)).toBe('from process one');
    await queue.delete(message!.receiptHandle);
    expect(await otherQueue.receive()).toEqual([]);
  });

  test('a long poll in one process wakes on a send from another', ['multiProcess'], async (c) => {
    const other = await c.openAnother();
    const queue = await c.broker.createQueue(c.name('wakeshared'));
    const otherQueue = await other.broker.getQueue(queue.name);
    const polling = queue.receive({ waitTimeSeconds: 20 });
    await pause(50);
    const sent = await otherQueue.send('cross-process');
    expect((await polling).map((m) => m.messageId)).toEqual([sent.messageId]);
  });

  test(
    "processes share the SSE-SQS key and each other's receipt handles",
    ['multiProcess', 'sse'],
    async (c) => {
      const other = await c.openAnother();
      const queue = await c.broker.createQueue(c.name('managedshared'));
      await queue.send('sealed by process one');
      const otherQueue = await other.broker.getQueue(queue.arn);
      await otherQueue.send('sealed by process two');
      const received = await c.receiveAll(queue, 2);
      expect(received.map((m) => openBody(m)).sort()).toEqual([
        'sealed by process one',
        'sealed by process two',
      ]);
      for (const message of received) await otherQueue.delete(message.receiptHandle);
      expect((await queue.getAttributes()).ApproximateNumberOfMessagesNotVisible).toBe(0);
    },
  );

  test(
    'messages, FIFO state and subscriptions survive a restart',
    ['persistent', 'fifo', 'topics'],
    async (c) => {
      const queue = await c.broker.createQueue(c.name('durable', true), { FifoQueue: true });
      const first = await queue.send('kept', { messageGroupId: 'g', messageDeduplicationId: 'k1' });
      const topic = await c.broker.createTopic(c.name('durabletopic'));
      const plain = await c.broker.createQueue(c.name('durablesub'));
      await topic.subscribe(plain, { rawMessageDelivery: true });
      const reopen = c.harness.reopen;
      if (reopen === undefined) throw new Error('This case needs harness.reopen (persistent)');
      const next = await reopen.call(c.harness);
      try {
        const again = await next.broker.getQueue(queue.name);
        const duplicate = await again.send('kept', {
          messageGroupId: 'g',
          messageDeduplicationId: 'k1',
        });
        expect(duplicate.messageId).toBe(first.messageId);
        const received = await again.receive({ maxMessages: 10 });
        expect(received.map((m) => openBody(m))).toEqual(['kept']);
        await (await next.broker.getTopic(topic.arn)).publish('after restart');
        const [delivered] = await (await next.broker.getQueue(plain.name)).receive();
        expect(openBody(delivered)).toBe('after restart');
      } finally {
        await next.close();
      }
    },
  );
}
