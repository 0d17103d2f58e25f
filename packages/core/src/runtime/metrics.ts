export type MetricLabels = Readonly<Record<string, string>>;

/** Metrics hook of the engine and workers; adapters forward to prom-client or OpenTelemetry. */
export interface MetricsSink {
  /** Adds `value` (default 1) to a counter. */
  increment(name: string, labels?: MetricLabels, value?: number): void;
  /** Records one observation of a histogram, e.g. a latency in milliseconds. */
  observe(name: string, value: number, labels?: MetricLabels): void;
}

export const noopMetrics: MetricsSink = {
  increment: () => {},
  observe: () => {},
};
