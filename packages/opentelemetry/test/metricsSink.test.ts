import {
  AggregationTemporality,
  DataPointType,
  type HistogramMetricData,
  InMemoryMetricExporter,
  MeterProvider,
  type MetricData,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { silentLogger } from '@sealbus/core';
import { createMemoryBroker } from '@sealbus/memory';
import { HANDLER_LATENCY_METRIC, METRIC_PREFIX, WORKER_COUNTERS, Worker } from '@sealbus/worker';
import { afterEach, describe, expect, it } from 'vitest';
import {
  KNOWN_METRICS,
  MESSAGING_DURATION_BOUNDARIES,
  OpenTelemetryMetricsSink,
} from '../src/index.js';

let shutdown: (() => Promise<void>) | undefined;
afterEach(() => shutdown?.());

/** The OpenTelemetry metrics SDK with a reader the test collects from on demand. */
function metricsSdk() {
  const reader = new PeriodicExportingMetricReader({
    exporter: new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE),
    exportIntervalMillis: 3_600_000,
  });
  const meterProvider = new MeterProvider({ readers: [reader] });
  shutdown = () => meterProvider.shutdown();
  return {
    meterProvider,
    async collect(): Promise<Map<string, MetricData>> {
      const { resourceMetrics } = await reader.collect();
      const out = new Map<string, MetricData>();
      for (const scope of resourceMetrics.scopeMetrics) {
        for (const metric of scope.metrics) out.set(metric.descriptor.name, metric);
      }
      return out;
    },
  };
}

function sum(metric: MetricData | undefined, attributes: Record<string, string>): number {
  let total = 0;
  for (const point of metric?.dataPoints ?? []) {
    if (Object.entries(attributes).every(([key, value]) => point.attributes[key] === value)) {
      total += point.value as number;
    }
  }
  return total;
}

describe('OpenTelemetryMetricsSink', () => {
  it('maps every worker metric, so a new worker counter cannot go unmapped', () => {
    for (const counter of WORKER_COUNTERS) {
      expect(KNOWN_METRICS[`${METRIC_PREFIX}${counter}_total`]?.kind).toBe('counter');
    }
    expect(KNOWN_METRICS[HANDLER_LATENCY_METRIC]?.kind).toBe('histogram');
  });

  it("turns the worker's metrics into OpenTelemetry instruments with the conventions' names and units", async () => {
    const sdk = metricsSdk();
    const broker = createMemoryBroker();
    const queue = await broker.createQueue('billing');
    await queue.send('{"n":1}');
    await queue.send('{"n":2}');
    const worker = new Worker(
      {
        broker,
        logger: silentLogger,
        metrics: new OpenTelemetryMetricsSink({ meterProvider: sdk.meterProvider }),
      },
      {
        handlerDefaults: {
          waitTimeSeconds: 0,
          pollingWaitTimeMs: 5,
          retry: { baseDelaySeconds: 0 },
        },
      },
    );
    let calls = 0;
    let done!: () => void;
    const three = new Promise<void>((resolve) => {
      done = resolve;
    });
    worker.handle('billing', async (message: { payload: unknown }) => {
      calls++;
      if (calls === 3) done();
      // The first delivery of message 2 fails once; its retry succeeds.
      if ((message.payload as { n: number }).n === 2 && calls <= 2) throw new Error('flaky');
    });
    await worker.start();
    await three;
    await worker.close();
    await broker.close();

    const metrics = await sdk.collect();
    const onQueue = {
      'messaging.system': 'aws_sqs',
      'messaging.operation.name': 'process',
      'messaging.destination.name': 'billing',
    };
    const consumed = metrics.get('messaging.client.consumed.messages');
    expect(consumed?.descriptor).toMatchObject({ unit: '{message}' });
    expect(sum(consumed, onQueue)).toBe(3);
    expect(sum(metrics.get('sealbus.worker.messages.succeeded'), onQueue)).toBe(2);
    expect(sum(metrics.get('sealbus.worker.messages.retried'), onQueue)).toBe(1);
    // Every counter agrees with the worker's own count, zeros included.
    const { counters } = worker.metrics.snapshot().billing!;
    for (const counter of WORKER_COUNTERS) {
      const name = KNOWN_METRICS[`${METRIC_PREFIX}${counter}_total`]!.name;
      expect(sum(metrics.get(name), onQueue), counter).toBe(counters[counter]);
    }

    // Handler latency: a histogram in seconds with the advised buckets, the worker's own values.
    const duration = metrics.get('messaging.process.duration') as HistogramMetricData;
    expect(duration.dataPointType).toBe(DataPointType.HISTOGRAM);
    expect(duration.descriptor.unit).toBe('s');
    const [point] = duration.dataPoints;
    expect(point!.attributes).toEqual(onQueue);
    expect(point!.value.buckets.boundaries).toEqual([...MESSAGING_DURATION_BOUNDARIES]);
    const latency = worker.metrics.snapshot().billing!.handlerLatency;
    expect(point!.value.count).toBe(latency.count);
    expect(point!.value.sum).toBeCloseTo((latency.meanMs * latency.count) / 1000, 9);
  });

  it("names any other sealbus metric in OpenTelemetry style, such as the engine's counters", async () => {
    const sdk = metricsSdk();
    const broker = createMemoryBroker({
      metrics: new OpenTelemetryMetricsSink({ meterProvider: sdk.meterProvider }),
    });
    const queue = await broker.createQueue('audit');
    await queue.sendBatch([
      { id: '1', body: 'a' },
      { id: '2', body: 'b' },
    ]);
    await broker.close();
    const metrics = await sdk.collect();
    expect(
      sum(metrics.get('sealbus.messages.sent'), { 'messaging.destination.name': 'audit' }),
    ).toBe(2);
  });

  it('refuses an unknown option, naming the one meant', () => {
    expect(() => new OpenTelemetryMetricsSink({ meterprovider: {} } as never)).toThrow(
      /no option "meterprovider"; did you mean "meterProvider"\?/,
    );
    expect(() => new OpenTelemetryMetricsSink({ meterProvider: {} as never })).toThrow(
      /meterProvider must be an OpenTelemetry provider with a getMeter\(\) method/,
    );
  });
});
