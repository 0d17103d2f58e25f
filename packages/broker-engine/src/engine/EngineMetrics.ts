import type { MetricLabels, MetricsSink } from '@sealbus/core';

/** Metric names the engine reports through its `MetricsSink`. */
export const ENGINE_METRICS = {
  sent: 'sealbus_messages_sent_total',
  received: 'sealbus_messages_received_total',
  deleted: 'sealbus_messages_deleted_total',
  deadLettered: 'sealbus_messages_dead_lettered_total',
  sealedDelivered: 'sealbus_messages_sealed_delivered_total',
  /** Claimed, then held back uncounted because the message's KMS key was unavailable. */
  heldBack: 'sealbus_messages_held_back_key_unavailable_total',
  published: 'sealbus_messages_published_total',
  moved: 'sealbus_messages_moved_total',
} as const;

export type EngineCounterName = keyof typeof ENGINE_METRICS;

export type EngineCounters = Record<EngineCounterName, number>;

/** Counts engine events locally (for `stats()`) and forwards them to the sink. */
export class EngineMetrics {
  readonly #sink: MetricsSink;
  readonly #counters: EngineCounters = {
    sent: 0,
    received: 0,
    deleted: 0,
    deadLettered: 0,
    sealedDelivered: 0,
    heldBack: 0,
    published: 0,
    moved: 0,
  };

  constructor(sink: MetricsSink) {
    this.#sink = sink;
  }

  count(name: EngineCounterName, value: number, labels: MetricLabels): void {
    if (value === 0) return;
    this.#counters[name] += value;
    this.#sink.increment(ENGINE_METRICS[name], labels, value);
  }

  snapshot(): EngineCounters {
    return { ...this.#counters };
  }
}
