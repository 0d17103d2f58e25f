import type { MetricsSink } from '@sealbus/core';
import { LatencyHistogram, type LatencySummary } from './LatencyHistogram.js';

export const WORKER_COUNTERS = [
  'received',
  'succeeded',
  'failed',
  'retried',
  'deadLettered',
  'sealed',
  'discarded',
  /** Receives that failed on an unavailable KMS key (the consumer backed off). */
  'keyUnavailable',
] as const;
export type WorkerCounter = (typeof WORKER_COUNTERS)[number];

/** Metric names forwarded to the `MetricsSink`. */
export const METRIC_PREFIX = 'sealbus_worker_';
export const HANDLER_LATENCY_METRIC = `${METRIC_PREFIX}handler_latency_ms`;

export interface QueueMetricsSnapshot {
  counters: Record<WorkerCounter, number>;
  handlerLatency: LatencySummary;
}

function zeroCounters(): Record<WorkerCounter, number> {
  return Object.fromEntries(WORKER_COUNTERS.map((c) => [c, 0])) as Record<WorkerCounter, number>;
}

/** Counts and a latency histogram per queue, also forwarded to an external `MetricsSink`. */
export class WorkerMetrics {
  readonly #sink: MetricsSink;
  readonly #queues = new Map<
    string,
    { counters: Record<WorkerCounter, number>; latency: LatencyHistogram }
  >();

  constructor(sink: MetricsSink) {
    this.#sink = sink;
  }

  #queue(queueName: string) {
    let entry = this.#queues.get(queueName);
    if (entry === undefined) {
      entry = { counters: zeroCounters(), latency: new LatencyHistogram() };
      this.#queues.set(queueName, entry);
    }
    return entry;
  }

  increment(queueName: string, counter: WorkerCounter, value = 1): void {
    this.#queue(queueName).counters[counter] += value;
    this.#sink.increment(`${METRIC_PREFIX}${counter}_total`, { queue: queueName }, value);
  }

  observeLatency(queueName: string, ms: number): void {
    this.#queue(queueName).latency.record(ms);
    this.#sink.observe(HANDLER_LATENCY_METRIC, ms, { queue: queueName });
  }

  /** The live histogram of one queue (p50/p99 accessors). */
  latency(queueName: string): LatencyHistogram {
    return this.#queue(queueName).latency;
  }

  snapshot(): Record<string, QueueMetricsSnapshot> {
    const out: Record<string, QueueMetricsSnapshot> = {};
    for (const [name, entry] of this.#queues) {
      out[name] = { counters: { ...entry.counters }, handlerLatency: entry.latency.summary() };
    }
    return out;
  }
}
