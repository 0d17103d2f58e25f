/**
 * Long-poll waiters per queue, for a store that learns of new messages by events (its own
 * writes, a NOTIFY) rather than by polling: `waitForMessages` waits here, a send wakes the queue.
 */
export class QueueWaiters {
  readonly #waiters = new Map<string, Set<() => void>>();
  #closed = false;

  /**
   * Resolves on a wake-up of `queueName`, after `timeoutMs` or on abort; at once when already
   * aborted or closed. Never rejects.
   */
  wait(queueName: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted || this.#closed) {
        resolve();
        return;
      }
      let waiters = this.#waiters.get(queueName);
      if (waiters === undefined) {
        waiters = new Set();
        this.#waiters.set(queueName, waiters);
      }
      const registered = waiters;
      const done = () => {
        clearTimeout(timer);
        registered.delete(done);
        // A queue nobody waits for leaves no entry behind (queue names come and go).
        if (registered.size === 0 && this.#waiters.get(queueName) === registered) {
          this.#waiters.delete(queueName);
        }
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      registered.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  wake(queueName: string): void {
    const waiters = this.#waiters.get(queueName);
    if (waiters === undefined) return;
    for (const done of [...waiters]) done();
  }

  wakeAll(): void {
    for (const name of [...this.#waiters.keys()]) this.wake(name);
  }

  /** Wakes every waiter; later waits resolve at once. */
  close(): void {
    this.#closed = true;
    this.wakeAll();
  }

  /** How many queues have waiters (for tests of the cleanup). */
  get queueCount(): number {
    return this.#waiters.size;
  }
}
