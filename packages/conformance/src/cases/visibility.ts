import { expect } from 'vitest';
import { pause } from '../ConformanceCase.js';
import { openBody } from '../openBody.js';
import type { DefineCase } from '../runConformance.js';

export function visibilityCases(test: DefineCase): void {
  test(
    'hides a received message for the queue VisibilityTimeout',
    ['controllableClock'],
    async (c) => {
      const queue = await c.broker.createQueue(c.name('vt'), { VisibilityTimeout: 30 });
      await queue.send('once hidden');
      const [first] = await queue.receive();
      expect(first).toBeDefined();
      expect(await queue.receive()).toEqual([]);
      c.advanceSeconds(29);
      expect(await queue.receive()).toEqual([]);
      c.advanceSeconds(2);
      const [again] = await queue.receive();
      expect(again?.messageId).toBe(first!.messageId);
      expect(again!.attributes.ApproximateReceiveCount).toBe(2);
    },
  );

  test(
    'a per-receive visibility timeout overrides the queue default',
    ['controllableClock'],
    async (c) => {
      const queue = await c.broker.createQueue(c.name('vtoverride'), { VisibilityTimeout: 600 });
      await queue.send('short');
      await queue.receive({ visibilityTimeoutSeconds: 5 });
      c.advanceSeconds(6);
      expect(await queue.receive({ visibilityTimeoutSeconds: 5 })).toHaveLength(1);
    },
  );

  test('changeVisibility extends, and 0 releases at once', ['controllableClock'], async (c) => {
    const queue = await c.broker.createQueue(c.name('changevt'), { VisibilityTimeout: 10 });
    await queue.send('extend me');
    const [message] = await queue.receive();
    await queue.changeVisibility(message!.receiptHandle, 100);
    c.advanceSeconds(50);
    expect(await queue.receive()).toEqual([]);
    await queue.changeVisibility(message!.receiptHandle, 0);
    const [released] = await queue.receive();
    expect(released?.messageId).toBe(message!.messageId);
    await expect(queue.changeVisibility(released!.receiptHandle, 43_201)).rejects.toMatchObject({
      code: 'InvalidParameterValue',
    });
  });

  test(
    'changeVisibility on a message no longer in flight fails',
    ['controllableClock'],
    async (c) => {
      const queue = await c.broker.createQueue(c.name('notinflight'), { VisibilityTimeout: 5 });
      await queue.send('expires');
      const [message] = await queue.receive();
      c.advanceSeconds(6);
      await expect(queue.changeVisibility(message!.receiptHandle, 30)).rejects.toMatchObject({
        code: 'MessageNotInflight',
      });
    },
  );

  // SQS DeleteMessage: "if you don't provide the most recently received receipt handle for the
  // message, the request will still succeed, but the message might not be deleted".
  test(
    'a stale receipt handle deletes nothing and fails nothing; visibility changes refuse it',
    ['controllableClock'],
    async (c) => {
      const queue = await c.broker.createQueue(c.name('handles'), { VisibilityTimeout: 5 });
      await queue.send('handle me');
      const [first] = await queue.receive();
      c.advanceSeconds(6);
      const [second] = await queue.receive();
      expect(second!.receiptHandle).not.toBe(first!.receiptHandle);
      await queue.delete(first!.receiptHandle);
      // The stale delete left the message: the current handle still extends and deletes it.
      await queue.changeVisibility(second!.receiptHandle, 30);
      const batch = await queue.deleteBatch([
        { id: 'stale', receiptHandle: first!.receiptHandle },
        { id: 'current', receiptHandle: second!.receiptHandle },
      ]);
      expect(batch).toEqual({ successful: [{ id: 'stale' }, { id: 'current' }], failed: [] });
      await queue.delete(second!.receiptHandle);
      c.advanceSeconds(60);
      expect(await queue.receive()).toEqual([]);
      // SQS ChangeMessageVisibility answers a handle of a gone message with its own code and text.
      const staleText = `Value ${second!.receiptHandle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.`;
      await expect(queue.changeVisibility(second!.receiptHandle, 1)).rejects.toMatchObject({
        code: 'InvalidParameterValue',
        message: staleText,
      });
      const visibility = await queue.changeVisibilityBatch([
        { id: 'gone', receiptHandle: second!.receiptHandle, visibilityTimeoutSeconds: 1 },
      ]);
      expect(visibility.failed).toEqual([
        expect.objectContaining({ id: 'gone', code: 'InvalidParameterValue', message: staleText }),
      ]);
      // Only a handle SQS cannot decode is ReceiptHandleIsInvalid, on delete too.
      await expect(queue.delete('not-a-handle')).rejects.toMatchObject({
        code: 'ReceiptHandleIsInvalid',
        message: 'The input receipt handle "not-a-handle" is not a valid receipt handle.',
      });
    },
  );

  test(
    'tracks ApproximateReceiveCount and ApproximateFirstReceiveTimestamp',
    ['controllableClock'],
    async (c) => {
      const queue = await c.broker.createQueue(c.name('counts'), { VisibilityTimeout: 1 });
      const sentAt = c.clock.now();
      await queue.send('count me');
      c.advanceSeconds(3);
      const firstReceiveAt = c.clock.now();
      const [first] = await queue.receive();
      expect(first!.attributes.SentTimestamp).toBe(sentAt);
      expect(first!.attributes.ApproximateFirstReceiveTimestamp).toBe(firstReceiveAt);
      c.advanceSeconds(2);
      const [second] = await queue.receive();
      expect(second!.attributes.ApproximateReceiveCount).toBe(2);
      expect(second!.attributes.ApproximateFirstReceiveTimestamp).toBe(firstReceiveAt);
    },
  );

  test('per-message DelaySeconds keeps a message back', ['controllableClock'], async (c) => {
    const queue = await c.broker.createQueue(c.name('delay'));
    await queue.send('later', { delaySeconds: 30 });
    await queue.send('now');
    const [immediate] = await queue.receive({ maxMessages: 10 });
    expect(openBody(immediate)).toBe('now');
    expect((await queue.getAttributes()).ApproximateNumberOfMessagesDelayed).toBe(1);
    c.advanceSeconds(31);
    const [delayed] = await queue.receive();
    expect(openBody(delayed)).toBe('later');
    await expect(queue.send('too late', { delaySeconds: 901 })).rejects.toMatchObject({
      code: 'InvalidParameterValue',
    });
  });

  test('the queue DelaySeconds applies to every message', ['controllableClock'], async (c) => {
    const queue = await c.broker.createQueue(c.name('queuedelay'), { DelaySeconds: 10 });
    await queue.send('delayed by the queue');
    expect(await queue.receive()).toEqual([]);
    c.advanceSeconds(11);
    expect(await queue.receive()).toHaveLength(1);
  });

  test(
    'a long poll picks up a message whose delay ends during the poll',
    ['controllableClock'],
    async (c) => {
      const queue = await c.broker.createQueue(c.name('delaypoll'));
      await queue.send('soon', { delaySeconds: 5 });
      const polling = queue.receive({ waitTimeSeconds: 20 });
      await pause(30);
      c.advanceSeconds(6);
      expect((await polling).map((message) => openBody(message))).toEqual(['soon']);
    },
  );

  test('drops messages older than MessageRetentionPeriod', ['controllableClock'], async (c) => {
    const queue = await c.broker.createQueue(c.name('retention'), { MessageRetentionPeriod: 60 });
    await queue.send('old');
    c.advanceSeconds(30);
    await queue.send('newer');
    c.advanceSeconds(31);
    const received = await queue.receive({ maxMessages: 10 });
    expect(received.map((message) => openBody(message))).toEqual(['newer']);
    c.advanceSeconds(60);
    const attributes = await queue.getAttributes();
    expect(attributes.ApproximateNumberOfMessages).toBe(0);
    expect(attributes.ApproximateNumberOfMessagesNotVisible).toBe(0);
  });

  test('counts visible, in-flight and delayed messages', ['controllableClock'], async (c) => {
    const queue = await c.broker.createQueue(c.name('counters'));
    await queue.send('a');
    await queue.send('b');
    await queue.send('c');
    await queue.send('d', { delaySeconds: 60 });
    await queue.receive();
    const attributes = await queue.getAttributes();
    expect(attributes).toMatchObject({
      ApproximateNumberOfMessages: 2,
      ApproximateNumberOfMessagesNotVisible: 1,
      ApproximateNumberOfMessagesDelayed: 1,
      QueueArn: queue.arn,
    });
  });
}
