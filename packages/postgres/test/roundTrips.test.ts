import { type ClaimRequest, isStoreMiss, type NewMessage } from '@sealbus/broker-engine';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createPostgresPool, migrate, PostgresMessageStore, postgresTypes } from '../src/index.js';
import { countingPool } from './support/countingPool.js';
import { freshDatabase, freshSchema } from './support/database.js';
import { queueRecord } from './support/records.js';

const database = await freshDatabase();
afterAll(() => database.drop());

const ARN = 'arn:aws:sqs:us-east-1:000000000000:';
const utf8 = new TextDecoder();

let ids = 0;
const message = (body: string, visibleAt = 0): NewMessage => ({
  messageId: `m-${++ids}`,
  body: new TextEncoder().encode(body),
  messageAttributes: {},
  visibleAt,
});

const claim = (now: number, extra: Partial<ClaimRequest> = {}): ClaimRequest => ({
  maxMessages: 10,
  visibleUntil: now + 30_000,
  fifo: false,
  expireBefore: 0,
  newReceiptHandle: () => `h-${++ids}`,
  ...extra,
});

/** A store on a pool that records its statements, in a schema of its own. */
async function countedStore() {
  const url = await freshSchema(database.url);
  const { pool, statements } = countingPool(url);
  const store = new PostgresMessageStore({ pool });
  await migrate(pool);
  await store.createQueue(queueRecord('q'));
  return {
    store,
    statements,
    async close() {
      await store.close();
      await pool.end();
    },
  };
}

function ok<T>(value: T): Exclude<T, { miss: string }> {
  if (isStoreMiss(value)) throw new Error(`unexpected miss ${JSON.stringify(value)}`);
  return value as Exclude<T, { miss: string }>;
}

