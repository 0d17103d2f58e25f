import { expect } from 'vitest';
import { openBody } from '../openBody.js';
import type { DefineCase } from '../runConformance.js';

export function fifoCases(test: DefineCase): void {
  // SQS SendMessage DelaySeconds: "FIFO queues don't support per-message delays, only per-queue
  // delays"; the default 0 is still accepted, any other value refused.
  test(
    'a FIFO queue accepts DelaySeconds 0 and refuses other per-message delays',
    ['fifo'],
    async (c) => {
      const queue = await c.broker.createQueue(c.name('nodelay', true), {
        FifoQueue: true,
        ContentBasedDeduplication: true,
      });
      await queue.send('now', { messageGroupId: 'g', delaySeconds: 0 });
      const batch = await queue.sendBatch([
        { id: 'zero', body: 'zero', messageGroupId: 'g', delaySeconds: 0 },
        { id: 'five', body: 'five', messageGroupId: 'g', delaySeconds: 5 },
      ]);
      expect(batch.successful.map((entry) => entry.id)).toEqual(['zero']);
      // Library messages differ by design (the AWS backend carries SQS's text, the engine its
      // own with a hint); the gateway's compat suites assert SQS's text on the wire.
      const refused = {
        code: 'InvalidParameterValue',
        message: expect.stringMatching(/DelaySeconds.*\b5\b|\b5\b.*DelaySeconds/),
      };
      expect(batch.failed).toEqual([expect.objectContaining({ id: 'five', ...refused })]);
      await expect(
        queue.send('later', { messageGroupId: 'g', delaySeconds: 5 }),
      ).rejects.toMatchObject(refused);
    },
  );

  test(
    'delivers a message group in order and blocks it while a message is in flight',
    ['fifo'],
    async (c) => {
      const queue = await c.broker.createQueue(c.name('order', true), {
        FifoQueue: true,
        ContentBasedDeduplication: true,
      });
      for (let i = 0; i < 3; i++) await queue.send(`a${i}`, { messageGroupId: 'A' });
      await queue.send('b0', { messageGroupId: 'B' });
      const [first] = await queue.receive();
      expect(openBody(first)).toBe('a0');
      const others = await queue.receive({ maxMessages: 10 });
      // Group A is blocked while a0 is in flight; group B still flows.
      expect(others.map((message) => openBody(message))).toEqual(['b0']);
      await queue.delete(first!.receiptHandle);
      const rest = await queue.receive({ maxMessages: 10 });
      expect(rest.map((message) => openBody(message))).toEqual(['a1', 'a2']);
    },
  );

  test('a released message goes out again before the rest of its group', ['fifo'], async (c) => {
    const queue = await c.broker.createQueue(c.name('redeliver', true), {
      FifoQueue: true,
      ContentBasedDeduplication: true,
    });
    await queue.send('first', { messageGroupId: 'g' });
    await queue.send('second', { messageGroupId: 'g' });
    const [first] = await queue.receive();
    await queue.changeVisibility(first!.receiptHandle, 0);
    const [again] = await queue.receive();
    expect(openBody(again)).toBe('first');
    expect(again!.attributes.ApproximateReceiveCount).toBe(2);
  });

  test(
    'deduplicates by MessageDeduplicationId for 5 minutes',
    ['fifo', 'controllableClock'],
    async (c) => {
      const queue = await c.broker.createQueue(c.name('dedup', true), { FifoQueue: true });
      const original = await queue.send('once', {
        messageGroupId: 'g',
        messageDeduplicationId: 'd1',
      });
      const duplicate = await queue.send('once again', {
        messageGroupId: 'g',
        messageDeduplicationId: 'd1',
      });
      expect(duplicate.messageId).toBe(original.messageId);
      const received = await queue.receive({ maxMessages: 10 });
      expect(received.map((message) => openBody(message))).toEqual(['once']);
      await queue.delete(received[0]!.receiptHandle);
      c.advanceSeconds(5 * 60 + 1);
      const later = await queue.send('after the window', {
        messageGroupId: 'g',
        messageDeduplicationId: 'd1',
      });
      expect(later.messageId).not.toBe(original.messageId);
      expect((await queue.receive()).map((message) => openBody(message))).toEqual([
        'after the window',
      ]);
    },
  );

  test('DeduplicationScope messageGroup deduplicates within a group only', ['fifo'], async (c) => {
    const queue = await c.broker.createQueue(c.name('scope', true), {
      FifoQueue: true,
      DeduplicationScope: 'messageGroup',
      FifoThroughputLimit: 'perMessageGroupId',
    });
    const a = await queue.send('in A', { messageGroupId: 'A', messageDeduplicationId: 'same' });
    const b = await queue.send('in B', { messageGroupId: 'B', messageDeduplicationId: 'same' });
    const again = await queue.send('A again', {
      messageGroupId: 'A',
      messageDeduplicationId: 'same',
    });
    expect(b.messageId).not.toBe(a.messageId);
    expect(again.messageId).toBe(a.messageId);
    expect((await c.receiveAll(queue, 2)).map((m) => openBody(m)).sort()).toEqual(['in A', 'in B']);
  });

  test('content-based deduplication uses the SHA-256 of the body', ['fifo'], async (c) => {
    const queue = await c.broker.createQueue(c.name('contentdedup', true), {
      FifoQueue: true,
      ContentBasedDeduplication: true,
    });
    const a = await queue.send('same body', { messageGroupId: 'g' });
    const b = await queue.send('same body', { messageGroupId: 'g' });
    const other = await queue.send('other body', { messageGroupId: 'g' });
    expect(b.messageId).toBe(a.messageId);
    expect(other.messageId).not.toBe(a.messageId);
    const [message] = await queue.receive();
    expect(message!.attributes.MessageDeduplicationId).toMatch(/^[0-9a-f]{64}$/);
  });

  test('assigns increasing sequence numbers', ['fifo'], async (c) => {
    const queue = await c.broker.createQueue(c.name('sequence', true), {
      FifoQueue: true,
      ContentBasedDeduplication: true,
    });
    const results = [];
    for (let i = 0; i < 5; i++)
      results.push(await queue.send(`m${i}`, { messageGroupId: `g${i % 2}` }));
    const numbers = results.map((result) => BigInt(result.sequenceNumber ?? '0'));
    for (let i = 1; i < numbers.length; i++) expect(numbers[i]! > numbers[i - 1]!).toBe(true);
    const received = await c.receiveAll(queue, 2);
    for (const message of received) {
      expect(message.attributes.SequenceNumber).toMatch(/^\d+$/);
      expect(message.attributes.MessageGroupId).toMatch(/^g[01]$/);
    }
  });

  test('enforces the FIFO send rules and the .fifo name', ['fifo'], async (c) => {
    const queue = await c.broker.createQueue(c.name('rules', true), { FifoQueue: true });
    await expect(queue.send('no group', { messageDeduplicationId: 'x' })).rejects.toMatchObject({
      code: 'MissingParameter',
    });
    await expect(queue.send('no dedup', { messageGroupId: 'g' })).rejects.toMatchObject({
      code: 'InvalidParameterValue',
    });
    await expect(
      queue.send('delayed', { messageGroupId: 'g', messageDeduplicationId: 'x', delaySeconds: 5 }),
    ).rejects.toMatchObject({ code: 'InvalidParameterValue' });
    await expect(
      c.broker.createQueue(c.name('nosuffix'), { FifoQueue: true }),
    ).rejects.toMatchObject({
      code: 'InvalidParameterValue',
    });
    const standard = await c.broker.createQueue(c.name('standard'));
    await expect(standard.send('x', { messageDeduplicationId: 'x' })).rejects.toMatchObject({
      code: 'InvalidParameterValue',
    });
  });

  // SNS developer guide, FIFO message ordering: "With an Amazon SQS standard queue subscribed,
  // however, the consumer of the queue may receive messages out of order, and more than once."
  test(
    'FIFO topics fan out in order to FIFO queues, and to standard queues',
    ['fifo', 'topics'],
    async (c) => {
      const topic = await c.broker.createTopic(c.name('fifotopic', true), {
        FifoTopic: true,
        ContentBasedDeduplication: true,
      });
      const queue = await c.broker.createQueue(c.name('fifosub', true), { FifoQueue: true });
      await topic.subscribe(queue, { rawMessageDelivery: true });
      for (let i = 0; i < 3; i++)
        await topic.publish(`event ${i}`, { messageGroupId: 'patient-1' });
      await topic.publish('event 0', { messageGroupId: 'patient-1' });
      const received = [];
      for (let i = 0; i < 3; i++) {
        const [message] = await queue.receive();
        received.push(openBody(message!));
        await queue.delete(message!.receiptHandle);
      }
      expect(received).toEqual(['event 0', 'event 1', 'event 2']);
      expect(await queue.receive()).toEqual([]);
      const standardQueue = await c.broker.createQueue(c.name('notfifo'));
      await topic.subscribe(standardQueue, { rawMessageDelivery: true });
      await topic.publish('to both', { messageGroupId: 'patient-2' });
      const [standard] = await standardQueue.receive({ waitTimeSeconds: 1 });
      expect(openBody(standard!)).toBe('to both');
      // The other way round stays refused: a standard topic takes no FIFO queue.
      const standardTopic = await c.broker.createTopic(c.name('plaintopic'));
      await expect(standardTopic.subscribe(queue)).rejects.toMatchObject({
        code: 'InvalidParameter',
        message: expect.stringContaining(
          'Invalid parameter: Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics',
        ),
      });
    },
  );
}
