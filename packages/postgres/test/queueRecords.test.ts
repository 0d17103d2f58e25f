import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  createPostgresBroker,
  createPostgresPool,
  migrate,
  PostgresMessageStore,
} from '../src/index.js';
import { MessageListener } from '../src/store/MessageListener.js';
import { QueueRecordCache } from '../src/store/QueueRecordCache.js';
import { type QueueRow, toQueueRecord } from '../src/store/rows.js';
import { countingPool } from './support/countingPool.js';
import { freshDatabase, freshSchema } from './support/database.js';
import { queueRecord } from './support/records.js';

const database = await freshDatabase();
afterAll(() => database.drop());

/** Waits (vitest's `waitFor`, no timing asserted) until `check` holds. */
const eventually = (check: () => Promise<boolean> | boolean) =>
  vi.waitFor(
    async () => {
      if (!(await check())) throw new Error('condition not reached yet');
    },
    { timeout: 10_000, interval: 5 },
  );

/**
 * A listener and a cache whose clock never moves: a copy leaves it only through an invalidation
 * the trigger sent, so these cases would fail without the trigger or the LISTEN.
 */
async function frozenCopies() {
  const url = await freshSchema(database.url);
  const pool = createPostgresPool(url, 2);
  await migrate(pool);
  const store = new PostgresMessageStore({ pool });
  for (const name of ['q', 'other']) await store.createQueue(queueRecord(name));
  const cache: QueueRecordCache = new QueueRecordCache(
    1_000,
    (): boolean => listener.listening,
    () => 0,
  );
  const listener: MessageListener = new MessageListener(url, cache);
  await listener.start();
  const loads: string[] = [];
  const read = (name: string) =>
    cache.read(name, async () => {
      loads.push(name);
      const row = (await pool.query<QueueRow>('SELECT * FROM sb_queues WHERE name = $1', [name]))
        .rows[0];
      return row === undefined ? undefined : toQueueRecord(row);
    });
  return {
    pool,
    listener,
    read,
    loads,
    async close() {
      await listener.close();
      await store.close();
      await pool.end();
    },
  };
}

describe('queue records: copies per process, invalidated by the database', () => {
  it('an UPDATE or DELETE by any connection reaches the copies when it commits; a FIFO counter does not notify', async () => {
    const { pool, read, loads, close } = await frozenCopies();
    try {
      await read('q');
      await read('q');
      expect(loads).toEqual(['q']);

      // Plain SQL from another connection, as an operator would run it: the trigger announces it.
      await pool.query(
        `UPDATE sb_queues SET attributes = jsonb_set(attributes, '{VisibilityTimeout}', '60')
         WHERE name = 'q'`,
      );
      await eventually(async () => (await read('q'))?.attributes.VisibilityTimeout === 60);

      // The FIFO sequence counter (every FIFO send) must not send a notice: after it, a change
      // of `other` is announced, and notices arrive in commit order, so once `other` is read
      // again any notice for `q` would have arrived before.
      await read('other');
      const before = loads.length;
      await pool.query(`UPDATE sb_queues SET next_sequence = next_sequence + 1 WHERE name = 'q'`);
      await pool.query(`UPDATE sb_queues SET tags = '{"ward":"7"}' WHERE name = 'other'`);
      await eventually(async () => (await read('other'))?.tags.ward === '7');
      await read('q');
      expect(loads.slice(before).filter((name) => name === 'q')).toEqual([]);

      await pool.query(`DELETE FROM sb_queues WHERE name = 'q'`);
      await eventually(async () => (await read('q')) === undefined);
    } finally {
      await close();
    }
  });

  it('drops every copy when the listening connection is lost: a change made meanwhile is seen after it returns', async () => {
    const { pool, listener, read, close } = await frozenCopies();
    try {
      await read('q');
      await pool.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE query LIKE 'LISTEN%' AND datname = current_database()`,
      );
      await eventually(() => !listener.listening);
      // Nobody hears this notice.
      await pool.query(
        `UPDATE sb_queues SET attributes = jsonb_set(attributes, '{DelaySeconds}', '5') WHERE name = 'q'`,
      );
      await eventually(() => listener.listening);
      expect((await read('q'))?.attributes.DelaySeconds).toBe(5);
    } finally {
      await close();
    }
  });

  it("send, receive and delete through the broker read no queue row while the process holds the queue's record", async () => {
    const url = await freshSchema(database.url);
    const { pool, statements } = countingPool(url);
    const broker = await createPostgresBroker({
      pool,
      rootKey: new Uint8Array(randomBytes(32)),
    });
    try {
      const queue = await broker.createQueue('records', { KmsMasterKeyId: 'alias/aws/sqs' });
      statements.length = 0;
      const started = performance.now();
      for (let round = 0; round < 20; round++) {
        await queue.send(`round ${round}`);
        const [message] = await queue.receive();
        await queue.delete(message!.receiptHandle);
      }
      // Without copies: two reads per round (send and receive), 40. With them: the first read,
      // and one more per TTL (1 s) the loop took on a loaded machine.
      const copiesRead = 1 + Math.floor((performance.now() - started) / 1_000);
      const rowReads = statements.filter((text) =>
        /^SELECT \* FROM sb_queues WHERE name/.test(text),
      );
      expect(rowReads.length).toBeLessThanOrEqual(copiesRead);
      // What remains per round: the INSERT, the claim and the DELETE.
      expect(statements.length - rowReads.length).toBe(20 * 3);
    } finally {
      await broker.close();
      await pool.end();
    }
  });

  it('a second store on the database sees a change of attributes made by the first', async () => {
    const url = await freshSchema(database.url);
    const first = new PostgresMessageStore({ connectionString: url, poolSize: 2 });
    await migrate(first.pool);
    const second = new PostgresMessageStore({ connectionString: url, poolSize: 2 });
    try {
      await first.createQueue(queueRecord('shared'));
      expect((await second.getQueue('shared'))?.attributes.VisibilityTimeout).toBe(30);
      const changed = queueRecord('shared');
      await first.updateQueue('shared', {
        attributes: { ...changed.attributes, VisibilityTimeout: 45 },
        lastModifiedTimestamp: 1,
      });
      // The first reads its own change at once.
      expect((await first.getQueue('shared'))?.attributes.VisibilityTimeout).toBe(45);
      await eventually(
        async () => (await second.getQueue('shared'))?.attributes.VisibilityTimeout === 45,
      );
    } finally {
      await first.close();
      await second.close();
    }
  });
});
