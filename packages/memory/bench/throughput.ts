/**
 * send → receive → delete throughput of the memory backend. Run with `pnpm bench`; writes
 * bench/results.md. Plain loops over the public Broker API, one queue per workload, plus the
 * store alone as a reference for what the engine adds.
 */

import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { isStoreMiss } from '@sealbus/broker-engine';
import { type Broker, type Queue, resolveQueueAttributes } from '@sealbus/core';
import { createMemoryBroker, MemoryMessageStore } from '../src/index.js';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 200_000);
const WARMUP_MESSAGES = 20_000;
const BODY = JSON.stringify({
  patientId: 'p-42',
  recordType: 'lab-result',
  value: 'x'.repeat(160),
});

interface Workload {
  name: string;
  batch: number;
  sse: boolean;
  /** Messages delivered per iteration (fanout multiplies). */
  run(broker: Broker, messages: number): Promise<number>;
}

async function queueFor(broker: Broker, name: string, sse: boolean): Promise<Queue> {
  return broker.createQueue(name, sse ? {} : { SqsManagedSseEnabled: false });
}

/** Sends `messages` in batches of `batch`, receiving and deleting each batch as it goes. */
async function cycle(queue: Queue, messages: number, batch: number): Promise<number> {
  let done = 0;
  const entries = Array.from({ length: batch }, (_, i) => ({ id: `e${i}`, body: BODY }));
  while (done < messages) {
    if (batch === 1) await queue.send(BODY);
    else await queue.sendBatch(entries);
    const received = await queue.receive({ maxMessages: batch });
    if (batch === 1) await queue.delete(received[0]!.receiptHandle);
    else await queue.deleteBatch(received.map((message) => message.receiptHandle));
    done += received.length;
  }
  return done;
}

function queueWorkload(batch: number, sse: boolean): Workload {
  return {
    name: `send→receive→delete, batch ${batch}, SSE ${sse ? 'on (SSE-SQS)' : 'off'}`,
    batch,
    sse,
    run: async (broker, messages) =>
      cycle(await queueFor(broker, `q-${batch}-${sse}-${messages}`, sse), messages, batch),
  };
}

function fanoutWorkload(sse: boolean): Workload {
  return {
    name: `publish (batch 10) → 3 queues → receive → delete, SSE ${sse ? 'on' : 'off'}`,
    batch: 10,
    sse,
    run: async (broker, messages) => {
      const topic = await broker.createTopic(`t-${sse}-${messages}`);
      const queues: Queue[] = [];
      for (let i = 0; i < 3; i++) {
        const queue = await queueFor(broker, `fan-${i}-${sse}-${messages}`, sse);
        await topic.subscribe(queue, { rawMessageDelivery: true });
        queues.push(queue);
      }
      const entries = Array.from({ length: 10 }, (_, i) => ({ id: `e${i}`, body: BODY }));
      let delivered = 0;
      while (delivered < messages) {
        await topic.publishBatch(entries);
        for (const queue of queues) {
          const received = await queue.receive({ maxMessages: 10 });
          await queue.deleteBatch(received.map((message) => message.receiptHandle));
          delivered += received.length;
        }
      }
      return delivered;
    },
  };
}

/** The store alone, without the engine: what the SPI costs under the same traffic. */
const storeOnly: Workload = {
  name: 'MemoryMessageStore alone (no engine), batch 10',
  batch: 10,
  sse: false,
  run: async (_broker, messages) => {
    const store = new MemoryMessageStore();
    const name = `store-${messages}`;
    await store.createQueue({
      name,
      arn: `arn:aws:sqs:us-east-1:000000000000:${name}`,
      attributes: resolveQueueAttributes({ SqsManagedSseEnabled: false }, { queueName: name }),
      tags: {},
      createdTimestamp: 0,
      lastModifiedTimestamp: 0,
    });
    const bytes = new TextEncoder().encode(BODY);
    let handles = 0;
    let done = 0;
    while (done < messages) {
      const now = Date.now();
      await store.send(
        Array.from({ length: 10 }, () => ({
          queueName: name,
          message: { messageId: randomUUID(), body: bytes, messageAttributes: {}, visibleAt: now },
        })),
        now,
      );
      const claim = await store.receive(
        name,
        {
          maxMessages: 10,
          visibleUntil: now + 30_000,
          fifo: false,
          expireBefore: 0,
          newReceiptHandle: () => `h${handles++}`,
        },
        now,
      );
      if (isStoreMiss(claim)) throw new Error(`bench queue ${name} is missing`);
      const claimed = claim.messages;
      for (const message of claimed) await store.deleteMessage(name, message.receiptHandle!, now);
      done += claimed.length;
    }
    return done;
  },
};

