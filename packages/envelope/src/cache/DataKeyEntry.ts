import type { DataKeyStats } from '../stats.js';
import type { CachedDataKey } from './DataKeyCache.js';

export interface DataKeyEntryInit {
  keyArn: string;
  createdAt: number;
  /** The reuse period in force when the key was loaded: the entry's lifetime. */
  reusePeriodMs: number;
  stats: DataKeyStats;
}

/** What sealing and opening cache entries share: identity, lifetime and the reuse check. */
export abstract class DataKeyEntry implements CachedDataKey {
  readonly keyArn: string;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly stats: DataKeyStats;
  lastUsed = 0;
  destroyed = false;

  protected constructor(init: DataKeyEntryInit) {
    this.keyArn = init.keyArn;
    this.createdAt = init.createdAt;
    this.expiresAt = init.createdAt + init.reusePeriodMs;
    this.stats = init.stats;
  }

  /** Not destroyed, and inside both its own reuse period and the caller's `reusePeriodMs`. */
  protected usableAt(now: number, reusePeriodMs: number): boolean {
    return !this.destroyed && now < this.expiresAt && now < this.createdAt + reusePeriodMs;
  }

  abstract destroy(): void;
}
