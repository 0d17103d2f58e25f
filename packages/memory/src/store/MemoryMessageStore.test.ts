import type { ClaimRequest, NewMessage, QueueRecord } from '@sealbus/broker-engine';
import { resolveQueueAttributes } from '@sealbus/core';
import { describe, expect, it } from 'vitest';
import { MemoryMessageStore } from './MemoryMessageStore.js';

const NOW = Date.UTC(2030, 0, 1);
const utf8 = new TextEncoder();

function record(name: string, attributes = {}): QueueRecord {
  return {
    name,
    arn: `arn:aws:sqs:us-east-1:000000000000:${name}`,
    attributes: resolveQueueAttributes(attributes, { queueName: name }),
    tags: {},
    createdTimestamp: NOW,
    lastModifiedTimestamp: NOW,
  };
}

let ids = 0;
function message(body: string, extra: Partial<NewMessage> = {}): NewMessage {
  ids++;
  return {
    messageId: `m-${ids}`,
    body: utf8.encode(body),
    messageAttributes: {},
    visibleAt: NOW,
    ...extra,
  };
}

let handles = 0;
function claim(maxMessages: number, extra: Partial<ClaimRequest> = {}): ClaimRequest {
  return {
    maxMessages,
    visibilityTimeoutMs: 30_000,
    fifo: false,
    expireBefore: 0,
    newReceiptHandle: () => `h-${handles++}`,
    ...extra,
  };
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('MemoryMessageStore', () => {
  it('changes nothing when a fanout names a missing queue', async () => {
    const store = new MemoryMessageStore();
    await store.createQueue(record('a'));
    await expect(
      store.send(
        [
          { queueName: 'a', message: message('one') },
          { queueName: 'missing', message: message('two') },
        ],
        NOW,
      ),
    ).rejects.toMatchObject({ code: 'QueueDoesNotExist' });
    expect((await store.counters('a', NOW)).visible).toBe(0);
  });

  it('keeps the stored record apart from the caller objects', async () => {
    const store = new MemoryMessageStore();
    const original = record('a');
    const { created } = await store.createQueue(original);
    expect(created).toBe(true);
    original.attributes.VisibilityTimeout = 999;
    const again = await store.createQueue(record('a', { VisibilityTimeout: 5 }));
    expect(again.created).toBe(false);
    expect(again.record.attributes.VisibilityTimeout).toBe(30);
  });

  it('claims FIFO groups in sequence order and skips groups in flight', async () => {
    const store = new MemoryMessageStore();
    await store.createQueue(record('f.fifo', { FifoQueue: true }));
    const send = (body: string, group: string) =>
      store.send(
        [
          {
            queueName: 'f.fifo',
            message: message(body, { messageGroupId: group, messageDeduplicationId: body }),
          },
        ],
        NOW,
      );
    await send('a1', 'A');
    await send('b1', 'B');
    await send('a2', 'A');
    const first = await store.receive('f.fifo', claim(1, { fifo: true }), NOW);
    expect(first.messages.map((m) => text(m.body))).toEqual(['a1']);
    const rest = await store.receive('f.fifo', claim(10, { fifo: true }), NOW);
    expect(rest.messages.map((m) => text(m.body))).toEqual(['b1']);
    await store.deleteMessage('f.fifo', first.messages[0]!.receiptHandle!, NOW);
    const last = await store.receive('f.fifo', claim(10, { fifo: true }), NOW);
    expect(last.messages.map((m) => [text(m.body), m.sequenceNumber])).toEqual([
      ['a2', '00000000000000000003'],
    ]);
  });

  it('dead-letters a message over maxReceiveCount with its bytes, keeping it when the DLQ is gone', async () => {
    const store = new MemoryMessageStore();
    await store.createQueue(record('src'));
    await store.createQueue(record('dlq'));
    const sent = message('poison', { encryptionContext: { 'aws:sqs:arn': 'arn:src' } });
    await store.send([{ queueName: 'src', message: sent }], NOW);
    const redrive = { deadLetterQueueName: 'dlq', sourceArn: 'arn:src', maxReceiveCount: 1 };
    await store.receive('src', claim(1, { visibilityTimeoutMs: 0, redrive }), NOW);
    const moved = await store.receive('src', claim(1, { redrive }), NOW);
    expect(moved).toEqual({ messages: [], deadLettered: 1 });
    const [dead] = await store.peek('dlq', { limit: 10 });
    expect(dead).toMatchObject({
      messageId: sent.messageId,
      body: sent.body,
      receiveCount: 0,
      deadLetterQueueSourceArn: 'arn:src',
      encryptionContext: { 'aws:sqs:arn': 'arn:src' },
    });
    await store.send([{ queueName: 'dlq', message: message('stays') }], NOW);
    await store.deleteQueue('dlq');
    await store.send([{ queueName: 'src', message: message('no dlq') }], NOW);
    await store.receive('src', claim(1, { visibilityTimeoutMs: 0, redrive }), NOW);
    const kept = await store.receive('src', claim(1, { redrive }), NOW);
    expect(kept.messages.map((m) => text(m.body))).toEqual(['no dlq']);
  });

  it('moves nothing when a destination is missing', async () => {
    const store = new MemoryMessageStore();
    await store.createQueue(record('dlq'));
    await store.send([{ queueName: 'dlq', message: message('orphan') }], NOW);
    await expect(
      store.moveMessages(
        { sourceQueueName: 'dlq', destinationQueueName: 'nowhere', limit: 10 },
        NOW,
      ),
    ).rejects.toMatchObject({ code: 'ResourceNotFoundException' });
    await expect(
      store.moveMessages({ sourceQueueName: 'dlq', limit: 10 }, NOW),
    ).rejects.toMatchObject({
      code: 'InvalidParameterValue',
    });
    expect((await store.counters('dlq', NOW)).visible).toBe(1);
  });

  it('pages peeks by message id and expires by retention', async () => {
    const store = new MemoryMessageStore();
    await store.createQueue(record('p', { MessageRetentionPeriod: 60 }));
    for (let i = 0; i < 5; i++) {
      await store.send([{ queueName: 'p', message: message(`m${i}`) }], NOW + i * 20_000);
    }
    const first = await store.peek('p', { limit: 2 });
    const next = await store.peek('p', { limit: 2, afterMessageId: first[1]!.messageId });
    expect([...first, ...next].map((m) => text(m.body))).toEqual(['m0', 'm1', 'm2', 'm3']);
    expect(await store.expire('p', NOW + 100_000)).toBe(2);
    expect((await store.counters('p', NOW + 100_000)).oldestSentTimestamp).toBe(NOW + 40_000);
  });

  it('waitForMessages wakes on a send, on abort and after the timeout', async () => {
    const store = new MemoryMessageStore();
    await store.createQueue(record('w'));
    const woken = store.waitForMessages('w', 60_000);
    await store.send([{ queueName: 'w', message: message('wake') }], NOW);
    await woken;
    const controller = new AbortController();
    const aborted = store.waitForMessages('w', 60_000, controller.signal);
    controller.abort();
    await aborted;
    await store.waitForMessages('w', 1);
    await store.waitForMessages('w', 60_000, controller.signal);
  });
});
