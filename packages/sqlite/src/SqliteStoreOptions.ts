import { InvalidParameterValueError } from '@sealbus/core';

/** How hard each commit is pushed to disk (SQLite `PRAGMA synchronous` in WAL mode). */
export type SqliteSynchronous = 'NORMAL' | 'FULL';

export interface SqliteStoreOptions {
  /**
   * Database file, or `':memory:'` for a private in-memory database. A new file is created with
   * mode 0600, and missing directories on its path with mode 0700.
   */
  path: string;
  /**
   * `NORMAL`: a commit survives a process crash (SIGKILL included); a power loss or OS crash may
   * lose the last transactions, never corrupting the file. `FULL`: every commit is fsynced, so it
   * also survives power loss, at several times the cost per transaction.
   * @defaultValue 'NORMAL'
   */
  synchronous?: SqliteSynchronous;
  /** How long a writer waits for another process's write lock. @defaultValue 5000 */
  busyTimeoutMs?: number;
  /** Most operations coalesced into one write transaction (group commit). @defaultValue 512 */
  maxOperationsPerTransaction?: number;
  /** Fastest poll of the cross-process change counter while long polling. @defaultValue 5 */
  minPollIntervalMs?: number;
  /** Slowest poll of the change counter; bounds the cross-process wake-up delay. @defaultValue 40 */
  maxPollIntervalMs?: number;
}

export type ResolvedSqliteStoreOptions = Required<SqliteStoreOptions>;

export const DEFAULT_SQLITE_STORE_OPTIONS = {
  synchronous: 'NORMAL',
  busyTimeoutMs: 5000,
  maxOperationsPerTransaction: 512,
  minPollIntervalMs: 5,
  maxPollIntervalMs: 40,
} as const satisfies Omit<ResolvedSqliteStoreOptions, 'path'>;

function checkInteger(field: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidParameterValueError(
      `${field} must be an integer from ${min} to ${max}, got ${String(value)}; pass a value in range or omit it for the default.`,
      { field },
    );
  }
}

/** Applies the defaults and checks every field. */
export function resolveSqliteStoreOptions(options: SqliteStoreOptions): ResolvedSqliteStoreOptions {
  if (typeof options.path !== 'string' || options.path.length === 0) {
    throw new InvalidParameterValueError(
      `path must be a database file path or ':memory:', got ${JSON.stringify(options.path)}.`,
      { field: 'path' },
    );
  }
  const resolved: ResolvedSqliteStoreOptions = { ...DEFAULT_SQLITE_STORE_OPTIONS, ...options };
  if (resolved.synchronous !== 'NORMAL' && resolved.synchronous !== 'FULL') {
    throw new InvalidParameterValueError(
      `synchronous must be 'NORMAL' or 'FULL', got ${JSON.stringify(resolved.synchronous)}.`,
      { field: 'synchronous' },
    );
  }
  checkInteger('busyTimeoutMs', resolved.busyTimeoutMs, 0, 600_000);
  checkInteger('maxOperationsPerTransaction', resolved.maxOperationsPerTransaction, 1, 100_000);
  checkInteger('minPollIntervalMs', resolved.minPollIntervalMs, 1, 10_000);
  checkInteger('maxPollIntervalMs', resolved.maxPollIntervalMs, resolved.minPollIntervalMs, 10_000);
  return resolved;
}
