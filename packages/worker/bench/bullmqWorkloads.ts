import { Queue, Worker } from 'bullmq';
import {
  LatencyHistogram,
  type LatencyResult,
  latencyOf,
  measureThroughput,
  paced,
  processCpuSeconds,
  type ThroughputResult,
  until,
  wallMs,
} from './stats.js';

export interface BullConfig {
  port: number;
  /** To count redis-server's CPU time with the client's. */
  redisPid: number;
  payload: string;
}

function connection(port: number) {
  return { host: '127.0.0.1', port, maxRetriesPerRequest: null };
}

/** Completed jobs are removed, as a consumed SQS message is deleted. */
const JOB_OPTIONS = { removeOnComplete: true, removeOnFail: true } as const;

/** (a) Pre-filled queue, one worker at concurrency 10: completed jobs per second. */
export async function bullThroughput(config: BullConfig, total: number): Promise<ThroughputResult> {
  const name = `throughput-${Date.now()}`;
  const queue = new Queue(name, { connection: connection(config.port) });
  const data = { sentAt: 0, payload: config.payload };
  for (let i = 0; i < total; i += 1_000) {
    const n = Math.min(1_000, total - i);
    await queue.addBulk(
      Array.from({ length: n }, () => ({ name: 'job', data, opts: JOB_OPTIONS })),
    );
  }
  let handled = 0;
  const result = await measureThroughput(
    async () => {
      const worker = new Worker(
        name,
        async () => {
          handled += 1;
        },
        { connection: connection(config.port), concurrency: 10 },
      );
      await until(() => handled >= total, 600_000, 'the BullMQ throughput run');
      await worker.close();
      return handled;
    },
    () => processCpuSeconds(config.redisPid),
  );
  await queue.obliterate({ force: true });
  await queue.close();
  return result;
}

/** (b) Adds one job at a time at `perSecond`; latency from add to processor start. */
export async function bullLatency(
  config: BullConfig,
  total: number,
  perSecond: number,
): Promise<LatencyResult> {
  const name = `latency-${Date.now()}`;
  const queue = new Queue(name, { connection: connection(config.port) });
  const histogram = new LatencyHistogram();
  const worker = new Worker(
    name,
    async (job) => {
      histogram.record(wallMs() - (job.data as { sentAt: number }).sentAt);
    },
    { connection: connection(config.port), concurrency: 10 },
  );
  await worker.waitUntilReady();
  await paced(total, perSecond, () =>
    queue.add('job', { sentAt: wallMs(), payload: config.payload }, JOB_OPTIONS),
  );
  await until(() => histogram.count >= total, 60_000, 'the BullMQ latency run');
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return latencyOf(histogram);
}
