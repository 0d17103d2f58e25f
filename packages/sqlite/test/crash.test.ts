import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteMessageStore } from '../src/index.js';
import { type Child, spawnFixture, start } from './support/children.js';
import { queueRecord, tempDir } from './support/records.js';

const ROUNDS = Number(process.env.SEALBUS_CRASH_ROUNDS ?? 50);
const WORKERS_PER_ROUND = 2;

describe('crash safety under SIGKILL', () => {
  const dir = tempDir();
  const path = dir.path('crash.db');

  beforeAll(async () => {
    const store = new SqliteMessageStore({ path });
    await store.createQueue(queueRecord('crash'));
    await store.close();
  });
  afterAll(() => dir.cleanup());

  it(
    `loses no acknowledged send and resurrects no deleted message over ${ROUNDS} rounds`,
    async () => {
      const sent = new Set<string>();
      const deleting = new Set<string>();
      const deleted = new Set<string>();
      const received = new Set<string>();
      let spawned = 0;
      const spawnWorker = () => spawnFixture('crashWorker', [path, `w${spawned++}`]);
      // The next round's workers load while this round runs, so rounds cost kill time, not start-up.
      let ready: Child[] = Array.from({ length: WORKERS_PER_ROUND }, spawnWorker);
      let killedMidWork = 0;

      for (let round = 0; round < ROUNDS; round++) {
        const workers = ready;
        const last = round === ROUNDS - 1;
        ready = last ? [] : Array.from({ length: WORKERS_PER_ROUND }, spawnWorker);
        await Promise.all(workers.map((worker) => worker.waitFor('ready')));
        for (const worker of workers) start(worker);
        await Promise.all(
          workers.map(async (worker) => {
            await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 60));
            worker.process.kill('SIGKILL');
            const { signal } = await worker.exited;
            if (signal === 'SIGKILL') killedMidWork++;
          }),
        );
        for (const worker of workers) {
          for (const line of worker.lines) {
            const [kind, id] = line.split(' ') as [string, string];
            if (kind === 'S') sent.add(id);
            else if (kind === 'R') received.add(id);
            else if (kind === 'X') deleting.add(id);
            else if (kind === 'D') deleted.add(id);
          }
        }
      }
      expect(killedMidWork).toBe(ROUNDS * WORKERS_PER_ROUND);
      expect(sent.size).toBeGreaterThan(0);
      expect(deleted.size).toBeGreaterThan(0);

      const store = new SqliteMessageStore({ path });
      try {
        expect(store.database.pragma('integrity_check', { simple: true })).toBe('ok');
        const rows = store.database
          .prepare(
            'SELECT message_id AS id, count(*) AS n, max(body) AS body FROM messages GROUP BY message_id',
          )
          .all() as Array<{ id: string; n: number; body: Uint8Array }>;
        const present = new Map(rows.map((row) => [row.id, row]));
        for (const row of rows) {
          expect(row.n, `message ${row.id} stored once`).toBe(1);
          expect(new TextDecoder().decode(row.body)).toBe(row.id);
        }
        for (const id of deleted) {
          expect(present.has(id), `deleted message ${id} came back`).toBe(false);
          expect(received.has(id), `deleted message ${id} was received first`).toBe(true);
        }
        for (const id of sent) {
          if (present.has(id)) continue;
          // Gone without a delete ack is fine only if its delete was under way when the kill came.
          expect(deleting.has(id), `acknowledged send ${id} vanished without a delete`).toBe(true);
        }
      } finally {
        await store.close();
      }
    },
    Math.max(120_000, ROUNDS * 4000),
  );
});
