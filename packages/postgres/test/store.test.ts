import { type ClaimRequest, isStoreMiss, type NewMessage } from '@sealbus/broker-engine';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate, PostgresMessageStore } from '../src/index.js';
import { spawnFixture, start } from './support/children.js';
import { freshDatabase, freshSchema } from './support/database.js';
import { queueRecord } from './support/records.js';

const database = await freshDatabase();
afterAll(() => database.drop());

let ids = 0;
function message(body: string): NewMessage {
  return {
    messageId: `m-${++ids}`,
    body: new TextEncoder().encode(body),
    messageAttributes: {},
    visibleAt: 0,
  };
}

const claim = (maxMessages: number): ClaimRequest => ({
  maxMessages,
  visibleUntil: Date.now() + 30_000,
  fifo: false,
  expireBefore: 0,
  newReceiptHandle: () => `h-${++ids}`,
});

async function openStore(url: string, extra = {}): Promise<PostgresMessageStore> {
  const store = new PostgresMessageStore({ connectionString: url, poolSize: 4, ...extra });
  await migrate(store.pool);
  return store;
}

describe('PostgresMessageStore', () => {
  it('migrates once when several processes open a new database at the same moment', async () => {
    const url = await freshSchema(database.url);
    const children = Array.from({ length: 4 }, () => spawnFixture('migrate', [url]));
    await Promise.all(children.map((child) => child.waitFor('ready')));
    for (const child of children) start(child);
    await Promise.all(children.map((child) => child.exited));
    const results = children.map((child) => JSON.parse(child.lines.at(-1)!) as { from: number });
    // Exactly one applied the steps; the others waited on the advisory lock and found them done.
    expect(results.map((result) => result.from).sort()).toEqual([
      0,
      MIGRATIONS.length,
      MIGRATIONS.length,
      MIGRATIONS.length,
    ]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const version = await client.query('SELECT version FROM sealbus_schema_version');
      expect(version.rows).toEqual([{ version: MIGRATIONS.length }]);
    } finally {
      await client.end();
    }
  });

  it('writes concurrent senders in fewer transactions than callers (group commit)', async () => {
    const store = await openStore(await freshSchema(database.url));
    try {
      await store.createQueue(queueRecord('group'));
      const callers = 40;
      const before = store.sendBatches;
      const results = await Promise.all(
        Array.from({ length: callers }, (_, index) =>
          store.send([{ queueName: 'group', message: message(`g-${index}`) }], Date.now()),
        ),
      );
      expect(results.every((result) => !isStoreMiss(result))).toBe(true);
      // Without grouping every caller is its own transaction (40); grouped, callers of one turn
      // of the event loop share one.
      expect(store.sendBatches - before).toBe(1);
      const depth = await store.counters('group', Date.now());
      expect(depth).toMatchObject({ visible: callers });
    } finally {
      await store.close();
    }
  });

  it('a missing queue fails only its own caller inside a group commit', async () => {
    const store = await openStore(await freshSchema(database.url));
    try {
      await store.createQueue(queueRecord('present'));
      const [ok, missing] = await Promise.all([
        store.send([{ queueName: 'present', message: message('kept') }], Date.now()),
        store.send(
          [
            { queueName: 'present', message: message('not kept') },
            { queueName: 'absent', message: message('not kept') },
          ],
          Date.now(),
        ),
      ]);
      expect(isStoreMiss(ok)).toBe(false);
      expect(missing).toEqual({ miss: 'queueMissing', queueName: 'absent' });
      const stored = await store.peek('present', { limit: 10 });
      expect(
        isStoreMiss(stored) ? [] : stored.map((m) => new TextDecoder().decode(m.body)),
      ).toEqual(['kept']);
    } finally {
      await store.close();
    }
  });

  it('wakes a long poll of another store (own pool and LISTEN connection) through NOTIFY', async () => {
    const url = await freshSchema(database.url);
    // No fallback poll within the wait: only a notification can end it before its timeout.
    const waiting = await openStore(url, { fallbackPollMs: 60_000 });
    const sending = await openStore(url);
    try {
      await sending.createQueue(queueRecord('wake'));
      await new Promise((resolve) => setTimeout(resolve, 200)); // both LISTENs are up
      const woken = waiting.waitForMessages('wake', 30_000).then(() => 'woken' as const);
      await sending.send([{ queueName: 'wake', message: message('ping') }], Date.now());
      // A budget far below the 30 s wait: without NOTIFY this race is lost.
      const outcome = await Promise.race([
        woken,
        new Promise<'budget spent'>((resolve) => setTimeout(() => resolve('budget spent'), 10_000)),
      ]);
      expect(outcome).toBe('woken');
      const claimed = await waiting.receive('wake', claim(1), Date.now());
      expect(isStoreMiss(claimed) ? 0 : claimed.messages.length).toBe(1);
    } finally {
      await waiting.close();
      await sending.close();
    }
  });

  it('claims disjoint messages for concurrent receivers (FOR UPDATE SKIP LOCKED)', async () => {
    const url = await freshSchema(database.url);
    const stores = await Promise.all([openStore(url), openStore(url), openStore(url)]);
    try {
      await stores[0]!.createQueue(queueRecord('disjoint'));
      await stores[0]!.send(
        Array.from({ length: 60 }, (_, index) => ({
          queueName: 'disjoint',
          message: message(`d-${index}`),
        })),
        Date.now(),
      );
      const claimed = await Promise.all(
        stores.flatMap((store) =>
          Array.from({ length: 4 }, () => store.receive('disjoint', claim(5), Date.now())),
        ),
      );
      const bodies = claimed.flatMap((result) =>
        isStoreMiss(result) ? [] : result.messages.map((m) => m.messageId),
      );
      expect(bodies).toHaveLength(60);
      expect(new Set(bodies).size).toBe(60);
    } finally {
      for (const store of stores) await store.close();
    }
  });
});
