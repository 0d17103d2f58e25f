/**
 * A log-bucketed histogram (HDR-style): bounded memory, ≤ 2.5 % relative error per quantile.
 * Buckets grow by 5 % from 1 µs to about 2.8 hours.
 */
const GROWTH = 1.05;
const MIN_MS = 0.001;
const BUCKETS = 500;
const LOG_GROWTH = Math.log(GROWTH);

export interface LatencySummary {
  count: number;
  minMs: number;
  maxMs: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
}

export class LatencyHistogram {
  readonly #counts = new Uint32Array(BUCKETS + 1);
  #count = 0;
  #sum = 0;
  #min = Number.POSITIVE_INFINITY;
  #max = 0;

  record(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return;
    const index =
      ms <= MIN_MS ? 0 : Math.min(BUCKETS, Math.ceil(Math.log(ms / MIN_MS) / LOG_GROWTH));
    this.#counts[index] = (this.#counts[index] ?? 0) + 1;
    this.#count += 1;
    this.#sum += ms;
    if (ms < this.#min) this.#min = ms;
    if (ms > this.#max) this.#max = ms;
  }

  get count(): number {
    return this.#count;
  }

  /** The value at quantile `q` (0–1): the upper bound of its bucket, clamped to the observed range. */
  quantile(q: number): number {
    if (this.#count === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.#count));
    let seen = 0;
    for (let i = 0; i <= BUCKETS; i++) {
      seen += this.#counts[i] ?? 0;
      if (seen >= rank) {
        const upper = MIN_MS * GROWTH ** i;
        return Math.min(this.#max, Math.max(this.#min, upper));
      }
    }
    return this.#max;
  }

  p50(): number {
    return this.quantile(0.5);
  }

  p99(): number {
    return this.quantile(0.99);
  }

  summary(): LatencySummary {
    return {
      count: this.#count,
      minMs: this.#count === 0 ? 0 : this.#min,
      maxMs: this.#max,
      meanMs: this.#count === 0 ? 0 : this.#sum / this.#count,
      p50Ms: this.p50(),
      p99Ms: this.p99(),
    };
  }

  reset(): void {
    this.#counts.fill(0);
    this.#count = 0;
    this.#sum = 0;
    this.#min = Number.POSITIVE_INFINITY;
    this.#max = 0;
  }
}