const workloads: Workload[] = [
  storeOnly,
  queueWorkload(1, false),
  queueWorkload(10, false),
  queueWorkload(1, true),
  queueWorkload(10, true),
  fanoutWorkload(false),
  fanoutWorkload(true),
];

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

interface RunResult {
  wallRate: number;
  cpuRate: number;
}

async function runOnce(workload: Workload): Promise<RunResult> {
  const broker = createMemoryBroker();
  await workload.run(broker, WARMUP_MESSAGES);
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const delivered = await workload.run(broker, MESSAGES);
  const cpu = process.cpuUsage(cpuStart);
  const seconds = (performance.now() - start) / 1000;
  await broker.close();
  return {
    wallRate: delivered / seconds,
    cpuRate: delivered / ((cpu.user + cpu.system) / 1e6),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const count = (value: number) => Math.round(value).toLocaleString('en-US');
/** Median, then the lowest and highest run. */
const spread = (values: number[]) =>
  `${count(median(values))} (${count(Math.min(...values))}–${count(Math.max(...values))})`;

const loadAtStart = loadavg();
const results = new Map<Workload, RunResult[]>(workloads.map((workload) => [workload, []]));
// Rounds over all workloads rather than all runs of one in a row, so a burst of load from
// other jobs on the machine spreads over the workloads instead of sinking one of them.
for (let round = 0; round < RUNS; round++) {
  for (const workload of workloads) {
    const result = await runOnce(workload);
    results.get(workload)!.push(result);
    console.log(
      `round ${round + 1}/${RUNS} ${workload.name}: ${count(result.wallRate)} msg/s wall, ${count(result.cpuRate)} msg per CPU-second`,
    );
  }
}
const rows = workloads.map((workload) => {
  const runs = results.get(workload)!;
  return `| ${workload.name} | ${spread(runs.map((run) => run.wallRate))} | ${spread(runs.map((run) => run.cpuRate))} |`;
});
const loadLine = (load: number[]) => load.map((value) => value.toFixed(1)).join(' / ');

const report = `# Memory backend throughput

\`pnpm bench\` in packages/memory: ${MESSAGES.toLocaleString('en-US')} messages per workload and run after
${WARMUP_MESSAGES.toLocaleString('en-US')} warm-up messages, ${BODY.length}-byte JSON bodies, one
client awaiting each call (no concurrency). A message counts once it was sent, received and
deleted; in the fanout rows each of the 3 deliveries counts. SSE is SSE-SQS through the envelope
engine (AES-256-GCM, a cached data key per reuse period) with the in-memory local KMS.

Targets (issue 5): ≥ 200,000 msg/s plain and ≥ 80,000 msg/s with SSE, at batch 10.

Each workload ran ${RUNS} times (in rounds over all workloads, each run on a fresh broker); the
table gives the median and, in brackets, the lowest and highest run. The machine (2 cores) is
shared with other jobs (other engineers' test runs), so wall-clock rates swing with its load
(given below). Messages per CPU-second (user + system time of this process, GC threads
included) divides out the time the process waited for a core and is the steadier figure to
compare; it still rises and falls somewhat with load (shared caches, frequency).

| workload | msg/s (wall clock) | msg per CPU-second |
|---|---:|---:|
${rows.join('\n')}

Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores), load average
${loadLine(loadAtStart)} (1 / 5 / 15 min) at the start and ${loadLine(loadavg())} at the end of the run.
`;
writeFileSync(new URL('./results.md', import.meta.url), report);
