import type { Statements } from '../store/statements.js';

interface Waiter {
  queueId: number;
  /** PRAGMA data_version when the queue's newest row was last compared. */
  dataVersion: number | undefined;
  /** The queue's newest row when the wait began (see `newest`). */
  newest: string;
  wake: () => void;
}

/** Distinct from every fingerprint, so an unreadable queue wakes its waiters. */
const UNREADABLE = '\0unreadable';

/**
 * Long-poll wake-ups without a write per send. Commits in this process wake waiters at once.
 * Commits by other processes move this connection's `PRAGMA data_version`, which costs no I/O to
 * read: while anyone waits it is polled, fast at first and backing off while nothing changes.
 * When it moved, each waited queue's newest row (sequence and message id, one b-tree seek) is
 * compared with the one seen when the wait began: a send or a move into the queue changes it,
 * commits to other queues do not. Deleting the newest row changes it too, which costs a waiter
 * one empty receive, never a busy loop.
 */
export class ChangeWatcher {
  private readonly waiters = new Set<Waiter>();
  private timer: NodeJS.Timeout | undefined;
  private intervalMs: number;

  constructor(
    private readonly sql: Pick<Statements, 'dataVersion' | 'newestInQueue'>,
    private readonly minIntervalMs: number,
    private readonly maxIntervalMs: number,
  ) {
    this.intervalMs = minIntervalMs;
  }

  wait(queueId: number, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted || timeoutMs <= 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const finish = () => {
        clearTimeout(timeout);
        signal?.removeEventListener('abort', finish);
        this.waiters.delete(waiter);
        if (this.waiters.size === 0) this.stopPolling();
        resolve();
      };
      const waiter: Waiter = {
        queueId,
        dataVersion: this.dataVersion(),
        newest: this.newest(queueId),
        wake: finish,
      };
      const timeout = setTimeout(finish, timeoutMs);
      signal?.addEventListener('abort', finish, { once: true });
      this.waiters.add(waiter);
      this.intervalMs = this.minIntervalMs;
      this.startPolling();
    });
  }

  /** Called after this process committed changes to these queues. */
  notify(queueIds: ReadonlySet<number>): void {
    if (queueIds.size === 0) return;
    for (const waiter of [...this.waiters]) {
      if (queueIds.has(waiter.queueId)) waiter.wake();
    }
  }

  /** Wakes every waiter (the store is closing). */
  wakeAll(): void {
    for (const waiter of [...this.waiters]) waiter.wake();
  }

  private dataVersion(): number | undefined {
    try {
      return this.sql.dataVersion.get()?.data_version;
    } catch {
      return undefined;
    }
  }

  /**
   * The queue's newest row as `sequence/messageId` (`''` when empty), or `UNREADABLE` when it
   * cannot be read right now (e.g. a lock during another process's WAL recovery): a spurious
   * wake-up only costs the caller one empty receive, a missed one a whole long poll.
   */
  private newest(queueId: number): string {
    try {
      const row = this.sql.newestInQueue.get(queueId, queueId, queueId);
      return row === undefined ? '' : `${row.sequence}/${row.message_id}`;
    } catch {
      return UNREADABLE;
    }
  }

  private startPolling(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => this.poll(), this.intervalMs);
  }

  private stopPolling(): void {
    if (this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private poll(): void {
    this.timer = undefined;
    const dataVersion = this.dataVersion();
    const newest = new Map<number, string>();
    let woke = false;
    for (const waiter of [...this.waiters]) {
      if (dataVersion !== undefined && dataVersion === waiter.dataVersion) continue;
      if (!newest.has(waiter.queueId)) newest.set(waiter.queueId, this.newest(waiter.queueId));
      const current = newest.get(waiter.queueId)!;
      if (current !== waiter.newest || current === UNREADABLE) {
        woke = true;
        waiter.wake();
      } else {
        waiter.dataVersion = dataVersion;
      }
    }
    this.intervalMs = woke ? this.minIntervalMs : Math.min(this.intervalMs * 2, this.maxIntervalMs);
    if (this.waiters.size > 0) this.startPolling();
  }
}
