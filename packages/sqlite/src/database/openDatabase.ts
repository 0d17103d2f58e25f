import { ServiceUnavailableError } from '@sealbus/core';
import { createPrivateFile } from '@sealbus/kms-local';
import Database from 'better-sqlite3';
import type { ResolvedSqliteStoreOptions } from '../SqliteStoreOptions.js';
import { migrate } from './migrations.js';
import { isBusy } from './WriteBatcher.js';

/**
 * Opens the file in WAL mode (readers never block the writer, several processes share it) and
 * brings the schema up to date. A new file is created with mode 0600 (its missing directories
 * 0700), so it and its `-wal` and `-shm` files are private whatever the umask.
 */
export function openDatabase(options: ResolvedSqliteStoreOptions): Database.Database {
  if (options.path !== ':memory:') createPrivateFile(options.path);
  const db = new Database(options.path);
  try {
    db.pragma(`busy_timeout = ${options.busyTimeoutMs}`);
    if (options.path !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous}`);
    // Checkpoint every ~40 MB of log instead of ~4 MB: a queue rewrites the same few pages, so a
    // longer log folds many frames into one page copy and needs a tenth of the checkpoint fsyncs.
    db.pragma('wal_autocheckpoint = 10000');
    db.pragma('journal_size_limit = 67108864');
    // 16 MiB of page cache keeps the index pages of a large backlog in memory.
    db.pragma('cache_size = -16384');
    db.pragma('foreign_keys = OFF');
    // Deleted rows are zeroed when that costs no extra I/O, so removed bodies rarely linger in free pages.
    db.pragma('secure_delete = FAST');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    if (isBusy(error)) {
      throw new ServiceUnavailableError(
        `The database ${options.path} stayed locked by another process for busyTimeoutMs (${options.busyTimeoutMs} ms) while opening; retry when its write is done.`,
        { cause: error },
      );
    }
    throw error;
  }
}
