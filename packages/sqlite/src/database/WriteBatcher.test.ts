import { InvalidParameterValueError } from '@sealbus/core';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WriteBatcher } from './WriteBatcher.js';

describe('WriteBatcher', () => {
  let db: Database.Database;
  let batcher: WriteBatcher;
  const committed: number[][] = [];

  beforeEach(() => {
    db = new Database(':memory:');
    db.exec('CREATE TABLE t (v INTEGER NOT NULL)');
    committed.length = 0;
    batcher = new WriteBatcher(
      db,
      { afterCommit: (touched) => committed.push([...touched]) },
      3,
      1000,
    );
  });
  afterEach(() => db.close());

  const insert = (v: number) =>
    batcher.run(() => db.prepare('INSERT INTO t (v) VALUES (?)').run(v));
  const rows = () =>
    (db.prepare('SELECT v FROM t ORDER BY v').all() as Array<{ v: number }>).map((r) => r.v);

  it('commits operations of one turn together, at most maxOperations per transaction', async () => {
    await Promise.all([1, 2, 3, 4, 5].map(insert));
    expect(rows()).toEqual([1, 2, 3, 4, 5]);
    expect(batcher.stats).toEqual({
      transactions: 2,
      operations: 5,
      busyRetries: 0,
      timerWaits: 0,
    });
  });

  it('rejects only the operation that failed validation and commits the rest', async () => {
    const results = await Promise.allSettled([
      insert(1),
      batcher.run(() => {
        throw new InvalidParameterValueError('bad value');
      }),
      insert(3),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(rows()).toEqual([1, 3]);
  });

  it('rolls back the whole group when an operation fails inside SQLite', async () => {
    const results = await Promise.allSettled([
      insert(1),
      batcher.run(() => db.prepare('INSERT INTO t (v) VALUES (NULL)').run()),
      insert(3),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(rows()).toEqual([]);
    expect(db.inTransaction).toBe(false);
    await insert(4);
    expect(rows()).toEqual([4]);
  });

  it('reports the queues the committed operations touched', async () => {
    await Promise.all([
      batcher.run((context) => context.touch(7)),
      batcher.run((context) => context.touch(9)),
    ]);
    expect(committed).toEqual([[7, 9]]);
  });

  it('drains: resolves once everything submitted has settled', async () => {
    const pending = insert(1);
    await batcher.drain();
    expect(rows()).toEqual([1]);
    await pending;
    await batcher.drain();
  });
});
