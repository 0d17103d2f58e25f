import { randomUUID } from 'node:crypto';
import { storeOk } from '@sealbus/conformance';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteMessageStore } from '../src/index.js';
import { spawnFixture, start } from './support/children.js';
import { entry, newReceiptHandle, queueRecord, tempDir, text } from './support/records.js';

describe('several processes on one file', () => {
  let dir: ReturnType<typeof tempDir>;
  let path: string;
  let store: SqliteMessageStore;

  beforeEach(() => {
    dir = tempDir();
    path = dir.path('shared.db');
    store = new SqliteMessageStore({ path });
  });
  afterEach(async () => {
    await store.close();
    dir.cleanup();
  });

  it('wakes a long poll in this process when another process sends', async () => {
    await store.createQueue(queueRecord('wake'));
    const sender = spawnFixture('sender', [path, 'wake', 'from another process']);
    await sender.waitFor('ready');
    // The wait is far longer than the test timeout: resolving at all means the send woke it.
    const waiting = store.waitForMessages('wake', 600_000);
    start(sender);
    await waiting;
    const now = Date.now();
    const { messages } = storeOk(
      await store.receive(
        'wake',
        {
          maxMessages: 1,
          visibleUntil: now + 1000,
          fifo: false,
          expireBefore: 0,
          newReceiptHandle,
        },
        now,
      ),
    );
    expect(messages.map((m) => text(m.body))).toEqual(['from another process']);
    expect((await sender.exited).code).toBe(0);
  });

  it('delivers each message once to 4 competing consumer processes and drains the queue', async () => {
    await store.createQueue(queueRecord('work'));
    const total = 600;
    const now = Date.now();
    for (let i = 0; i < total; i += 10) {
      await store.send(
        Array.from({ length: 10 }, (_, j) =>
          entry('work', `m${i + j}`, now, { messageId: randomUUID() }),
        ),
        now,
      );
    }
    const consumers = [1, 10, 3, 10].map((batch) =>
      spawnFixture('consumer', [path, 'work', String(batch)]),
    );
    await Promise.all(consumers.map((consumer) => consumer.waitFor('ready')));
    for (const consumer of consumers) start(consumer);
    await Promise.all(consumers.map((consumer) => consumer.waitFor('done')));

    const deliveries = consumers.flatMap((consumer) =>
      consumer.lines.filter((line) => line.startsWith('R ')).map((line) => line.split(' ')),
    );
    const ids = deliveries.map(([, id]) => id);
    expect(new Set(ids).size).toBe(total);
    expect(ids).toHaveLength(total);
    expect(deliveries.every(([, , count]) => count === '1')).toBe(true);
    expect(
      consumers.filter((consumer) => consumer.lines.some((line) => line.startsWith('R '))).length,
    ).toBeGreaterThan(1);
    expect(await store.counters('work', Date.now())).toEqual({
      visible: 0,
      inFlight: 0,
      delayed: 0,
    });
  });
});
