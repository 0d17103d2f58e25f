import { checkInteger } from '../options/checks.js';
import type { HandlerStatus } from '../types/result.js';

/** What a spy records: outcomes plus `deadLettered` when a delivery was the policy's last. */
export type SpyStatus = HandlerStatus | 'deadLettered';

export interface SpyRecord {
  readonly queueName: string;
  readonly messageId: string;
  readonly status: SpyStatus;
  readonly receiveCount: number;
  readonly correlationId?: string;
  readonly errorReason?: string;
}

interface Waiter {
  messageId: string;
  status: SpyStatus | undefined;
  resolve: (record: SpyRecord) => void;
}

/** The read-only face of a spy that a worker hands out. */
export interface PublicHandlerSpy {
  waitForMessageWithId(messageId: string, status?: SpyStatus): Promise<SpyRecord>;
  checkForMessage(messageId: string, status?: SpyStatus): SpyRecord | undefined;
  counts(): Record<SpyStatus, number>;
  clear(): void;
}

const STATUSES: readonly SpyStatus[] = [
  'consumed',
  'retryLater',
  'error',
  'discarded',
  'deadLettered',
];

/**
 * A bounded buffer of processing outcomes for tests, after message-queue-toolkit's `HandlerSpy`.
 * It keeps ids and statuses only, never bodies.
 */
export class HandlerSpy implements PublicHandlerSpy {
  readonly #bufferSize: number;
  #records: SpyRecord[] = [];
  #counts = HandlerSpy.#zero();
  #waiters: Waiter[] = [];

  constructor(bufferSize: number) {
    this.#bufferSize = checkInteger('handlerSpy.bufferSize', bufferSize, 1, 1_000_000);
  }

  static #zero(): Record<SpyStatus, number> {
    return Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<SpyStatus, number>;
  }

  add(record: SpyRecord): void {
    this.#records.push(Object.freeze({ ...record }));
    if (this.#records.length > this.#bufferSize) this.#records.shift();
    this.#counts[record.status] += 1;
    const still: Waiter[] = [];
    for (const waiter of this.#waiters) {
      if (
        waiter.messageId === record.messageId &&
        (waiter.status ?? record.status) === record.status
      ) {
        waiter.resolve(record);
      } else {
        still.push(waiter);
      }
    }
    this.#waiters = still;
  }

  /** Resolves with the newest matching record, at once if it was already seen. */
  waitForMessageWithId(messageId: string, status?: SpyStatus): Promise<SpyRecord> {
    const seen = this.checkForMessage(messageId, status);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve) => {
      this.#waiters.push({ messageId, status, resolve });
    });
  }

  checkForMessage(messageId: string, status?: SpyStatus): SpyRecord | undefined {
    for (let i = this.#records.length - 1; i >= 0; i--) {
      const record = this.#records[i];
      if (record?.messageId === messageId && (status === undefined || record.status === status)) {
        return record;
      }
    }
    return undefined;
  }

  /** Totals per status since the last `clear`, as a copy. */
  counts(): Record<SpyStatus, number> {
    return { ...this.#counts };
  }

  /** Forgets records and counts; pending waiters keep waiting. */
  clear(): void {
    this.#records = [];
    this.#counts = HandlerSpy.#zero();
  }

  /** A view without the writer, for the worker's public `handlerSpy` property. */
  toPublic(): PublicHandlerSpy {
    return Object.freeze({
      waitForMessageWithId: (id: string, status?: SpyStatus) =>
        this.waitForMessageWithId(id, status),
      checkForMessage: (id: string, status?: SpyStatus) => this.checkForMessage(id, status),
      counts: () => this.counts(),
      clear: () => this.clear(),
    });
  }
}
