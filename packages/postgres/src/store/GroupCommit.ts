/**
 * Group commit: calls that arrive while `maxInFlight` batches are being written wait and then go
 * together in the next one, so N concurrent callers cost a few statements (and commits) instead
 * of N. A caller that finds a free slot is written in the same turn of the event loop, together
 * with every call made in that turn (the entries of one batch request arrive so): more than one
 * slot lets a caller skip waiting for a batch in flight, as the server flushes concurrent
 * commits together anyway.
 */
export class GroupCommit<Call extends { reject(error: unknown): void }> {
  readonly #write: (calls: Call[]) => Promise<void>;
  readonly #maxBatch: number;
  readonly #maxInFlight: number;
  #pending: Call[] = [];
  #inFlight = 0;

  constructor(
    write: (calls: Call[]) => Promise<void>,
    options: { maxBatch?: number; maxInFlight?: number } = {},
  ) {
    this.#write = write;
    this.#maxBatch = options.maxBatch ?? 256;
    this.#maxInFlight = options.maxInFlight ?? 1;
  }

  /** How many batches were written; tests count them to prove that callers were grouped. */
  batches = 0;

  add(call: Call): void {
    this.#pending.push(call);
    if (this.#inFlight < this.#maxInFlight) {
      this.#inFlight++;
      queueMicrotask(() => void this.#drain());
    }
  }

  /** Runs in a slot `add` took; gives it back once nothing is pending. */
  async #drain(): Promise<void> {
    try {
      while (this.#pending.length > 0) {
        const batch = this.#pending.splice(0, this.#maxBatch);
        this.batches++;
        try {
          await this.#write(batch);
        } catch (error) {
          for (const call of batch) call.reject(error);
        }
      }
    } finally {
      this.#inFlight--;
    }
  }
}
