import { md5OfMessageAttributes, md5OfMessageBody } from '@sealbus/core';
import { expect } from 'vitest';
import { assertAllReceived } from '../assertAllReceived.js';
import { pause } from '../ConformanceCase.js';
import { openBody } from '../openBody.js';
import type { DefineCase } from '../runConformance.js';

export function standardQueueCases(test: DefineCase): void {
  test('sends, receives and deletes a message', [], async (c) => {
    const queue = await c.broker.createQueue(c.name('basic'));
    const sent = await queue.send('hello world');
    expect(sent.md5OfMessageBody).toBe(md5OfMessageBody('hello world'));
    const [message] = await c.receiveAll(queue, 1);
    expect(message).toMatchObject({ messageId: sent.messageId, body: 'hello world' });
    expect(message!.md5OfBody).toBe(sent.md5OfMessageBody);
    expect(message!.attributes.ApproximateReceiveCount).toBe(1);
    expect(message!.attributes.SentTimestamp).toBeTypeOf('number');
    expect(message!.state).toBe('open');
    await queue.delete(message!.receiptHandle);
    expect(await queue.receive()).toEqual([]);
  });

  test('round-trips message attributes with their MD5', [], async (c) => {
    const queue = await c.broker.createQueue(c.name('attributes'));
    const messageAttributes = {
      kind: { dataType: 'String', stringValue: 'invoice' },
      amount: { dataType: 'Number', stringValue: '42' },
      blob: { dataType: 'Binary', binaryValue: Uint8Array.of(0, 1, 2, 255) },
    };
    const sent = await queue.send('with attributes', { messageAttributes });
    expect(sent.md5OfMessageAttributes).toBe(md5OfMessageAttributes(messageAttributes));
    const [message] = await c.receiveAll(queue, 1);
    expect(message!.messageAttributes.kind).toEqual(messageAttributes.kind);
    expect(message!.messageAttributes.amount).toEqual(messageAttributes.amount);
    expect([...(message!.messageAttributes.blob?.binaryValue ?? [])]).toEqual([0, 1, 2, 255]);
    expect(message!.md5OfMessageAttributes).toBe(sent.md5OfMessageAttributes);
  });

  test('gives every message a distinct id and delivers each once', [], async (c) => {
    const queue = await c.broker.createQueue(c.name('distinct'));
    const sent = [];
    for (let i = 0; i < 25; i++) {
      const body = `message ${i}`;
      sent.push({ ...(await queue.send(body)), body });
    }
    expect(new Set(sent.map((m) => m.messageId)).size).toBe(25);
    const received = await c.receiveAll(queue, 25);
    assertAllReceived(sent, received);
  });

  test('receives at most maxMessages (1 to 10) per call', [], async (c) => {
    const queue = await c.broker.createQueue(c.name('max'));
    for (let i = 0; i < 15; i++) await queue.send(`m${i}`);
    const batch = await queue.receive({ maxMessages: 10 });
    expect(batch.length).toBeGreaterThan(0);
    expect(batch.length).toBeLessThanOrEqual(10);
    const one = await queue.receive({ maxMessages: 1 });
    expect(one.length).toBeLessThanOrEqual(1);
    await expect(queue.receive({ maxMessages: 11 })).rejects.toMatchObject({
      code: 'InvalidParameterValue',
    });
    await expect(queue.receive({ maxMessages: 0 })).rejects.toMatchObject({
      code: 'InvalidParameterValue',
    });
  });

  test('sendBatch reports per-entry failures and keeps the rest', [], async (c) => {
    const queue = await c.broker.createQueue(c.name('batch'), { MaximumMessageSize: 1024 });
    const result = await queue.sendBatch([
      { id: 'ok-1', body: 'first' },
      { id: 'too_big', body: 'x'.repeat(2000) },
      {
        id: 'ok-2',
        body: 'second',
        messageAttributes: { n: { dataType: 'Number', stringValue: '7' } },
      },
    ]);
    expect(result.successful.map((entry) => entry.id).sort()).toEqual(['ok-1', 'ok-2']);
    expect(result.failed).toEqual([
      expect.objectContaining({ id: 'too_big', code: 'InvalidParameterValue', senderFault: true }),
    ]);
    const ids = result.successful.map((entry) => entry.messageId);
    expect(new Set(ids).size).toBe(2);
    const received = await c.receiveAll(queue, 2);
    assertAllReceived(
      result.successful.map((entry) => ({ messageId: entry.messageId })),
      received,
    );
  });

  test('rejects malformed batches as a whole', [], async (c) => {
    const queue = await c.broker.createQueue(c.name('badbatch'));
    await expect(queue.sendBatch([])).rejects.toMatchObject({ code: 'EmptyBatchRequest' });
    const eleven = Array.from({ length: 11 }, (_, i) => ({ id: `e${i}`, body: 'x' }));
    await expect(queue.sendBatch(eleven)).rejects.toMatchObject({
      code: 'TooManyEntriesInBatchRequest',
    });
    await expect(
      queue.sendBatch([
        { id: 'same', body: 'a' },
        { id: 'same', body: 'b' },
      ]),
    ).rejects.toMatchObject({ code: 'BatchEntryIdsNotDistinct' });
    await expect(queue.sendBatch([{ id: 'bad id!', body: 'a' }])).rejects.toMatchObject({
      code: 'InvalidBatchEntryId',
    });
  });

  test('deleteBatch and changeVisibilityBatch handle each entry', [], async (c) => {
    const queue = await c.broker.createQueue(c.name('batchops'));
    for (let i = 0; i < 3; i++) await queue.send(`m${i}`);
    const received = await c.receiveAll(queue, 3);
    const visibility = await queue.changeVisibilityBatch([
      { id: 'a', receiptHandle: received[0]!.receiptHandle, visibilityTimeoutSeconds: 60 },
      { id: 'bogus', receiptHandle: 'not-a-handle', visibilityTimeoutSeconds: 60 },
    ]);
    expect(visibility.successful.map((entry) => entry.id)).toEqual(['a']);
    expect(visibility.failed).toEqual([
      expect.objectContaining({ id: 'bogus', code: 'ReceiptHandleIsInvalid' }),
    ]);
    const deleted = await queue.deleteBatch([
      received[0]!.receiptHandle,
      received[1]!.receiptHandle,
      'not-a-handle',
    ]);
    expect(deleted.successful.map((entry) => entry.id)).toEqual(['0', '1']);
    expect(deleted.failed).toEqual([
      expect.objectContaining({ id: '2', code: 'ReceiptHandleIsInvalid' }),
    ]);
    await queue.delete(received[2]!.receiptHandle);
    const attributes = await queue.getAttributes();
    expect(
      attributes.ApproximateNumberOfMessages + attributes.ApproximateNumberOfMessagesNotVisible,
    ).toBe(0);
  });

  test('rejects bodies SQS does not allow', [], async (c) => {
    const queue = await c.broker.createQueue(c.name('contents'), { MaximumMessageSize: 1024 });
    await expect(queue.send('')).rejects.toMatchObject({ code: 'MissingParameter' });
    await expect(queue.send('bad \u0000 char')).rejects.toMatchObject({
      code: 'InvalidMessageContents',
    });
    await expect(queue.send('y'.repeat(1025))).rejects.toMatchObject({
      code: 'InvalidParameterValue',
    });
    await expect(queue.send(Uint8Array.of(0xc3, 0x28))).rejects.toMatchObject({
      code: 'InvalidMessageContents',
    });
    const bytes = new TextEncoder().encode('bytes are UTF-8 text');
    await queue.send(bytes);
    const [message] = await c.receiveAll(queue, 1);
    expect(openBody(message!)).toBe('bytes are UTF-8 text');
  });

  test('a byte body is taken by value', [], async (c) => {
    const queue = await c.broker.createQueue(c.name('byvalue'));
    const buffer = Buffer.from('original text');
    await queue.send(buffer);
    buffer.write('OVERWRITTEN!!');
    const [message] = await c.receiveAll(queue, 1);
    expect(openBody(message!)).toBe('original text');
  });

  test('long polling returns as soon as a message arrives', [], async (c) => {
    const queue = await c.broker.createQueue(c.name('longpoll'));
    const polling = queue.receive({ waitTimeSeconds: 20 });
    await pause(50);
    const sent = await queue.send('wake up');
    const received = await polling;
    expect(received.map((message) => message.messageId)).toEqual([sent.messageId]);
  });

  test('an aborted long poll returns empty', [], async (c) => {
    const queue = await c.broker.createQueue(c.name('abort'));
    const controller = new AbortController();
    const polling = queue.receive({ waitTimeSeconds: 20, signal: controller.signal });
    await pause(30);
    controller.abort();
    expect(await polling).toEqual([]);
  });

  test(
    'long polls wait up to the queue ReceiveMessageWaitTimeSeconds by default',
    [],
    async (c) => {
      const queue = await c.broker.createQueue(c.name('waitdefault'), {
        ReceiveMessageWaitTimeSeconds: 20,
      });
      const polling = queue.receive();
      await pause(50);
      const sent = await queue.send('arrives during the default wait');
      expect((await polling).map((message) => message.messageId)).toEqual([sent.messageId]);
    },
  );

  test('purge removes every message', [], async (c) => {
    const queue = await c.broker.createQueue(c.name('purge'));
    for (let i = 0; i < 5; i++) await queue.send(`m${i}`);
    await c.receiveAll(queue, 1);
    await queue.purge();
    const attributes = await queue.getAttributes();
    expect(attributes.ApproximateNumberOfMessages).toBe(0);
    expect(attributes.ApproximateNumberOfMessagesNotVisible).toBe(0);
    expect(await queue.receive()).toEqual([]);
  });
}
