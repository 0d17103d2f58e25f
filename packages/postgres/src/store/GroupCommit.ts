/**
 * Group commit: calls that arrive while a transaction is being written wait and then go
 * together in the next one, so N concurrent callers cost one commit (one WAL flush) instead of
 * N. At most one batch is in flight per instance; a lone caller is written at once.
 */
export class GroupCommit<Call extends { reject(error: unknown): void }> {
  readonly #write: (calls: Call[]) => Promise<void>;
  readonly #maxBatch: number;
  #pending: Call[] = [];
  #writing = false;

  constructor(write: (calls: Call[]) => Promise<void>, maxBatch = 256) {
    this.#write = write;
    this.#maxBatch = maxBatch;
  }

  /** How many batches were written; tests count them to prove that callers were grouped. */
  batches = 0;

  add(call: Call): void {
    this.#pending.push(call);
    if (!this.#writing) void this.#drain();
  }

  async #drain(): Promise<void> {
    this.#writing = true;
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
      this.#writing = false;
    }
  }
}
