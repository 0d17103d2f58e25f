/** What the cache needs from an entry: when it expires, and how to zero it. */
export interface CachedDataKey {
  /** Epoch ms after which the entry is never used again. */
  readonly expiresAt: number;
  /** Set by the cache on every use; the least recently used entry is evicted first. */
  lastUsed: number;
  readonly destroyed: boolean;
  /** Zeroes the key material. Safe to call more than once. */
  destroy(): void;
}

/**
 * A bounded map of data keys with single-flight loading: concurrent misses on one key share a
 * single loader call. Every entry that leaves the cache (replaced, expired, evicted, cleared)
 * is destroyed, so key material never outlives its place in the cache.
 */
export class DataKeyCache<E extends CachedDataKey> {
  private readonly entries = new Map<string, E>();
  private readonly inFlight = new Map<string, Promise<E>>();
  private tick = 0;
  /** Bumped by `clear()`: a load that started before is destroyed instead of cached. */
  private generation = 0;

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): E | undefined {
    const entry = this.entries.get(key);
    if (entry !== undefined) entry.lastUsed = ++this.tick;
    return entry;
  }

  /** Marks an entry used that the caller found without `get` (a shortcut reference). */
  touch(entry: E): void {
    entry.lastUsed = ++this.tick;
  }

  /** Drops `entry` if it is still the one cached under `key`, and destroys it either way. */
  remove(key: string, entry: E): void {
    if (this.entries.get(key) === entry) this.entries.delete(key);
    entry.destroy();
  }

  /** Runs `loader` unless a load for `key` is already in flight; caches what it returns. */
  load(key: string, loader: () => Promise<E>): Promise<E> {
    const pending = this.inFlight.get(key);
    if (pending !== undefined) return pending;
    const generation = this.generation;
    const promise = loader()
      .then((entry) => {
        if (generation === this.generation) this.put(key, entry);
        else entry.destroy();
        return entry;
      })
      .finally(() => {
        if (this.inFlight.get(key) === promise) this.inFlight.delete(key);
      });
    this.inFlight.set(key, promise);
    return promise;
  }

  /** Destroys every entry expired at `now`. */
  sweep(now: number): void {
    for (const [key, entry] of this.entries) {
      if (now >= entry.expiresAt) this.remove(key, entry);
    }
  }

  clear(): void {
    this.generation++;
    for (const entry of this.entries.values()) entry.destroy();
    this.entries.clear();
    this.inFlight.clear();
  }

  private put(key: string, entry: E): void {
    const previous = this.entries.get(key);
    if (previous !== undefined && previous !== entry) this.remove(key, previous);
    if (this.entries.size >= this.capacity) this.evictLeastRecentlyUsed();
    entry.lastUsed = ++this.tick;
    this.entries.set(key, entry);
  }

  /** O(n), but only on a miss with a full cache; hits just bump a counter. */
  private evictLeastRecentlyUsed(): void {
    let oldestKey: string | undefined;
    let oldest: E | undefined;
    for (const [key, entry] of this.entries) {
      if (oldest === undefined || entry.lastUsed < oldest.lastUsed) {
        oldestKey = key;
        oldest = entry;
      }
    }
    if (oldestKey !== undefined && oldest !== undefined) this.remove(oldestKey, oldest);
  }
}