describe('PostgreSQL hot path round trips', () => {
  it('a plain send, a standard receive and a batch of deletes are one statement each, with no NOTIFY inside', async () => {
    const { store, statements, close } = await countedStore();
    try {
      const now = Date.now();
      statements.length = 0;
      ok(
        await store.send(
          Array.from({ length: 10 }, (_, index) => ({
            queueName: 'q',
            message: message(`b-${index}`),
          })),
          now,
        ),
      );
      expect(statements).toHaveLength(1);
      statements.length = 0;
      const { messages } = ok(await store.receive('q', claim(now), now));
      expect(messages.map((m) => utf8.decode(m.body))).toEqual(
        Array.from({ length: 10 }, (_, index) => `b-${index}`),
      );
      expect(statements).toHaveLength(1);
      statements.length = 0;
      // As DeleteMessageBatch calls it: every entry in one turn of the event loop, so all go in
      // one statement (one per entry without coalescing: 10).
      const deleted = await Promise.all(
        messages.map((m) => store.deleteMessage('q', m.receiptHandle!, now)),
      );
      expect(deleted.every((result) => result === undefined)).toBe(true);
      expect(statements).toHaveLength(1);
      expect(ok(await store.counters('q', now))).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
      // Wake-ups leave through the listening connection after the commit, not the pool.
      await store.flushNotifications();
      expect(statements.filter((text) => /notify|BEGIN/i.test(text))).toEqual([]);
    } finally {
      await close();
    }
  });

  it('a receive that meets a row past retention or at the redrive limit walks the plan instead', async () => {
    const { store, close } = await countedStore();
    try {
      const now = 100_000;
      const bodies = (messages: { body: Uint8Array }[]) => messages.map((m) => utf8.decode(m.body));
      // Retention alone: `old` was sent before the cut-off and must be deleted, not delivered.
      ok(await store.send([{ queueName: 'q', message: message('old', 1_000) }], 1_000));
      ok(await store.send([{ queueName: 'q', message: message('new', 3_000) }], 3_000));
      const kept = ok(await store.receive('q', claim(now, { expireBefore: 1_500 }), now));
      expect(bodies(kept.messages)).toEqual(['new']);
      expect(bodies(ok(await store.peek('q', { limit: 10 })))).toEqual(['new']);
      expect(store.claimFallbacks).toBe(1);

      // The redrive limit alone: `tired`, received once with maxReceiveCount 1, must move to
      // the dead-letter queue; only `fresh` is claimed.
      await store.createQueue(queueRecord('src'));
      await store.createQueue(queueRecord('dlq'));
      const redrive = { deadLetterQueueName: 'dlq', sourceArn: `${ARN}src`, maxReceiveCount: 1 };
      ok(await store.send([{ queueName: 'src', message: message('tired', 2_000) }], 2_000));
      const first = ok(await store.receive('src', claim(2_500), 2_500));
      expect(bodies(first.messages)).toEqual(['tired']);
      ok(await store.send([{ queueName: 'src', message: message('fresh', 3_000) }], 3_000));
      const result = ok(await store.receive('src', claim(now, { redrive }), now));
      expect(bodies(result.messages)).toEqual(['fresh']);
      expect(result.deadLettered).toBe(1);
      expect(store.claimFallbacks).toBe(2);
      const moved = ok(await store.peek('dlq', { limit: 10 }));
      expect(moved.map((m) => [utf8.decode(m.body), m.receiveCount])).toEqual([['tired', 0]]);

      // Without such rows the next receive takes the one statement again.
      ok(await store.send([{ queueName: 'src', message: message('later', now) }], now));
      const later = ok(await store.receive('src', claim(now, { redrive }), now));
      expect(bodies(later.messages)).toEqual(['later']);
      expect(store.claimFallbacks).toBe(2);
    } finally {
      await close();
    }
  });

  it('a delete group that meets a stale handle or a missing queue asks once more which it was: deleted, stale, the same handle twice, a missing queue', async () => {
    const { store, statements, close } = await countedStore();
    try {
      const now = Date.now();
      ok(
        await store.send(
          [
            { queueName: 'q', message: message('a') },
            { queueName: 'q', message: message('b') },
          ],
          now,
        ),
      );
      const [a, b] = ok(await store.receive('q', claim(now), now)).messages;
      statements.length = 0;
      // Called in one turn of the event loop: one DELETE carries all five; since some deleted
      // nothing, one SELECT tells stale handles from missing queues.
      const results = await Promise.all([
        store.deleteMessage('q', 'never-issued', now),
        store.deleteMessage('absent', b!.receiptHandle!, now),
        store.deleteMessage('q', b!.receiptHandle!, now),
        store.deleteMessage('q', a!.receiptHandle!, now),
        store.deleteMessage('q', a!.receiptHandle!, now),
      ]);
      expect(statements).toHaveLength(2);
      expect(results[0]).toEqual({
        miss: 'receiptStale',
        queueName: 'q',
        receiptHandle: 'never-issued',
      });
      expect(results[1]).toEqual({ miss: 'queueMissing', queueName: 'absent' });
      expect(results[2]).toBeUndefined();
      // The same current handle twice in one statement deletes the message once.
      expect([results[3], results[4]].filter((result) => result === undefined)).toHaveLength(1);
      expect([results[3], results[4]].filter(isStoreMiss)).toEqual([
        { miss: 'receiptStale', queueName: 'q', receiptHandle: a!.receiptHandle },
      ]);
      expect(ok(await store.peek('q', { limit: 10 }))).toEqual([]);
    } finally {
      await close();
    }
  });

  it('the hot statements are prepared once per connection of a store-made pool and planned for each execution, never from a cached generic plan', async () => {
    const url = await freshSchema(database.url);
    const prepared = async (pool: pg.Pool) =>
      (
        await pool.query<{ name: string; generic_plans: number; custom_plans: number }>(
          `SELECT name, generic_plans, custom_plans FROM pg_prepared_statements
           WHERE name LIKE 'sealbus_%' ORDER BY name`,
        )
      ).rows;
    const workload = async (store: PostgresMessageStore) => {
      await store.createQueue(queueRecord('q'));
      // More than five executions: PostgreSQL's default would consider a generic plan then.
      for (let round = 0; round < 8; round++) {
        const now = Date.now();
        ok(await store.send([{ queueName: 'q', message: message(`r${round}`) }], now));
        const [received] = ok(await store.receive('q', claim(now), now)).messages;
        expect(await store.deleteMessage('q', received!.receiptHandle!, now)).toBeUndefined();
      }
    };
    // One connection, so the statements and the check share a session.
    const own = createPostgresPool(url, 1);
    await migrate(own);
    const store = new PostgresMessageStore({ pool: own });
    try {
      await workload(store);
      const statements = await prepared(own);
      expect(statements.map((row) => row.name)).toEqual([
        'sealbus_claim_plain',
        'sealbus_delete_by_handles',
        'sealbus_insert_plain',
      ]);
      const mode = await own.query<{ plan_cache_mode: string }>('SHOW plan_cache_mode');
      expect(mode.rows[0]!.plan_cache_mode).toBe('force_custom_plan');
      for (const row of statements) {
        expect(row.generic_plans).toBe(0);
        expect(row.custom_plans).toBeGreaterThanOrEqual(8);
      }
    } finally {
      await store.close();
      await own.end();
    }
    // A pool the application made keeps its own plan cache mode: nothing is prepared on it.
    const foreign = new pg.Pool({ connectionString: url, max: 1, types: postgresTypes });
    const guest = new PostgresMessageStore({ pool: foreign });
    try {
      await workload(guest);
      expect(await prepared(foreign)).toEqual([]);
    } finally {
      await guest.close();
      await foreign.end();
    }
  });
});
