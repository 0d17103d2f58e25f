import type { Queue } from '@sealbus/core';
import { SettlementError } from '../errors/SettlementError.js';

interface Pending {
  receiptHandle: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

const MAX_BATCH = 10;

/**
 * Coalesces the deletes of one event-loop turn into `deleteBatch` calls of up to ten handles,
 * so a burst of finished handlers costs one store transaction instead of ten.
 */
export class DeleteBatcher {
  readonly #queue: Queue;
  #pending: Pending[] = [];
  #scheduled = false;
  #inFlight = new Set<Promise<void>>();

  constructor(queue: Queue) {
    this.#queue = queue;
  }

  delete(receiptHandle: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ receiptHandle, resolve, reject });
      if (this.#pending.length >= MAX_BATCH) this.#flush();
      else if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.#flush());
      }
    });
  }

  /** Sends whatever is pending and waits for every batch in flight. */
  async flush(): Promise<void> {
    this.#flush();
    await Promise.allSettled([...this.#inFlight]);
  }

  #flush(): void {
    this.#scheduled = false;
    while (this.#pending.length > 0) {
      const batch = this.#pending.splice(0, MAX_BATCH);
      const sent = this.#send(batch);
      this.#inFlight.add(sent);
      void sent.finally(() => this.#inFlight.delete(sent));
    }
  }

  async #send(batch: Pending[]): Promise<void> {
    if (batch.length === 1) {
      const only = batch[0]!;
      try {
        await this.#queue.delete(only.receiptHandle);
        only.resolve();
      } catch (error) {
        only.reject(error);
      }
      return;
    }
    try {
      const result = await this.#queue.deleteBatch(
        batch.map((p, i) => ({ id: String(i), receiptHandle: p.receiptHandle })),
      );
      const failed = new Map(result.failed.map((f) => [f.id, f]));
      for (const [i, p] of batch.entries()) {
        const failure = failed.get(String(i));
        if (failure === undefined) p.resolve();
        else p.reject(new SettlementError(failure.code, failure.message));
      }
    } catch (error) {
      for (const p of batch) p.reject(error);
    }
  }
}
