import type { Counter, Histogram, Meter, MeterProvider } from '@opentelemetry/api';
import type { MetricLabels, MetricsSink } from '@sealbus/core';
import { checkProvider, rejectUnknownKeys } from '../options/checks.js';
import { sealbusMeter } from '../tracing/instrumentationScope.js';
import { derivedSpec, type InstrumentSpec, KNOWN_METRICS, toAttributes } from './metricMapping.js';

export interface OpenTelemetryMetricsSinkOptions {
  /** @defaultValue the global meter provider, a no-op until an OpenTelemetry SDK registers one */
  meterProvider?: MeterProvider;
}

interface Registered<I> {
  spec: InstrumentSpec;
  instrument: I;
}

/**
 * core's `MetricsSink` over OpenTelemetry metrics, for the worker (`new Worker({ broker, metrics:
 * new OpenTelemetryMetricsSink() })`) and the local brokers (`createMemoryBroker({ metrics })`).
 * Counters become `Counter`s and observations `Histogram`s, created on first use; the worker's
 * metrics map onto the messaging conventions (`messaging.client.consumed.messages`,
 * `messaging.process.duration` in seconds), and the label `queue` becomes
 * `messaging.destination.name`.
 */
export class OpenTelemetryMetricsSink implements MetricsSink {
  readonly #meter: Meter;
  readonly #counters = new Map<string, Registered<Counter>>();
  readonly #histograms = new Map<string, Registered<Histogram>>();

  constructor(options: OpenTelemetryMetricsSinkOptions = {}) {
    rejectUnknownKeys('OpenTelemetryMetricsSink options', options, ['meterProvider']);
    this.#meter = sealbusMeter(
      options.meterProvider === undefined
        ? undefined
        : checkProvider<MeterProvider>('meterProvider', options.meterProvider, 'getMeter'),
    );
  }

  increment(name: string, labels?: MetricLabels, value = 1): void {
    let entry = this.#counters.get(name);
    if (entry === undefined) {
      const spec = specFor('counter', name);
      entry = {
        spec,
        instrument: this.#meter.createCounter(spec.name, {
          unit: spec.unit,
          description: spec.description,
        }),
      };
      this.#counters.set(name, entry);
    }
    entry.instrument.add(value * entry.spec.scale, toAttributes(entry.spec, labels));
  }

  observe(name: string, value: number, labels?: MetricLabels): void {
    let entry = this.#histograms.get(name);
    if (entry === undefined) {
      const spec = specFor('histogram', name);
      entry = {
        spec,
        instrument: this.#meter.createHistogram(spec.name, {
          unit: spec.unit,
          description: spec.description,
          ...(spec.boundaries === undefined
            ? {}
            : { advice: { explicitBucketBoundaries: [...spec.boundaries] } }),
        }),
      };
      this.#histograms.set(name, entry);
    }
    entry.instrument.record(value * entry.spec.scale, toAttributes(entry.spec, labels));
  }
}

/** The table's mapping when it is for this kind of instrument, else a derived one. */
function specFor(kind: InstrumentSpec['kind'], name: string): InstrumentSpec {
  const known = Object.hasOwn(KNOWN_METRICS, name) ? KNOWN_METRICS[name] : undefined;
  return known !== undefined && known.kind === kind ? known : derivedSpec(kind, name);
}
