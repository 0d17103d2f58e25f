import { describe, expect, it } from 'vitest';
import { type CachedDataKey, DataKeyCache } from './DataKeyCache.js';

class Entry implements CachedDataKey {
  lastUsed = 0;
  destroyed = false;
  constructor(
    readonly name: string,
    readonly expiresAt = Number.POSITIVE_INFINITY,
  ) {}
  destroy(): void {
    this.destroyed = true;
  }
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('DataKeyCache', () => {
  it('runs one loader for concurrent loads of a key and caches the result', async () => {
    const cache = new DataKeyCache<Entry>(10);
    const gate = deferred<Entry>();
    let calls = 0;
    const loader = () => {
      calls++;
      return gate.promise;
    };
    const loads = [cache.load('k', loader), cache.load('k', loader), cache.load('k', loader)];
    gate.resolve(new Entry('a'));
    const entries = await Promise.all(loads);
    expect(calls).toBe(1);
    expect(new Set(entries).size).toBe(1);
    expect(cache.get('k')).toBe(entries[0]);
    await cache.load('k', async () => new Entry('b'));
    expect(calls).toBe(1);
    expect(cache.get('k')?.name).toBe('b');
    expect(entries[0]?.destroyed).toBe(true);
  });

  it('shares a failure with every waiter and forgets it', async () => {
    const cache = new DataKeyCache<Entry>(10);
    const failure = new Error('kms down');
    const loads = [1, 2].map(() => cache.load('k', () => Promise.reject(failure)));
    for (const load of loads) await expect(load).rejects.toBe(failure);
    expect(cache.size).toBe(0);
    await expect(cache.load('k', async () => new Entry('ok'))).resolves.toMatchObject({
      name: 'ok',
    });
  });

  it('evicts and destroys the least recently used entry when full', async () => {
    const cache = new DataKeyCache<Entry>(2);
    const a = await cache.load('a', async () => new Entry('a'));
    const b = await cache.load('b', async () => new Entry('b'));
    cache.touch(a);
    const c = await cache.load('c', async () => new Entry('c'));
    expect([a.destroyed, b.destroyed, c.destroyed]).toEqual([false, true, false]);
    expect(cache.get('b')).toBeUndefined();
    cache.get('c');
    await cache.load('d', async () => new Entry('d'));
    expect(a.destroyed).toBe(true);
    expect(cache.size).toBe(2);
  });

  it('sweeps expired entries and removes only the entry it is given', async () => {
    const cache = new DataKeyCache<Entry>(10);
    const old = await cache.load('old', async () => new Entry('old', 100));
    const fresh = await cache.load('fresh', async () => new Entry('fresh', 1000));
    cache.sweep(100);
    expect(old.destroyed).toBe(true);
    expect(cache.get('old')).toBeUndefined();
    const stranger = new Entry('stranger');
    cache.remove('fresh', stranger);
    expect(stranger.destroyed).toBe(true);
    expect(cache.get('fresh')).toBe(fresh);
  });

  it('clear() destroys everything, including a load that lands afterwards', async () => {
    const cache = new DataKeyCache<Entry>(10);
    const cached = await cache.load('a', async () => new Entry('a'));
    const gate = deferred<Entry>();
    const pending = cache.load('b', () => gate.promise);
    cache.clear();
    gate.resolve(new Entry('late'));
    const late = await pending;
    expect(cached.destroyed).toBe(true);
    expect(late.destroyed).toBe(true);
    expect(cache.size).toBe(0);
    let calls = 0;
    await cache.load('b', async () => {
      calls++;
      return new Entry('b');
    });
    expect(calls).toBe(1);
  });
});
