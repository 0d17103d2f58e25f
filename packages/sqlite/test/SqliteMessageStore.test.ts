import type { ClaimRequest, NewMessage } from '@sealbus/broker-engine';
import { storeOk } from '@sealbus/conformance';
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
    visibleUntil: T0 + 30_000,
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

  it('rejects tampered, foreign and old-format handles without touching any message', async () => {
    await store.createQueue(queueRecord('q'));
    await store.send([entry('q', 'a', T0), entry('q', 'b', T0)], T0);
    const [first, second] = storeOk(await store.receive('q', claim(), T0)).messages;
    const [prefix, rest] = [
      first!.receiptHandle!.slice(0, first!.receiptHandle!.indexOf('.')),
      first!.receiptHandle!.slice(first!.receiptHandle!.indexOf('.')),
    ];
    const otherSequence = second!.receiptHandle!.slice(0, second!.receiptHandle!.indexOf('.'));
    expect(otherSequence).not.toBe(prefix);
    for (const handle of [`${otherSequence}${rest}`, rest.slice(1), 'zzzzzzzzzzzz.x', '']) {
      expect(await store.deleteMessage('q', handle, T0)).toMatchObject({ miss: 'receiptStale' });
      expect(await store.changeVisibility('q', handle, T0 + 1, T0)).toMatchObject({
        miss: 'receiptStale',
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
    expect(
      await store.send([entry('r', 'fine', T0), entry('q', 'too many', T0)], T0),
    ).toMatchObject({ miss: 'capacityExhausted', field: 'QueueName' });
    expect(storeOk(await store.peek('r', { limit: 10 })).length).toBe(0);
    // Draining the queue frees its range: sequences restart after the newest remaining row.
    const [last] = storeOk(await store.receive('q', claim(), T0)).messages;
    await store.deleteMessage('q', last!.receiptHandle!, T0);
    await store.send([entry('q', 'again', T0)], T0);
    expect(storeOk(await store.peek('q', { limit: 10 })).map((m) => text(m.body))).toEqual([
      'again',
    ]);
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
    expect(await store.createQueue(queueRecord('new'))).toMatchObject({
      miss: 'capacityExhausted',
      field: 'QueueName',
    });
    expect(await store.getQueue('new')).toBeUndefined();
    expect(storeOk(await store.createQueue(queueRecord('q'))).created).toBe(false);
    await store.deleteQueue('top');
    expect(storeOk(await store.createQueue(queueRecord('new'))).created).toBe(true);
  });

  it('suppresses FIFO duplicates within the window, also after a restart, and accepts them after', async () => {
    await store.createQueue(queueRecord('d.fifo'));
    const dedup = (expiresAt: number): Partial<NewMessage> => ({
      messageGroupId: 'g',
      messageDeduplicationId: 'dup',
      fifo: true,
      deduplication: { scope: '', id: 'dup', expiresAt },
    });
    const original = storeOk(await store.send([entry('d.fifo', 'x', T0, dedup(T0 + 300_000))], T0));
    await store.close();
    store = open();
    const repeat = await store.send([entry('d.fifo', 'x', T0, dedup(T0 + 301_000))], T0 + 1000);
    expect(repeat).toEqual([
      {
        messageId: original[0]!.messageId,
        duplicate: true,
        sequenceNumber: original[0]!.sequenceNumber,
      },
    ]);
    const later = storeOk(
      await store.send([entry('d.fifo', 'x', T0, dedup(T0 + 600_000))], T0 + 300_000),
    );
    expect(later[0]!.duplicate).toBe(false);
    expect(storeOk(await store.counters('d.fifo', T0 + 300_000)).visible).toBe(2);
  });

  it('coalesces concurrent operations into one transaction; a miss changes only its own result', async () => {
    await store.createQueue(queueRecord('q'));
    const before = store.writeStats.transactions;
    const results = await Promise.all(
      Array.from({ length: 32 }, (_, i) =>
        store.send([entry(i % 8 === 7 ? 'missing' : 'q', `m${i}`, T0)], T0),
      ),
    );
    expect(store.writeStats.transactions - before).toBe(1);
    expect(results.filter((r) => !Array.isArray(r))).toEqual(
      Array(4).fill({ miss: 'queueMissing', queueName: 'missing' }),
    );
    expect(storeOk(await store.counters('q', T0)).visible).toBe(28);
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
    expect(storeOk(await store.counters('q', T0)).visible).toBe(4);
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

  it('keeps queues, attributes, messages, in-flight deadlines, topics and move tasks across a restart', async () => {
    await store.createQueue(queueRecord('q', { VisibilityTimeout: 77 }));
    await store.send([entry('q', 'kept', T0), entry('q', 'waiting', T0)], T0);
    const [inflight] = storeOk(
      await store.receive('q', claim({ maxMessages: 1, visibleUntil: T0 + 60_000 }), T0),
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
    const [peeked] = storeOk(await store.peek('q', { limit: 1 }));
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

  it('runs in memory with the same behaviour', async () => {
    const memory = new SqliteMessageStore({ path: ':memory:' });
    await memory.createQueue(queueRecord('q'));
    await memory.send([entry('q', 'hello', T0)], T0);
    expect(
      storeOk(await memory.receive('q', claim(), T0)).messages.map((m) => text(m.body)),
    ).toEqual(['hello']);
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
    expect(storeOk(await upgraded.peek('q', { limit: 1000 })).map((m) => m.messageId)).toEqual(
      inOrder('m', 0),
    );
    expect(storeOk(await upgraded.peek('r', { limit: 1000 })).map((m) => m.messageId)).toEqual(
      inOrder('r', 1),
    );
    const [message] = storeOk(await upgraded.receive('q', claim(), T0)).messages;
    expect([message!.messageId, text(message!.body)]).toEqual(['m1', 'hi']);
    await upgraded.send([entry('q', 'after', T0)], T0);
    expect(
      storeOk(await upgraded.peek('q', { limit: 1000 }))
        .map((m) => text(m.body))
        .at(-1),
    ).toBe('after');
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
