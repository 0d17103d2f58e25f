/**
 * Ratio of two operations' throughput on a shared, noisy machine: short batches of each are
 * timed back to back, many times, so both see the same load; the median of the per-pair
 * ratios is robust to the bursts that distort separate runs. Batches are timed in process CPU
 * time (user + system, GC threads included), so time spent waiting for a core while other
 * jobs run is not charged to either side.
 */
export interface PairedResult {
  /** Median msg per CPU second of `a` and `b` over the batches. */
  readonly rateA: number;
  readonly rateB: number;
  /** Median over pairs of rate(a) / rate(b). */
  readonly ratio: number;
}

type Operation = () => unknown;

/** CPU nanoseconds per operation over `count` calls. */
async function timeBatch(operation: Operation, count: number): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < count; i++) {
    const result = operation();
    if (result instanceof Promise) await result;
  }
  const used = process.cpuUsage(start);
  return ((used.user + used.system) * 1000) / count;
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Batch sizes aim at ~2 ms of CPU per batch for each side, from a first estimate. */
async function batchSize(operation: Operation): Promise<number> {
  await timeBatch(operation, 5);
  const nsPerOp = await timeBatch(operation, 200);
  return Math.max(2, Math.min(5000, Math.round(2e6 / Math.max(nsPerOp, 1))));
}

export async function pairedRatio(
  a: Operation,
  b: Operation,
  pairs: number,
): Promise<PairedResult> {
  const countA = await batchSize(a);
  const countB = await batchSize(b);
  const ratesA: number[] = [];
  const ratesB: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < pairs; i++) {
    const rateA = 1e9 / (await timeBatch(a, countA));
    const rateB = 1e9 / (await timeBatch(b, countB));
    ratesA.push(rateA);
    ratesB.push(rateB);
    ratios.push(rateA / rateB);
  }
  return { rateA: median(ratesA), rateB: median(ratesB), ratio: median(ratios) };
}
