import type { ClaimRequest } from '@sealbus/broker-engine';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../src/database/migrations.js';
import { SqliteMessageStore } from '../src/index.js';
import { QUEUE_RECORD_RECHECK_MS } from '../src/SqliteMessageStore.js';
import { MAX_QUEUE_ID, MAX_SEQUENCE, SEQUENCE_BITS } from '../src/store/messageKeys.js';
import { entry, newReceiptHandle, queueRecord, tempDir, text } from './support/records.js';

const T0 = 1_700_000_000_000;

function claim(overrides: Partial<ClaimRequest> = {}): ClaimRequest {
  return {
    maxMessages: 10,
    visibilityTimeoutMs: 30_000,
    fifo: false,
    expireBefore: 0,
    newReceiptHandle,
    ...overrides,
  };
}

describe('SqliteMessageStore', () => {
  let dir: ReturnType<typeof tempDir>;
  let store: SqliteMessageStore;
  const open = () => new SqliteMessageStore({ path: dir.path('store.db') });

  beforeEach(() => {
    dir = tempDir();
    store = open();
  });
  afterEach(async () => {
    await store.close();
    dir.cleanup();
  });

  it('creates queues idempotently, lists them sorted by name with a prefix, updates and deletes', async () => {
    const first = await store.createQueue(queueRecord('orders'));
    expect(first.created).toBe(true);
    const again = await store.createQueue(queueRecord('orders', { VisibilityTimeout: 99 }));
    expect(again).toEqual({ created: false, record: first.record });
    await store.createQueue(queueRecord('audit'));
    await store.createQueue(queueRecord('orders-dlq'));
    expect((await store.listQueues()).map((q) => q.name)).toEqual([
      'audit',
      'orders',
      'orders-dlq',
    ]);
    expect((await store.listQueues('orders')).map((q) => q.name)).toEqual(['orders', 'orders-dlq']);

    const updated = await store.updateQueue('orders', {
      attributes: { ...first.record.attributes, VisibilityTimeout: 5 },
      lastModifiedTimestamp: T0 + 1,
    });
    expect(updated.attributes.VisibilityTimeout).toBe(5);
    expect(updated.tags).toEqual({});
    expect(updated.lastModifiedTimestamp).toBe(T0 + 1);

    await store.send([entry('orders', 'x', T0)], T0);
    expect(await store.deleteQueue('orders')).toBe(true);
    expect(await store.deleteQueue('orders')).toBe(false);
    expect(await store.getQueue('orders')).toBeUndefined();
    await expect(store.send([entry('orders', 'x', T0)], T0)).rejects.toMatchObject({
      code: 'QueueDoesNotExist',
    });
    await expect(store.updateQueue('orders', { lastModifiedTimestamp: T0 })).rejects.toMatchObject({
      code: 'QueueDoesNotExist',
    });
  });

  it('returns the md5OfBody kept at send', async () => {
    await store.createQueue(queueRecord('q'));
    await store.send([entry('q', 'a', T0, { md5OfBody: '0cc175b9c0f1b6a831c399e269772661' })], T0);
    await store.send([entry('q', 'b', T0)], T0);
    const { messages } = await store.receive('q', claim(), T0);
    expect(messages.map((m) => m.md5OfBody)).toEqual([
      '0cc175b9c0f1b6a831c399e269772661',
      undefined,
    ]);
  });

  it('claims visible messages with a fresh receipt handle and a bumped receive count', async () => {
    await store.createQueue(queueRecord('q'));
    await store.send(
      [entry('q', 'a', T0), entry('q', 'b', T0), entry('q', 'later', T0, { visibleAt: T0 + 5000 })],
      T0,
    );
    const first = await store.receive('q', claim(), T0);
    expect(first.messages.map((m) => text(m.body))).toEqual(['a', 'b']);
    expect(first.messages[0]).toMatchObject({
      receiveCount: 1,
      firstReceiveTimestamp: T0,
      visibleAt: T0 + 30_000,
    });
    expect((await store.receive('q', claim(), T0 + 1)).messages).toEqual([]);
    expect(await store.counters('q', T0 + 1)).toEqual({
      visible: 0,
      inFlight: 2,
      delayed: 1,
      oldestSentTimestamp: T0,
    });

    const again = await store.receive('q', claim({ maxMessages: 1 }), T0 + 30_000);
    expect(text(again.messages[0]!.body)).toBe('later');
    const redelivered = await store.receive('q', claim(), T0 + 30_000);
    expect(
      redelivered.messages.map((m) => [text(m.body), m.receiveCount, m.firstReceiveTimestamp]),
    ).toEqual([
      ['a', 2, T0],
      ['b', 2, T0],
    ]);
    const stale = first.messages[0]!.receiptHandle!;
    await expect(store.deleteMessage('q', stale, T0)).rejects.toMatchObject({
      code: 'ReceiptHandleIsInvalid',
    });
    await store.deleteMessage('q', redelivered.messages[0]!.receiptHandle!, T0 + 30_000);
    await expect(
      store.deleteMessage('q', redelivered.messages[0]!.receiptHandle!, T0 + 30_000),
    ).rejects.toMatchObject({ code: 'ReceiptHandleIsInvalid' });
  });

  it('keeps a zero visibility timeout from claiming one message twice in a receive', async () => {
    await store.createQueue(queueRecord('q'));
    await store.send([entry('q', 'a', T0), entry('q', 'b', T0)], T0);
    const result = await store.receive('q', claim({ visibilityTimeoutMs: 0 }), T0);
    expect(result.messages.map((m) => text(m.body))).toEqual(['a', 'b']);
  });

  it('rejects handles of another queue and changes visibility only while in flight', async () => {
    await store.createQueue(queueRecord('q'));
    await store.createQueue(queueRecord('other'));
    await store.send([entry('q', 'a', T0)], T0);
    const [message] = (await store.receive('q', claim(), T0)).messages;
    const handle = message!.receiptHandle!;
    await expect(store.deleteMessage('other', handle, T0)).rejects.toMatchObject({
      code: 'ReceiptHandleIsInvalid',
    });
    await store.changeVisibility('q', handle, T0 + 100_000, T0 + 1);
    expect((await store.receive('q', claim(), T0 + 50_000)).messages).toEqual([]);
    await store.changeVisibility('q', handle, T0 + 50_000, T0 + 50_000);
    await expect(
      store.changeVisibility('q', handle, T0 + 60_000, T0 + 50_001),
    ).rejects.toMatchObject({
      code: 'MessageNotInflight',
    });
    expect((await store.receive('q', claim(), T0 + 50_001)).messages).toHaveLength(1);
  });

  it('rejects tampered, foreign and old-format handles without touching any message', async () => {
    await store.createQueue(queueRecord('q'));
    await store.send([entry('q', 'a', T0), entry('q', 'b', T0)], T0);
    const [first, second] = (await store.receive('q', claim(), T0)).messages;
    const [prefix, rest] = [
      first!.receiptHandle!.slice(0, first!.receiptHandle!.indexOf('.')),
      first!.receiptHandle!.slice(first!.receiptHandle!.indexOf('.')),
    ];
    const otherSequence = second!.receiptHandle!.slice(0, second!.receiptHandle!.indexOf('.'));
    expect(otherSequence).not.toBe(prefix);
    for (const handle of [`${otherSequence}${rest}`, rest.slice(1), 'zzzzzzzzzzzz.x', '']) {
      await expect(store.deleteMessage('q', handle, T0)).rejects.toMatchObject({
        code: 'ReceiptHandleIsInvalid',
      });
      await expect(store.changeVisibility('q', handle, T0 + 1, T0)).rejects.toMatchObject({
        code: 'ReceiptHandleIsInvalid',
      });
    }
    expect(await store.counters('q', T0)).toMatchObject({ visible: 0, inFlight: 2 });
    await store.deleteMessage('q', first!.receiptHandle!, T0);
    await store.deleteMessage('q', second!.receiptHandle!, T0);
    expect(await store.counters('q', T0)).toMatchObject({ visible: 0, inFlight: 0 });
  });

  it('refuses a send, writing nothing, when the queue has used its whole sequence range', async () => {
    await store.createQueue(queueRecord('q'));
    await store.createQueue(queueRecord('r'));
    // A row at the last sequence of queue 1's range, as after 2^43 sends without draining.
    store.database
      .prepare(
        `INSERT INTO messages (rowid, queue_id, message_id, body, sent_ts, visible_at)
         VALUES ((1 << ${SEQUENCE_BITS}) + ${MAX_SEQUENCE}, 1, 'last', x'00', ${T0}, ${T0})`,
      )
      .run();
    await expect(
      store.send([entry('r', 'fine', T0), entry('q', 'too many', T0)], T0),
    ).rejects.toMatchObject({ code: 'OverLimit', field: 'QueueName' });
    expect((await store.peek('r', { limit: 10 })).length).toBe(0);
    // Draining the queue frees its range: sequences restart after the newest remaining row.
    const [last] = (await store.receive('q', claim(), T0)).messages;
    await store.deleteMessage('q', last!.receiptHandle!, T0);
    await store.send([entry('q', 'again', T0)], T0);
    expect((await store.peek('q', { limit: 10 })).map((m) => text(m.body))).toEqual(['again']);
  });

  it('refuses a new queue, writing nothing, once the highest queue id is taken', async () => {
    await store.createQueue(queueRecord('q'));
    store.database
      .prepare(
        `INSERT INTO queues (id, name, arn, attributes, tags, created_ts, modified_ts)
         SELECT ${MAX_QUEUE_ID}, 'top', 'arn:top', attributes, tags, created_ts, modified_ts
         FROM queues WHERE name = 'q'`,
      )
      .run();
    await expect(store.createQueue(queueRecord('new'))).rejects.toMatchObject({
      code: 'OverLimit',
    });
    expect(await store.getQueue('new')).toBeUndefined();
    expect((await store.createQueue(queueRecord('q'))).created).toBe(false);
    await store.deleteQueue('top');
    expect((await store.createQueue(queueRecord('new'))).created).toBe(true);
  });

  it('moves over-limit messages to the dead-letter queue with their bytes unchanged', async () => {
    await store.createQueue(queueRecord('src'));
    await store.createQueue(queueRecord('dlq'));
    const body = new Uint8Array([0, 255, 1, 254, 7]);
    const encryptionContext = { 'aws:sqs:arn': queueRecord('src').arn };
    await store.send(
      [
        entry('src', '', T0, {
          body,
          encryptionContext,
          messageAttributes: { k: { dataType: 'Binary', binaryValue: new Uint8Array([9, 8]) } },
        }),
      ],
      T0,
    );
    const redrive = {
      deadLetterQueueName: 'dlq',
      sourceArn: queueRecord('src').arn,
      maxReceiveCount: 1,
    };
    expect(
      (await store.receive('src', claim({ redrive, visibilityTimeoutMs: 0 }), T0)).messages,
    ).toHaveLength(1);
    const second = await store.receive('src', claim({ redrive }), T0 + 1);
    expect(second).toEqual({ messages: [], deadLettered: 1 });
    const [moved] = (await store.receive('dlq', claim(), T0 + 2)).messages;
    expect(moved!.body).toEqual(body);
    expect(moved!.deadLetterQueueSourceArn).toBe(redrive.sourceArn);
    expect(moved!.messageAttributes).toEqual({
      k: { dataType: 'Binary', binaryValue: new Uint8Array([9, 8]) },
    });
    expect(moved!.sentTimestamp).toBe(T0);
    expect(moved!.encryptionContext).toEqual(encryptionContext);
    expect(moved!.receiveCount).toBe(1);
  });

  it('drops expired messages on receive and through expire()', async () => {
    await store.createQueue(queueRecord('q', { MessageRetentionPeriod: 60 }));
    await store.send([entry('q', 'old', T0)], T0);
    await store.send([entry('q', 'new', T0 + 30_000)], T0 + 30_000);
    const result = await store.receive('q', claim({ expireBefore: T0 + 1 }), T0 + 61_000);
    expect(result.messages.map((m) => text(m.body))).toEqual(['new']);
    expect(await store.expire('q', T0 + 95_000)).toBe(1);
    expect(await store.counters('q', T0 + 95_000)).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
  });

  it('delivers FIFO messages in sequence order and blocks a group while one of its messages is in flight', async () => {
    await store.createQueue(queueRecord('f.fifo'));
    const sent = await store.send(
      [
        entry('f.fifo', 'a1', T0, { messageGroupId: 'a', messageDeduplicationId: '1' }),
        entry('f.fifo', 'b1', T0, { messageGroupId: 'b', messageDeduplicationId: '2' }),
        entry('f.fifo', 'a2', T0, { messageGroupId: 'a', messageDeduplicationId: '3' }),
      ],
      T0,
    );
    expect(sent.map((s) => s.sequenceNumber)).toEqual([
      '00000000000000000001',
      '00000000000000000002',
      '00000000000000000003',
    ]);
    const first = await store.receive('f.fifo', claim({ fifo: true, maxMessages: 1 }), T0);
    expect(first.messages.map((m) => text(m.body))).toEqual(['a1']);
    const second = await store.receive('f.fifo', claim({ fifo: true }), T0);
    expect(second.messages.map((m) => text(m.body))).toEqual(['b1']);
    await store.deleteMessage('f.fifo', first.messages[0]!.receiptHandle!, T0);
    const third = await store.receive('f.fifo', claim({ fifo: true }), T0);
    expect(third.messages.map((m) => [text(m.body), m.sequenceNumber])).toEqual([
      ['a2', '00000000000000000003'],
    ]);
  });

  it('suppresses FIFO duplicates within the window, also after a restart, and accepts them after', async () => {
    await store.createQueue(queueRecord('d.fifo'));
    const original = await store.send(
      [entry('d.fifo', 'x', T0, { messageGroupId: 'g', messageDeduplicationId: 'dup' })],
      T0,
    );
    await store.close();
    store = open();
    const repeat = await store.send(
      [entry('d.fifo', 'x', T0, { messageGroupId: 'g', messageDeduplicationId: 'dup' })],
      T0 + 1000,
    );
    expect(repeat).toEqual([
      {
        messageId: original[0]!.messageId,
        duplicate: true,
        sequenceNumber: original[0]!.sequenceNumber,
      },
    ]);
    const later = await store.send(
      [entry('d.fifo', 'x', T0, { messageGroupId: 'g', messageDeduplicationId: 'dup' })],
      T0 + 300_000,
    );
    expect(later[0]!.duplicate).toBe(false);
    expect((await store.counters('d.fifo', T0 + 300_000)).visible).toBe(2);
  });

  it('scopes FIFO deduplication per message group when DeduplicationScope is messageGroup', async () => {
    await store.createQueue(queueRecord('s.fifo', { DeduplicationScope: 'messageGroup' }));
    const sent = await store.send(
      [
        entry('s.fifo', 'x', T0, { messageGroupId: 'g1', messageDeduplicationId: 'same' }),
        entry('s.fifo', 'x', T0, { messageGroupId: 'g2', messageDeduplicationId: 'same' }),
        entry('s.fifo', 'x', T0, { messageGroupId: 'g1', messageDeduplicationId: 'same' }),
      ],
      T0,
    );
    expect(sent.map((s) => s.duplicate)).toEqual([false, false, true]);
  });

  it('coalesces concurrent operations into one transaction and fails only the operations that fail', async () => {
    await store.createQueue(queueRecord('q'));
    const before = store.writeStats.transactions;
    const results = await Promise.allSettled(
      Array.from({ length: 32 }, (_, i) =>
        store.send([entry(i % 8 === 7 ? 'missing' : 'q', `m${i}`, T0)], T0),
      ),
    );
    expect(store.writeStats.transactions - before).toBe(1);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(4);
    expect(
      results
        .filter((r) => r.status === 'rejected')
        .map((r) => (r as PromiseRejectedResult).reason.code),
    ).toEqual(Array(4).fill('QueueDoesNotExist'));
    expect((await store.counters('q', T0)).visible).toBe(28);
  });

  it('waits for the write lock of another connection without blocking and joins later operations', async () => {
    await store.createQueue(queueRecord('q'));
    const other = new Database(dir.path('store.db'));
    other.exec('BEGIN IMMEDIATE');
    const before = store.writeStats.transactions;
    let settled = false;
    const sends = Promise.all(
      [0, 1, 2].map((i) =>
        store.send([entry('q', `m${i}`, T0)], T0).finally(() => {
          settled = true;
        }),
      ),
    );
    // The event loop keeps running while the lock is held: timers fire, nothing settles.
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(settled).toBe(false);
    const late = store.send([entry('q', 'late', T0)], T0);
    other.exec('COMMIT');
    other.close();
    await Promise.all([sends, late]);
    expect(store.writeStats.transactions - before).toBe(1);
    expect((await store.counters('q', T0)).visible).toBe(4);
  });

  it('gives up with ServiceUnavailable when the lock outlasts busyTimeoutMs', async () => {
    const impatient = new SqliteMessageStore({ path: dir.path('store.db'), busyTimeoutMs: 20 });
    await impatient.createQueue(queueRecord('q'));
    const other = new Database(dir.path('store.db'));
    other.exec('BEGIN IMMEDIATE');
    await expect(impatient.send([entry('q', 'x', T0)], T0)).rejects.toMatchObject({
      code: 'ServiceUnavailable',
      retryable: true,
    });
    other.exec('ROLLBACK');
    other.close();
    await impatient.send([entry('q', 'x', T0)], T0);
    await impatient.close();
  });

  it('sees queue changes committed by another connection within QUEUE_RECORD_RECHECK_MS, and its own at once', async () => {
    await store.createQueue(queueRecord('q'));
    const other = open();
    const recheck = () =>
      new Promise((resolve) => setTimeout(resolve, QUEUE_RECORD_RECHECK_MS + 1));
    const first = (await store.getQueue('q'))!;
    expect(await store.getQueue('q')).toBe(first);
    await other.updateQueue('q', {
      attributes: { ...first.attributes, VisibilityTimeout: 7 },
      lastModifiedTimestamp: T0 + 1,
    });
    await recheck();
    expect((await store.getQueue('q'))!.attributes.VisibilityTimeout).toBe(7);
    await store.updateQueue('q', {
      attributes: { ...first.attributes, VisibilityTimeout: 8 },
      lastModifiedTimestamp: T0 + 2,
    });
    expect((await store.getQueue('q'))!.attributes.VisibilityTimeout).toBe(8);
    await other.deleteQueue('q');
    await recheck();
    expect(await store.getQueue('q')).toBeUndefined();
    await store.createQueue(queueRecord('q', { VisibilityTimeout: 9 }));
    expect((await other.getQueue('q'))!.attributes.VisibilityTimeout).toBe(9);
    await store.deleteQueue('q');
    expect(await store.getQueue('q')).toBeUndefined();
    expect(Object.isFrozen(first.attributes)).toBe(true);
    await other.close();
  });

  it('rolls back a whole send when one of its entries fails', async () => {
    await store.createQueue(queueRecord('q'));
    await expect(
      store.send([entry('q', 'a', T0), entry('missing', 'b', T0)], T0),
    ).rejects.toMatchObject({
      code: 'QueueDoesNotExist',
    });
    expect((await store.counters('q', T0)).visible).toBe(0);
  });

  it('keeps queues, attributes, messages, in-flight deadlines, topics and move tasks across a restart', async () => {
    await store.createQueue(queueRecord('q', { VisibilityTimeout: 77 }));
    await store.send([entry('q', 'kept', T0), entry('q', 'waiting', T0)], T0);
    const [inflight] = (
      await store.receive('q', claim({ maxMessages: 1, visibilityTimeoutMs: 60_000 }), T0)
    ).messages;
    await store.createTopic({
      name: 't',
      arn: 'arn:aws:sns:us-east-1:000000000000:t',
      attributes: { FifoTopic: false, ContentBasedDeduplication: false },
      tags: { team: 'a' },
      createdTimestamp: T0,
    });
    await store.addSubscription({
      arn: 'arn:sub:1',
      topicArn: 'arn:aws:sns:us-east-1:000000000000:t',
      protocol: 'sqs',
      endpoint: queueRecord('q').arn,
      attributes: { filterPolicyScope: 'MessageAttributes', rawMessageDelivery: true },
    });
    await store.saveMoveTask({
      taskHandle: 'h1',
      status: 'RUNNING',
      sourceArn: 'arn:dlq',
      approximateNumberOfMessagesMoved: 3,
      startedTimestamp: T0,
    });
    await store.close();

    store = open();
    expect((await store.getQueue('q'))!.attributes.VisibilityTimeout).toBe(77);
    expect(await store.counters('q', T0 + 1)).toEqual({
      visible: 1,
      inFlight: 1,
      delayed: 0,
      oldestSentTimestamp: T0,
    });
    const [peeked] = await store.peek('q', { limit: 1 });
    expect(peeked).toMatchObject({
      messageId: inflight!.messageId,
      visibleAt: T0 + 60_000,
      receiptHandle: inflight!.receiptHandle,
    });
    await store.changeVisibility('q', inflight!.receiptHandle!, T0 + 70_000, T0 + 2);
    expect((await store.getTopic('t'))!.tags).toEqual({ team: 'a' });
    expect(await store.listSubscriptions()).toHaveLength(1);
    expect(await store.getMoveTask('h1')).toMatchObject({
      status: 'RUNNING',
      approximateNumberOfMessagesMoved: 3,
    });
  });

  it('purges a queue and pages through it with peek', async () => {
    await store.createQueue(queueRecord('q'));
    await store.send(
      Array.from({ length: 5 }, (_, i) => entry('q', `m${i}`, T0)),
      T0,
    );
    const page1 = await store.peek('q', { limit: 2 });
    const page2 = await store.peek('q', { limit: 2, afterMessageId: page1[1]!.messageId });
    const page3 = await store.peek('q', { limit: 2, afterMessageId: page2[1]!.messageId });
    expect([...page1, ...page2, ...page3].map((m) => text(m.body))).toEqual([
      'm0',
      'm1',
      'm2',
      'm3',
      'm4',
    ]);
    await store.purge('q');
    expect(await store.peek('q', { limit: 10 })).toEqual([]);
  });

  it('moves dead-lettered messages back to their source or to a named destination', async () => {
    await store.createQueue(queueRecord('src'));
    await store.createQueue(queueRecord('dlq'));
    await store.createQueue(queueRecord('elsewhere'));
    await store.send(
      Array.from({ length: 3 }, (_, i) => entry('src', `m${i}`, T0)),
      T0,
    );
    const redrive = {
      deadLetterQueueName: 'dlq',
      sourceArn: queueRecord('src').arn,
      maxReceiveCount: 1,
    };
    await store.receive('src', claim({ redrive, visibilityTimeoutMs: 0 }), T0);
    expect((await store.receive('src', claim({ redrive }), T0)).deadLettered).toBe(3);

    expect(await store.moveMessages({ sourceQueueName: 'dlq', limit: 2 }, T0 + 1)).toEqual({
      moved: 2,
      remaining: 1,
    });
    expect(
      await store.moveMessages(
        { sourceQueueName: 'dlq', destinationQueueName: 'elsewhere', limit: 2 },
        T0 + 2,
      ),
    ).toEqual({ moved: 1, remaining: 0 });
    const back = (await store.receive('src', claim(), T0 + 3)).messages;
    expect(back.map((m) => [m.receiveCount, m.deadLetterQueueSourceArn])).toEqual([
      [1, undefined],
      [1, undefined],
    ]);
    expect((await store.counters('elsewhere', T0 + 3)).visible).toBe(1);
  });

  it('stores topics and subscriptions and removes subscriptions with their topic or queue', async () => {
    const topicArn = 'arn:aws:sns:us-east-1:000000000000:news';
    const created = await store.createTopic({
      name: 'news',
      arn: topicArn,
      attributes: { FifoTopic: false, ContentBasedDeduplication: false },
      tags: {},
      createdTimestamp: T0,
    });
    expect(created.created).toBe(true);
    expect((await store.createTopic(created.record)).created).toBe(false);
    await store.createQueue(queueRecord('q1'));
    await store.createQueue(queueRecord('q2'));
    const attributes = {
      filterPolicyScope: 'MessageAttributes' as const,
      rawMessageDelivery: false,
    };
    await store.addSubscription({
      arn: 's1',
      topicArn,
      protocol: 'sqs',
      endpoint: queueRecord('q1').arn,
      attributes,
    });
    await store.addSubscription({
      arn: 's2',
      topicArn,
      protocol: 'sqs',
      endpoint: queueRecord('q2').arn,
      attributes,
    });
    expect((await store.listSubscriptions(topicArn)).map((s) => s.arn)).toEqual(['s1', 's2']);
    const updated = await store.updateSubscription('s2', {
      ...attributes,
      filterPolicy: { a: ['b'] },
    });
    expect(updated.attributes.filterPolicy).toEqual({ a: ['b'] });
    await store.deleteQueue('q1');
    expect((await store.listSubscriptions()).map((s) => s.arn)).toEqual(['s2']);
    expect(await store.removeSubscription('s2')).toBe(true);
    expect(await store.removeSubscription('s2')).toBe(false);
    await store.updateTopic('news', { tags: { k: 'v' } });
    expect((await store.listTopics()).map((t) => t.tags)).toEqual([{ k: 'v' }]);
    expect(await store.deleteTopic('news')).toBe(true);
    expect(await store.getTopic('news')).toBeUndefined();
    await expect(store.updateTopic('news', {})).rejects.toMatchObject({
      code: 'ResourceNotFoundException',
    });
  });

  it('lists move tasks newest first', async () => {
    await store.saveMoveTask({
      taskHandle: 'a',
      status: 'COMPLETED',
      sourceArn: 'arn:dlq',
      approximateNumberOfMessagesMoved: 1,
      startedTimestamp: T0,
    });
    await store.saveMoveTask({
      taskHandle: 'b',
      status: 'RUNNING',
      sourceArn: 'arn:dlq',
      approximateNumberOfMessagesMoved: 0,
      startedTimestamp: T0 + 5,
    });
    await store.saveMoveTask({
      taskHandle: 'b',
      status: 'CANCELLED',
      sourceArn: 'arn:dlq',
      approximateNumberOfMessagesMoved: 4,
      startedTimestamp: T0 + 5,
    });
    expect((await store.listMoveTasks('arn:dlq')).map((t) => [t.taskHandle, t.status])).toEqual([
      ['b', 'CANCELLED'],
      ['a', 'COMPLETED'],
    ]);
    expect(await store.getMoveTask('zzz')).toBeUndefined();
  });

  it('wakes an in-process long poll when a message is sent and times out otherwise', async () => {
    await store.createQueue(queueRecord('q'));
    let woke = false;
    const waiting = store.waitForMessages('q', 10_000).then(() => {
      woke = true;
    });
    await store.send([entry('q', 'x', T0)], T0);
    await waiting;
    expect(woke).toBe(true);
    const controller = new AbortController();
    const aborted = store.waitForMessages('q', 10_000, controller.signal);
    controller.abort();
    await aborted;
    await store.waitForMessages('q', 1);
    await store.waitForMessages('missing', 10_000);
  });

  it('runs in memory with the same behaviour', async () => {
    const memory = new SqliteMessageStore({ path: ':memory:' });
    await memory.createQueue(queueRecord('q'));
    await memory.send([entry('q', 'hello', T0)], T0);
    expect((await memory.receive('q', claim(), T0)).messages.map((m) => text(m.body))).toEqual([
      'hello',
    ]);
    await memory.close();
  });

  it('records the schema version, WAL mode and the synchronous setting', async () => {
    expect(store.database.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(store.database.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.database.pragma('synchronous', { simple: true })).toBe(1);
    const full = new SqliteMessageStore({ path: dir.path('full.db'), synchronous: 'FULL' });
    expect(full.database.pragma('synchronous', { simple: true })).toBe(2);
    full.database.pragma('user_version = 99');
    await full.close();
    expect(() => new SqliteMessageStore({ path: dir.path('full.db') })).toThrow(
      /newer than this @sealbus\/sqlite/,
    );
  });

  it('migrates a version 1 file in place, keeping its messages', async () => {
    const path = dir.path('v1.db');
    const old = new Database(path);
    old.pragma('journal_mode = WAL');
    old.exec(MIGRATIONS[0]!);
    old.pragma('user_version = 1');
    old.exec(
      `INSERT INTO queues (name, arn, attributes, tags, created_ts, modified_ts)
       VALUES ('q', '${queueRecord('q').arn}', '${JSON.stringify(queueRecord('q').attributes)}', '{}', 0, 0);
       INSERT INTO queues (name, arn, attributes, tags, created_ts, modified_ts)
       VALUES ('r', '${queueRecord('r').arn}', '${JSON.stringify(queueRecord('r').attributes)}', '{}', 0, 0);
       INSERT INTO queue_signals (queue_id) VALUES (1), (2);
       INSERT INTO messages (queue_id, message_id, body, sent_ts, visible_at) VALUES
         (1, 'm1', x'6869', ${T0}, ${T0}), (2, 'r1', x'72', ${T0}, ${T0}),
         (1, 'm2', x'686f', ${T0}, ${T0}), (2, 'r2', x'72', ${T0}, ${T0});
       WITH RECURSIVE n(i) AS (SELECT 3 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
       INSERT INTO messages (queue_id, message_id, body, sent_ts, visible_at)
       SELECT 1 + (i % 2), CASE i % 2 WHEN 0 THEN 'm' ELSE 'r' END || i, x'00', ${T0}, ${T0} FROM n;`,
    );
    old.close();
    const upgraded = new SqliteMessageStore({ path });
    expect(upgraded.database.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const schema = upgraded.database
      .prepare("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name")
      .all()
      .map((row) => `${(row as { type: string }).type} ${(row as { name: string }).name}`);
    // Only the (queue_id, visible_at) index is left on messages; the counter table is gone.
    expect(schema.filter((entry) => entry.includes('messages'))).toEqual([
      'table messages',
      'index messages_visible',
    ]);
    expect(schema).not.toContain('table queue_signals');
    // Each queue's messages keep their order: the renumbering follows the old rowids.
    const inOrder = (prefix: string, parity: number) => [
      `${prefix}1`,
      `${prefix}2`,
      ...Array.from({ length: 298 }, (_, k) => k + 3)
        .filter((i) => i % 2 === parity)
        .map((i) => `${prefix}${i}`),
    ];
    expect((await upgraded.peek('q', { limit: 1000 })).map((m) => m.messageId)).toEqual(
      inOrder('m', 0),
    );
    expect((await upgraded.peek('r', { limit: 1000 })).map((m) => m.messageId)).toEqual(
      inOrder('r', 1),
    );
    const [message] = (await upgraded.receive('q', claim(), T0)).messages;
    expect([message!.messageId, text(message!.body)]).toEqual(['m1', 'hi']);
    await upgraded.send([entry('q', 'after', T0)], T0);
    expect((await upgraded.peek('q', { limit: 1000 })).map((m) => text(m.body)).at(-1)).toBe(
      'after',
    );
    await upgraded.deleteMessage('q', message!.receiptHandle!, T0);
    await upgraded.close();
  });

  it('rejects invalid options with the field name', () => {
    expect(() => new SqliteMessageStore({ path: '' })).toThrow(/path must be/);
    expect(() => new SqliteMessageStore({ path: ':memory:', busyTimeoutMs: -1 })).toThrow(
      /busyTimeoutMs must be an integer from 0/,
    );
    expect(
      () =>
        new SqliteMessageStore({ path: ':memory:', minPollIntervalMs: 50, maxPollIntervalMs: 10 }),
    ).toThrow(/maxPollIntervalMs/);
    expect(
      () => new SqliteMessageStore({ path: ':memory:', synchronous: 'OFF' as 'FULL' }),
    ).toThrow(/synchronous/);
  });
});
