import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChangeWatcher } from './ChangeWatcher.js';

describe('ChangeWatcher', () => {
  let dir: string;
  let mine: Database.Database;
  let other: Database.Database;
  let watcher: ChangeWatcher;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sealbus-watch-'));
    mine = new Database(join(dir, 'w.db'));
    mine.pragma('journal_mode = WAL');
    mine.exec(
      'CREATE TABLE queue_signals (queue_id INTEGER PRIMARY KEY, version INTEGER NOT NULL)',
    );
    mine.exec('INSERT INTO queue_signals VALUES (1, 0), (2, 0)');
    other = new Database(join(dir, 'w.db'));
    watcher = new ChangeWatcher(mine, 1, 5);
  });
  afterEach(() => {
    watcher.wakeAll();
    mine.close();
    other.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // Every wait below is far longer than the test timeout: resolving proves the wake-up.
  const LONG = 600_000;

  it('wakes waiters of a queue another connection bumped, and only those', async () => {
    let secondWoke = false;
    const first = watcher.wait(1, LONG);
    const second = watcher.wait(2, LONG).then(() => {
      secondWoke = true;
    });
    other.exec('UPDATE queue_signals SET version = version + 1 WHERE queue_id = 1');
    await first;
    expect(secondWoke).toBe(false);
    watcher.notify(new Set([2]));
    await second;
  });

  it('wakes when the counter can no longer be read', async () => {
    const waiting = watcher.wait(1, LONG);
    other.exec('DROP TABLE queue_signals');
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
