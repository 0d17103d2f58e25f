import { readFileSync } from 'node:fs';
import { LatencyHistogram } from '../src/metrics/LatencyHistogram.js';

/** Milliseconds on a clock shared by every process on this machine (sub-ms resolution). */
export function wallMs(): number {
  return performance.timeOrigin + performance.now();
}

export interface ThroughputResult {
  messages: number;
  seconds: number;
  perSecond: number;
  /** CPU time of every process doing the work (this one, plus redis-server for BullMQ). */
  cpuSeconds: number;
  /** Messages per CPU-second: a comparison that a busy shared machine disturbs far less. */
  perCpuSecond: number;
}

/** CPU seconds (user + system) this process has used so far. */
export function ownCpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

/** Linux clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on every Linux ABI). */
const USER_HZ = 100;

/** CPU seconds another process has used so far, from /proc (Linux). */
export function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / USER_HZ;
}

/** Measures wall and CPU time of `work`, which returns how many messages it handled. */
export async function measureThroughput(
  work: () => Promise<number>,
  extraCpuSeconds: () => number = () => 0,
): Promise<ThroughputResult> {
  const cpuBefore = ownCpuSeconds() + extraCpuSeconds();
  const started = performance.now();
  const messages = await work();
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = ownCpuSeconds() + extraCpuSeconds() - cpuBefore;
  return {
    messages,
    seconds,
    perSecond: messages / seconds,
    cpuSeconds,
    perCpuSecond: messages / cpuSeconds,
  };
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
