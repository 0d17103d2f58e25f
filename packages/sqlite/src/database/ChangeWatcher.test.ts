import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEQUENCE_BITS } from '../store/messageKeys.js';
import { prepareStatements } from '../store/statements.js';
import { ChangeWatcher } from './ChangeWatcher.js';
import { migrate } from './migrations.js';

describe('ChangeWatcher', () => {
  let dir: string;
  let mine: Database.Database;
  let other: Database.Database;
  let watcher: ChangeWatcher;

  /** A message row in the queue's range, written by the other connection (another process). */
  const sendFromOther = (queueId: number, sequence: number, messageId = `m${sequence}`) =>
    other
      .prepare(
        `INSERT INTO messages (rowid, queue_id, message_id, body, sent_ts, visible_at)
         VALUES ((? << ${SEQUENCE_BITS}) + ?, ?, ?, x'00', 0, 0)`,
      )
      .run(queueId, sequence, queueId, messageId);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sealbus-watch-'));
    mine = new Database(join(dir, 'w.db'));
    mine.pragma('journal_mode = WAL');
    migrate(mine);
    other = new Database(join(dir, 'w.db'));
    watcher = new ChangeWatcher(prepareStatements(mine), 1, 5);
  });
  afterEach(() => {
    watcher.wakeAll();
    mine.close();
    other.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // Every wait below is far longer than the test timeout: resolving proves the wake-up.
  const LONG = 600_000;

  it('wakes waiters of a queue another connection sent to, and only those', async () => {
    let secondWoke = false;
    const first = watcher.wait(1, LONG);
    const second = watcher.wait(2, LONG).then(() => {
      secondWoke = true;
    });
    sendFromOther(1, 1);
    await first;
    expect(secondWoke).toBe(false);
    watcher.notify(new Set([2]));
    await second;
  });

  it('keeps waiting through commits that leave the queue newest row as it was', async () => {
    sendFromOther(1, 1);
    let woke = false;
    const waiting = watcher.wait(1, LONG).then(() => {
      woke = true;
    });
    // Other queues and a visibility change of the existing row: data_version moves each time.
    for (let sequence = 1; sequence <= 5; sequence++) {
      sendFromOther(2, sequence);
      other.exec('UPDATE messages SET visible_at = visible_at + 1 WHERE queue_id = 1');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(woke).toBe(false);
    // A new row with a reused sequence is still a new newest row: its message id differs.
    other.transaction(() => {
      other.exec('DELETE FROM messages WHERE queue_id = 1');
      sendFromOther(1, 1, 'another');
    })();
    await waiting;
  });

  it('wakes when the queue can no longer be read', async () => {
    const waiting = watcher.wait(1, LONG);
    other.exec('DROP TABLE messages');
    await waiting;
  });

  it('resolves at once for an aborted signal or no time, and on abort or timeout', async () => {
    const controller = new AbortController();
    controller.abort();
    await watcher.wait(1, LONG, controller.signal);
    await watcher.wait(1, 0);
    const later = new AbortController();
    const waiting = watcher.wait(1, LONG, later.signal);
    later.abort();
    await waiting;
    await watcher.wait(1, 5);
  });
});
