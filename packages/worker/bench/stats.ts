import { LatencyHistogram } from '../src/metrics/LatencyHistogram.js';

/** Milliseconds on a clock shared by every process on this machine (sub-ms resolution). */
export function wallMs(): number {
  return performance.timeOrigin + performance.now();
}

export interface ThroughputResult {
  messages: number;
  seconds: number;
  perSecond: number;
}

export interface LatencyResult {
  samples: number;
  p50Ms: number;
  p99Ms: number;
}

export function latencyOf(histogram: LatencyHistogram): LatencyResult {
  return { samples: histogram.count, p50Ms: histogram.p50(), p99Ms: histogram.p99() };
}

export { LatencyHistogram };

/** Calls `send(i)` for i = 0..total-1 at `perSecond`, catching up in bursts after a late tick. */
export async function paced(
  total: number,
  perSecond: number,
  send: (i: number) => Promise<unknown>,
): Promise<void> {
  const started = performance.now();
  const inFlight = new Set<Promise<unknown>>();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) * perSecond) / 1000) + 1);
    while (sent < due) {
      const p = send(sent);
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
      sent += 1;
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(inFlight);
}

/** Resolves when `done()` holds, checking every few milliseconds. */
export async function until(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > deadline) throw new Error(`bench timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
