import { describe, expect, it } from 'vitest';
import { MAX_KEYS_IN_STATS, OTHER_KEYS, StatsRecorder } from './stats.js';

describe('StatsRecorder', () => {
  it('sums per-key counters and copies them', () => {
    const recorder = new StatsRecorder();
    recorder.forKey('a').sealHits += 2;
    recorder.forKey('b').decryptCalls++;
    recorder.forKey('a').generateDataKeyCalls++;
    const snapshot = recorder.snapshot(1, 2);
    expect(snapshot).toMatchObject({
      sealHits: 2,
      decryptCalls: 1,
      generateDataKeyCalls: 1,
      cachedSealingKeys: 1,
      cachedOpeningKeys: 2,
    });
    (snapshot.byKeyArn.a as { sealHits: number }).sealHits = 99;
    expect(recorder.snapshot(0, 0).byKeyArn.a?.sealHits).toBe(2);
  });

  it('stops adding keys at the limit and counts the rest together', () => {
    const recorder = new StatsRecorder();
    for (let i = 0; i < MAX_KEYS_IN_STATS + 5; i++) recorder.forKey(`key-${i}`).decryptCalls++;
    const snapshot = recorder.snapshot(0, 0);
    expect(Object.keys(snapshot.byKeyArn)).toHaveLength(MAX_KEYS_IN_STATS + 1);
    expect(snapshot.byKeyArn[OTHER_KEYS]?.decryptCalls).toBe(5);
    expect(snapshot.decryptCalls).toBe(MAX_KEYS_IN_STATS + 5);
  });
});
