import { isSealbusError, ServiceUnavailableError } from '@sealbus/core';
import type Database from 'better-sqlite3';

/** What an operation inside a group transaction may use besides SQL. */
export interface WriteContext {
  /** The queue may have new visible messages (or vanished): wake its long pollers. */
  touch(queueId: number): void;
  /**
   * Queue ids looked up in this transaction: the group holds the write lock, so they cannot
   * change underneath it. An operation that deletes a queue removes its entry.
   */
  readonly queueIds: Map<string, number>;
  /** The last message sequence used per queue id in this transaction (see store/sequences.ts). */
  readonly sequences: Map<number, number>;
}

/**
 * A synchronous write. It validates before it writes: when it throws a `SealbusError` it has
 * changed nothing, so the other operations of its group commit without it. Any other error
 * (an SQLite failure) rolls back the whole group.
 */
export type WriteOperation<T> = (context: WriteContext) => T;

interface Pending {
  operation: WriteOperation<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export interface WriteBatcherHooks {
  /** Runs after COMMIT with the queues the successful operations touched. */
  afterCommit(touched: ReadonlySet<number>): void;
}

/**
 * How long a group retries the write lock on every event-loop turn before falling back to a
 * 1 ms timer: about one group commit of another process (measured up to ~2 ms for 16 callers
 * at batch 10), so the lock is taken as soon as it is released, while a long hold (a backup, a
 * migration) costs only a timer per millisecond.
 */
const TURN_RETRY_MS = 2;

export function isBusy(error: unknown): boolean {
  return (error as { code?: unknown }).code === 'SQLITE_BUSY';
}

/**
 * Group commit: operations submitted in the same turn of the event loop run in one
 * `BEGIN IMMEDIATE` transaction. Operations validate before writing (see `WriteOperation`), so a
 * rejected one leaves nothing to undo and needs no savepoint. Every promise settles after COMMIT
 * returned, so an acknowledged write is as durable as the `synchronous` setting makes any commit.
 *
 * When another process holds the write lock, the group retries on the next turns of the event
 * loop, then on a 1 ms timer, instead of SQLite's busy handler (which sleeps up to 100 ms per
 * try and blocks the event loop). The loop keeps running meanwhile: callers go on preparing
 * (sealing) their next operations, which join the waiting group, so contention turns into bigger
 * transactions. Blocking sleeps (measured: `Atomics.wait` back-off) left the lock idle and the
 * loop stalled: 4 processes on 2 cores moved 40 % fewer messages.
 */
export class WriteBatcher {
  /**
   * Committed write transactions and the operations they carried; `busyRetries` counts retries
   * on the next event-loop turn and `timerWaits` 1 ms timer waits for another process's write
   * lock. For metrics and tests.
   */
  readonly stats = { transactions: 0, operations: 0, busyRetries: 0, timerWaits: 0 };
  private queue: Pending[] = [];
  private scheduled = false;
  private idleWaiters: Array<() => void> = [];
  /** performance.now() when the current wait for the write lock began. */
  private busySince: number | undefined;
  private readonly noWait: Database.Statement;
  private readonly restoreWait: Database.Statement;
  private readonly begin: Database.Statement;
  private readonly commit: Database.Statement;
  private readonly rollback: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly hooks: WriteBatcherHooks,
    private readonly maxOperations: number,
    private readonly busyTimeoutMs: number,
  ) {
    this.noWait = db.prepare('PRAGMA busy_timeout = 0');
    this.restoreWait = db.prepare(`PRAGMA busy_timeout = ${busyTimeoutMs}`);
    this.begin = db.prepare('BEGIN IMMEDIATE');
    this.commit = db.prepare('COMMIT');
    this.rollback = db.prepare('ROLLBACK');
  }

  run<T>(operation: WriteOperation<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ operation, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  /** Resolves once every submitted operation has settled. */
  drain(): Promise<void> {
    if (this.queue.length === 0 && !this.scheduled) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // setImmediate, not a microtask: callers whose awaits resolve in this turn join the group.
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    if (this.queue.length > 0) {
      const failure = this.beginOrWait();
      if (failure === 'waiting') return;
      const group = this.queue.splice(0, this.maxOperations);
      if (this.queue.length > 0) this.schedule();
      if (failure === undefined) this.commitGroup(group);
      else for (const pending of group) pending.reject(failure);
    }
    if (!this.scheduled) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const wake of waiters) wake();
    }
  }

  /** Opens the write transaction; `'waiting'` when it retries later, an error when it gave up. */
  private beginOrWait(): undefined | 'waiting' | unknown {
    this.noWait.run();
    try {
      const error = this.tryBegin();
      if (error === undefined) {
        this.busySince = undefined;
        return undefined;
      }
      if (!isBusy(error)) return error;
      const now = performance.now();
      this.busySince ??= now;
      const waitedMs = now - this.busySince;
      if (waitedMs < this.busyTimeoutMs) {
        this.scheduled = true;
        if (waitedMs < TURN_RETRY_MS) {
          this.stats.busyRetries++;
          setImmediate(() => this.flush());
        } else {
          this.stats.timerWaits++;
          setTimeout(() => this.flush(), 1);
        }
        return 'waiting';
      }
      this.busySince = undefined;
      return new ServiceUnavailableError(
        `The database stayed locked by another process for busyTimeoutMs (${this.busyTimeoutMs} ms); retry, or raise busyTimeoutMs if long transactions are expected.`,
        { cause: error },
      );
    } finally {
      this.restoreWait.run();
    }
  }

  private tryBegin(): unknown {
    try {
      this.begin.run();
      return undefined;
    } catch (error) {
      return error;
    }
  }

  /** Runs the group inside the open transaction and commits it. */
  private commitGroup(group: Pending[]): void {
    const results: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    const touched = new Set<number>();
    const context: WriteContext = {
      touch: (id) => touched.add(id),
      queueIds: new Map(),
      sequences: new Map(),
    };
    try {
      for (const pending of group) {
        try {
          results.push({ ok: true, value: pending.operation(context) });
        } catch (error) {
          if (!isSealbusError(error)) throw error;
          results.push({ ok: false, error });
        }
      }
      this.commit.run();
    } catch (error) {
      if (this.db.inTransaction) this.rollback.run();
      for (const pending of group) pending.reject(error);
      return;
    }
    this.stats.transactions++;
    this.stats.operations += group.length;
    this.hooks.afterCommit(touched);
    group.forEach((pending, index) => {
      const result = results[index]!;
      if (result.ok) pending.resolve(result.value);
      else pending.reject(result.error);
    });
  }
}
