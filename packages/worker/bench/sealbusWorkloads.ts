import type { Broker } from '@sealbus/core';
import { silentLogger } from '@sealbus/core';
import { Worker } from '../src/Worker.js';
import {
  LatencyHistogram,
  type LatencyResult,
  latencyOf,
  measureThroughput,
  paced,
  type ThroughputResult,
  until,
  wallMs,
} from './stats.js';

export interface WorkloadConfig {
  payload: string;
  /** SSE-KMS key for every queue and topic. */
  kmsKeyId: string;
}

const WORKER_OPTIONS = { concurrency: 10, batchSize: 10, waitTimeSeconds: 20 } as const;

function newWorker(broker: Broker): Worker {
  return new Worker({ broker, logger: silentLogger });
}

function body(payload: string, sentAt: number): string {
  return JSON.stringify({ sentAt, payload });
}

/** (a) Pre-filled queue, one worker at concurrency 10: handled messages per second. */
export async function sealbusThroughput(
  broker: Broker,
  config: WorkloadConfig,
  total: number,
): Promise<ThroughputResult> {
  const queue = await broker.createQueue(`bench-throughput-${Date.now()}`, {
    KmsMasterKeyId: config.kmsKeyId,
  });
  const message = body(config.payload, 0);
  for (let i = 0; i < total; i += 10) {
    const entries = Array.from({ length: Math.min(10, total - i) }, (_, j) => ({
      id: String(j),
      body: message,
    }));
    await queue.sendBatch(entries);
  }
  let handled = 0;
  const worker = newWorker(broker).handle(
    queue.name,
    async () => {
      handled += 1;
    },
    { ...WORKER_OPTIONS, bodyFormat: 'text' },
  );
  return measureThroughput(async () => {
    await worker.start();
    await until(() => handled >= total, 600_000, 'the throughput run');
    await worker.close();
    return handled;
  });
}

/** (b) Sends one message at a time at `perSecond`; latency from send to handler start. */
export async function sealbusLatency(
  broker: Broker,
  config: WorkloadConfig,
  total: number,
  perSecond: number,
): Promise<LatencyResult> {
  const queue = await broker.createQueue(`bench-latency-${Date.now()}`, {
    KmsMasterKeyId: config.kmsKeyId,
  });
  const histogram = new LatencyHistogram();
  const worker = newWorker(broker).handle<{ sentAt: number }>(
    queue.name,
    async (message) => {
      histogram.record(wallMs() - message.payload.sentAt);
    },
    WORKER_OPTIONS,
  );
  await worker.start();
  await paced(total, perSecond, () => queue.send(body(config.payload, wallMs())));
  await until(() => histogram.count >= total, 60_000, 'the latency run');
  await worker.close();
  return latencyOf(histogram);
}

/** (c) One topic fanned out to three queues, published at `perSecond`; publish → handled. */
export async function sealbusFanout(
  broker: Broker,
  config: WorkloadConfig,
  total: number,
  perSecond: number,
): Promise<LatencyResult> {
  const stamp = Date.now();
  const topic = await broker.createTopic(`bench-fanout-${stamp}`, {
    KmsMasterKeyId: config.kmsKeyId,
  });
  const worker = newWorker(broker);
  const histogram = new LatencyHistogram();
  for (const name of ['billing', 'scheduling', 'prescription']) {
    const queue = await broker.createQueue(`bench-${name}-${stamp}`, {
      KmsMasterKeyId: config.kmsKeyId,
    });
    await topic.subscribe(queue, { rawMessageDelivery: true });
    worker.handle<{ sentAt: number }>(
      queue.name,
      async (message) => {
        histogram.record(wallMs() - message.payload.sentAt);
      },
      WORKER_OPTIONS,
    );
  }
  await worker.start();
  await paced(total, perSecond, () => topic.publish(body(config.payload, wallMs())));
  await until(() => histogram.count >= total * 3, 60_000, 'the fanout run');
  await worker.close();
  return latencyOf(histogram);
}
