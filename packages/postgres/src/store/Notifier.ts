/**
 * Long-poll wake-ups, sent after the change they announce has committed and outside its
 * transaction. PostgreSQL holds a cluster-wide lock from a NOTIFY transaction's commit until its
 * WAL flush ends, so a NOTIFY inside the send transactions of several processes would make their
 * commits wait for each other. Here this process's waiters wake at once, and the names go out in
 * one NOTIFY statement at a time, at most one per `spacingMs`; names that arrive meanwhile ride
 * on the next one. Every listening process reads every NOTIFY, so under a steady stream of sends
 * this keeps their cost per process bounded, and a waiter elsewhere wakes at most `spacingMs`
 * later than it could have.
 */
export class Notifier {
  readonly #send: (names: string[]) => Promise<void>;
  readonly #wakeLocal: (name: string) => void;
  readonly #spacingMs: number;
  #pending = new Set<string>();
  #sending: Promise<void> | undefined;

  /**
   * `send` publishes the names to other processes; a failure is dropped, since a waiter that
   * misses a wake-up finds the message at its bounded fallback poll.
   */
  constructor(
    send: (names: string[]) => Promise<void>,
    wakeLocal: (name: string) => void,
    spacingMs = 10,
  ) {
    this.#send = send;
    this.#wakeLocal = wakeLocal;
    this.#spacingMs = spacingMs;
  }

  /** How many NOTIFY statements went out; tests count them to prove coalescing. */
  statements = 0;

  notify(names: Iterable<string>): void {
    for (const name of names) {
      this.#wakeLocal(name);
      this.#pending.add(name);
    }
    this.#sending ??= this.#drain();
  }

  /** Resolves once everything notified so far is sent (or dropped). */
  async flushed(): Promise<void> {
    await this.#sending;
  }

  async #drain(): Promise<void> {
    while (this.#pending.size > 0) {
      const names = [...this.#pending];
      this.#pending = new Set();
      this.statements++;
      await Promise.all([
        this.#send(names).catch(() => {}),
        new Promise((resolve) => setTimeout(resolve, this.#spacingMs)),
      ]);
    }
    this.#sending = undefined;
  }
}
