/** Counters of one CMK (by key ARN) or of the whole engine. */
export interface DataKeyStats {
  /** `KeyProvider.generateDataKey` calls made, failed ones included (they cost a request too). */
  generateDataKeyCalls: number;
  /** `KeyProvider.decrypt` calls made, failed ones included. */
  decryptCalls: number;
  /** Seals served by a cached data key. */
  sealHits: number;
  /** Seals that waited for a new data key (concurrent misses share one call). */
  sealMisses: number;
  openHits: number;
  openMisses: number;
}

/** Keys counted separately; beyond this many, further keys share the `OTHER_KEYS` bucket. */
export const MAX_KEYS_IN_STATS = 10_000;
export const OTHER_KEYS = '*';

export interface EnvelopeStats extends DataKeyStats {
  /**
   * Per key ARN; a key id whose calls all failed is listed as given. Envelopes name their key,
   * so tampered ones could name any number of keys: past `MAX_KEYS_IN_STATS` keys, new ones
   * are counted under `OTHER_KEYS` ('*').
   */
  byKeyArn: Record<string, DataKeyStats>;
  /** Data keys currently cached for sealing / opening. */
  cachedSealingKeys: number;
  cachedOpeningKeys: number;
}

export function emptyDataKeyStats(): DataKeyStats {
  return {
    generateDataKeyCalls: 0,
    decryptCalls: 0,
    sealHits: 0,
    sealMisses: 0,
    openHits: 0,
    openMisses: 0,
  };
}

/** Counters per key; cache entries hold a reference to their key's counters, so a hit costs one increment. */
export class StatsRecorder {
  private readonly byKey = new Map<string, DataKeyStats>();

  forKey(keyArn: string): DataKeyStats {
    let stats = this.byKey.get(keyArn);
    if (stats === undefined) {
      const name = this.byKey.size < MAX_KEYS_IN_STATS ? keyArn : OTHER_KEYS;
      stats = this.byKey.get(name) ?? emptyDataKeyStats();
      this.byKey.set(name, stats);
    }
    return stats;
  }

  snapshot(cachedSealingKeys: number, cachedOpeningKeys: number): EnvelopeStats {
    const total = emptyDataKeyStats();
    const byKeyArn: Record<string, DataKeyStats> = {};
    for (const [keyArn, stats] of this.byKey) {
      byKeyArn[keyArn] = { ...stats };
      for (const name of Object.keys(total) as (keyof DataKeyStats)[]) total[name] += stats[name];
    }
    return { ...total, byKeyArn, cachedSealingKeys, cachedOpeningKeys };
  }
}
