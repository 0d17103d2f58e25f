import type Database from 'better-sqlite3';

interface Waiter {
  queueId: number;
  seenVersion: number | undefined;
  wake: () => void;
}

/**
 * Long-poll wake-ups. Commits in this process wake waiters at once; commits by other processes
 * are seen by polling each waited queue's `queue_signals.version`, starting fast and backing off
 * while nothing changes, so an idle long poll costs a few indexed reads per second instead of a
 * spinning core. One timer serves all waiters.
 */
export class ChangeWatcher {
  private readonly waiters = new Set<Waiter>();
  private readonly readVersion: Database.Statement<[number], { version: number }>;
  private timer: NodeJS.Timeout | undefined;
  private intervalMs: number;

  constructor(
    db: Database.Database,
    private readonly minIntervalMs: number,
    private readonly maxIntervalMs: number,
  ) {
    this.readVersion = db.prepare('SELECT version FROM queue_signals WHERE queue_id = ?');
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
      const waiter: Waiter = { queueId, seenVersion: this.version(queueId), wake: finish };
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

  /**
   * The queue's change counter; `NaN` when it cannot be read right now (e.g. a lock during
   * another process's WAL recovery), which differs from every version and so wakes the waiter:
   * a spurious wake-up only costs the caller one empty receive, a missed one a whole long poll.
   */
  private version(queueId: number): number | undefined {
    try {
      return this.readVersion.get(queueId)?.version;
    } catch {
      return Number.NaN;
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
    const versions = new Map<number, number | undefined>();
    let woke = false;
    for (const waiter of [...this.waiters]) {
      if (!versions.has(waiter.queueId)) versions.set(waiter.queueId, this.version(waiter.queueId));
      if (versions.get(waiter.queueId) !== waiter.seenVersion) {
        woke = true;
        waiter.wake();
      }
    }
    this.intervalMs = woke ? this.minIntervalMs : Math.min(this.intervalMs * 2, this.maxIntervalMs);
    if (this.waiters.size > 0) this.startPolling();
  }
}
