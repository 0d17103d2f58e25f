import { type QueueRecord, SSE_SWITCH_GRACE_MS } from '@sealbus/broker-engine';

/**
 * This process's copies of queue records, so a send or a receive does not read its queue's row
 * (two of every message's statements before). A copy is served only while `live()` says
 * invalidations are arriving (the listening connection is up: the `sb_queues` trigger announces
 * every change of a record on `QUEUE_RECORDS_CHANNEL`) and for at most `ttlMs` after it was
 * read, which bounds staleness when a connection dies without telling. SQS itself lets an
 * attribute change take up to 60 seconds to reach every reader.
 *
 * A read that was in flight while a record was forgotten is returned but not kept: it may have
 * read the row before the change committed.
 */
export class QueueRecordCache {
  readonly #ttlMs: number;
  readonly #live: () => boolean;
  readonly #now: () => number;
  readonly #entries = new Map<string, { record: QueueRecord; readAt: number }>();
  /** Bumped by every forget, so a read that overlapped one is not kept. */
  #generation = 0;

  /** `now` is a monotonic clock in ms (tests freeze it to prove invalidation alone). */
  constructor(ttlMs: number, live: () => boolean, now: () => number = () => performance.now()) {
    checkTtl(ttlMs);
    this.#ttlMs = ttlMs;
    this.#live = live;
    this.#now = now;
  }

  /** The record of `name` from this cache, or from `load` (kept when it is safe to). */
  async read(
    name: string,
    load: (name: string) => Promise<QueueRecord | undefined>,
  ): Promise<QueueRecord | undefined> {
    const caching = this.#ttlMs > 0 && this.#live();
    if (caching) {
      const entry = this.#entries.get(name);
      if (entry !== undefined) {
        if (this.#now() - entry.readAt < this.#ttlMs) return entry.record;
        this.#entries.delete(name);
      }
    }
    const generation = this.#generation;
    const readAt = this.#now();
    const record = await load(name);
    if (caching && record !== undefined && generation === this.#generation && this.#live()) {
      this.#entries.set(name, { record: deepFreeze(record), readAt });
    }
    return record;
  }

  /** Drops the copy of `name` (changed or deleted, here or elsewhere). */
  forget(name: string): void {
    this.#generation++;
    this.#entries.delete(name);
  }

  /** Drops every copy: invalidations may have been missed (the listening connection came or went). */
  forgetAll(): void {
    this.#generation++;
    this.#entries.clear();
  }
}

/**
 * A send that read a stale record (SSE still off) may store a plaintext body; receivers accept
 * one only within `SSE_SWITCH_GRACE_MS` of the switch, so a copy must expire well before that.
 */
export const MAX_QUEUE_RECORD_TTL_MS = SSE_SWITCH_GRACE_MS / 2;

function checkTtl(ttlMs: number): void {
  if (!Number.isInteger(ttlMs) || ttlMs < 0 || ttlMs > MAX_QUEUE_RECORD_TTL_MS) {
    throw new RangeError(
      `PostgresStoreOptions.queueRecordTtlMs must be an integer from 0 to ${MAX_QUEUE_RECORD_TTL_MS} (below the SSE switch grace); got ${String(ttlMs)}.`,
    );
  }
}

/** Shared copies must not change under another caller: a mutation throws instead. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
