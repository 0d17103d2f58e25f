import type { MetricLabels, MetricsSink } from '@sealbus/core';
import { Counter, Histogram, type Registry, register } from 'prom-client';

export interface PromMetricsSinkOptions {
  /** @defaultValue prom-client's global registry */
  registry?: Registry;
  /** Prepended to every metric name. @defaultValue 'sealbus_' */
  prefix?: string;
  /** Histogram buckets (milliseconds for latencies). @defaultValue DEFAULT_LATENCY_BUCKETS_MS */
  buckets?: readonly number[];
}

export const DEFAULT_LATENCY_BUCKETS_MS = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000];

/**
 * A valid Prometheus name (`[a-zA-Z_:][a-zA-Z0-9_:]*`) with the prefix, which names that already
 * carry it (the engine's `sealbus_messages_sent_total`) do not get twice.
 */
export function promMetricName(prefix: string, name: string): string {
  const full = name.startsWith(prefix) ? name : `${prefix}${name}`;
  const sanitized = full.replace(/[^a-zA-Z0-9_:]/g, '_');
  return /^[a-zA-Z_:]/.test(sanitized) ? sanitized : `_${sanitized}`;
}

/** Counters end in `_total`, as Prometheus conventions ask. */
export function promCounterName(prefix: string, name: string): string {
  const base = promMetricName(prefix, name);
  return base.endsWith('_total') ? base : `${base}_total`;
}

function promLabelName(key: string): string {
  const sanitized = key.replace(/[^a-zA-Z0-9_]/g, '_');
  return /^[a-zA-Z_]/.test(sanitized) ? sanitized : `_${sanitized}`;
}

interface Registered<M> {
  metric: M;
  labelNames: readonly string[];
}

/**
 * Core's `MetricsSink` over prom-client: counters become `Counter`s (named `…_total`),
 * observations `Histogram`s. A metric's label names are fixed by its first use, as Prometheus
 * requires; later label keys outside that set are dropped and missing ones are empty.
 */
export class PromMetricsSink implements MetricsSink {
  readonly #registry: Registry;
  readonly #prefix: string;
  readonly #buckets: number[];
  readonly #counters = new Map<string, Registered<Counter>>();
  readonly #histograms = new Map<string, Registered<Histogram>>();

  constructor(options: PromMetricsSinkOptions = {}) {
    this.#registry = options.registry ?? register;
    this.#prefix = options.prefix ?? 'sealbus_';
    this.#buckets = [...(options.buckets ?? DEFAULT_LATENCY_BUCKETS_MS)];
  }

  increment(name: string, labels: MetricLabels = {}, value = 1): void {
    let entry = this.#counters.get(name);
    if (entry === undefined) {
      const labelNames = labelNamesOf(labels);
      const metric = new Counter({
        name: promCounterName(this.#prefix, name),
        help: `sealbus counter ${name}`,
        labelNames,
        registers: [this.#registry],
      });
      entry = { metric, labelNames };
      this.#counters.set(name, entry);
    }
    entry.metric.inc(fitLabels(entry.labelNames, labels), value);
  }

  observe(name: string, value: number, labels: MetricLabels = {}): void {
    let entry = this.#histograms.get(name);
    if (entry === undefined) {
      const labelNames = labelNamesOf(labels);
      const metric = new Histogram({
        name: promMetricName(this.#prefix, name),
        help: `sealbus histogram ${name}`,
        labelNames,
        buckets: this.#buckets,
        registers: [this.#registry],
      });
      entry = { metric, labelNames };
      this.#histograms.set(name, entry);
    }
    entry.metric.observe(fitLabels(entry.labelNames, labels), value);
  }
}

function labelNamesOf(labels: MetricLabels): string[] {
  return Object.keys(labels).map(promLabelName).sort();
}

function fitLabels(names: readonly string[], labels: MetricLabels): Record<string, string> {
  const given = new Map(Object.entries(labels).map(([key, value]) => [promLabelName(key), value]));
  const out: Record<string, string> = {};
  for (const name of names) out[name] = given.get(name) ?? '';
  return out;
}
