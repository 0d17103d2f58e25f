import { type Clock, type Logger, silentLogger, systemClock } from '@sealbus/core';
import { type Handler, LatencyHistogram, type LatencySummary, Worker } from '@sealbus/worker';
import type { Backend } from '../backends.js';
import { billingHandler } from '../handlers/billingHandler.js';
import {
  PRESCRIPTION_SIGNING_ALGORITHM,
  PrescriptionNetwork,
  type PrescriptionSigner,
} from '../handlers/ePrescriptions.js';
import { Outbox } from '../handlers/Outbox.js';
import { prescriptionHandler } from '../handlers/prescriptionHandler.js';
import { schedulingHandler } from '../handlers/schedulingHandler.js';
import { generateRecord } from '../records/generateRecords.js';
import { PRESCRIBING_RECORD_TYPES, patientRecordSchema } from '../records/PatientRecord.js';
import { seededRandom } from '../records/random.js';
import type { KmsRequestCount } from './KeyAdmin.js';
import { PRESCRIPTION_SIGNING_KEY_ALIAS, PRODUCER_PRINCIPAL } from './names.js';
import { purgeTopology, setUpTopology, type Topology } from './topology.js';

export interface ScenarioOptions {
  /** Records to publish. */
  messages: number;
  /** Publishes per second. */
  ratePerSecond: number;
  /** Share of malformed records that end in the DLQs. @defaultValue 0.03 */
  poisonShare?: number;
  /** Seed of the synthetic records. @defaultValue 7 */
  seed?: number;
  /** Handler concurrency per queue. @defaultValue 8 */
  concurrency?: number;
  /** Gives up waiting for the queues to drain after this long. @defaultValue 120000 */
  timeoutMs?: number;
  /** Called once a second (progressIntervalMs) while the scenario runs, also while publishing. */
  onProgress?: (progress: ScenarioProgress) => void;
  progressIntervalMs?: number;
  /** Called after the six queues were purged, with the messages each held before. */
  onPurged?: (removed: Array<[string, number]>) => void;
  logger?: Logger;
  clock?: Clock;
}

export interface QueueProgress {
  queueName: string;
  expected: number;
  handled: number;
  inFlight: number;
  deadLettered: number;
}

export interface ScenarioProgress {
  elapsedMs: number;
  published: number;
  /** Publishes per second so far (while publishing) or over the whole publishing phase. */
  publishRate: number;
  queues: QueueProgress[];
}

export interface QueueSummary {
  queueName: string;
  /** Deliveries the fanout made to this queue (after its filter policy). */
  delivered: number;
  /** Handled successfully, sealed ones included. */
  consumed: number;
  /** Of those, handled sealed (the principal may not decrypt). */
  sealed: number;
  retried: number;
  deadLettered: number;
}

export interface ScenarioSummary {
  /** The rate asked for (--rate). */
  ratePerSecond: number;
  published: number;
  /** Publishing time, from the first publish to the last. */
  publishMs: number;
  poison: number;
  /** Publishes the Prescription filter policy kept out of its queue. */
  filtered: number;
  queues: QueueSummary[];
  /** The cost formula's requests for this run, as the console computes them; undefined on AWS. */
  kms: KmsRequestCount & { formula?: number };
  /** Publish → handled latency of records handled at their first receive. */
  firstTryLatency: LatencySummary;
  /** Of records handled after failed attempts: retries and their backoff are included. */
  retriedLatency: LatencySummary;
  /** Messages of earlier runs the purge removed, per queue. */
  purged: Array<[string, number]>;
  outbox: Array<[string, number]>;
  /** E-prescriptions signed with KMS Sign, and how many the network verified with the public key. */
  signatures: { signed: number; verified: number; algorithm: string };
  durationMs: number;
  /** Empty when every number adds up. */
  problems: string[];
}

const DEFAULT_POISON_SHARE = 0.03;

/**
 * The seed scenario end to end: publish synthetic patient records to the encrypted topic, let
 * the three integrations consume their encrypted queues, wait until every delivery is either
 * handled or dead-lettered (still sealed), then report.
 */
export async function runScenario(
  backend: Pick<Backend, 'broker' | 'keys'>,
  options: ScenarioOptions,
): Promise<ScenarioSummary> {
  const { broker, keys } = backend;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const started = clock.now();
  const startedAt = new Date(started);
  const topology = await setUpTopology(broker, keys);
  const purged = await purgeTopology(topology);
  options.onPurged?.(purged);

  const outbox = new Outbox();
  const latency = { firstTry: new LatencyHistogram(), retried: new LatencyHistogram() };
  const signing = await prescriptionSigning(keys);
  const workers = startWorkers(backend, topology, outbox, signing, latency, options, logger, clock);
  await Promise.all(workers.map((worker) => worker.start()));
  const counters = (queueName: string) =>
    workers.map((worker) => worker.metrics.snapshot()[queueName]?.counters).find(Boolean);

  const random = seededRandom(options.seed ?? 7);
  const expected = new Map<string, number>(topology.integrations.map((i) => [i.queue.name, 0]));
  let published = 0;
  let poison = 0;
  let filtered = 0;
  const publishStarted = clock.now();
  let publishEnded: number | undefined;
  const publishRate = () => {
    const ms = (publishEnded ?? clock.now()) - publishStarted;
    return ms <= 0 ? 0 : (published * 1000) / ms;
  };
  const progress = async (): Promise<ScenarioProgress> => ({
    elapsedMs: clock.now() - started,
    published,
    publishRate: publishRate(),
    queues: await Promise.all(
      topology.integrations.map(async ({ queue, deadLetterQueue }) => {
        const attributes = await queue.getAttributes();
        const dlq = await deadLetterQueue.getAttributes();
        return {
          queueName: queue.name,
          expected: expected.get(queue.name) ?? 0,
          handled: counters(queue.name)?.succeeded ?? 0,
          inFlight: attributes.ApproximateNumberOfMessagesNotVisible,
          deadLettered: dlq.ApproximateNumberOfMessages,
        };
      }),
    ),
  });
  // Time-based, driven by the publish and drain loops themselves: a timer would starve while a
  // fast backend resolves every publish without yielding to the event loop.
  const intervalMs = options.progressIntervalMs ?? 1_000;
  let lastReport = clock.now();
  const report = async () => {
    if (options.onProgress === undefined || clock.now() - lastReport < intervalMs) return;
    lastReport = clock.now();
    options.onProgress(await progress());
  };

  try {
    const publishIntervalMs = 1_000 / options.ratePerSecond;
    for (let i = 0; i < options.messages; i++) {
      const record = generateRecord(random, {
        poisonShare: options.poisonShare ?? DEFAULT_POISON_SHARE,
        now: new Date(clock.now()),
      });
      await topology.topic.publish(record.body, {
        principal: PRODUCER_PRINCIPAL,
        messageAttributes: { recordType: { dataType: 'String', stringValue: record.recordType } },
      });
      published += 1;
      if (record.poison) poison += 1;
      const prescribing = PRESCRIBING_RECORD_TYPES.includes(record.recordType);
      if (!prescribing) filtered += 1;
      for (const { integration, queue } of topology.integrations) {
        if ('filtered' in integration && !prescribing) continue;
        expected.set(queue.name, (expected.get(queue.name) ?? 0) + 1);
      }
      await report();
      const due = publishStarted + (i + 1) * publishIntervalMs;
      const wait = due - clock.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    publishEnded = clock.now();
    await waitUntilDrained(progress, report, options.timeoutMs ?? 120_000, clock);
  } finally {
    publishEnded ??= clock.now();
    await Promise.all(workers.map((worker) => worker.close()));
  }

  const final = await progress();
  const queues: QueueSummary[] = final.queues.map((q) => ({
    queueName: q.queueName,
    delivered: q.expected,
    consumed: counters(q.queueName)?.succeeded ?? 0,
    sealed: counters(q.queueName)?.sealed ?? 0,
    retried: counters(q.queueName)?.retried ?? 0,
    deadLettered: q.deadLettered,
  }));
  const kmsCount = await keys.dataKeyRequests(startedAt);
  const formula = await keys.costFormula(startedAt, clock.now());
  return {
    ratePerSecond: options.ratePerSecond,
    published,
    publishMs: publishEnded - publishStarted,
    poison,
    filtered,
    queues,
    kms: { ...kmsCount, ...(formula === undefined ? {} : { formula }) },
    firstTryLatency: latency.firstTry.summary(),
    retriedLatency: latency.retried.summary(),
    purged,
    outbox: outbox.entries(),
    signatures: {
      signed: signing.network.counts.received,
      verified: signing.network.counts.verified,
      algorithm: PRESCRIPTION_SIGNING_ALGORITHM,
    },
    durationMs: clock.now() - started,
    problems: [
      ...checkTotals(published, filtered, queues),
      ...checkSignatures(signing.network, outbox.count('e-prescriptions sent')),
    ],
  };
}

interface PrescriptionSigning {
  sign: (principal: string) => PrescriptionSigner;
  network: PrescriptionNetwork;
}

/** The signing key, and a network that received only its public key (GetPublicKey). */
async function prescriptionSigning(keys: Backend['keys']): Promise<PrescriptionSigning> {
  const keyArn = await keys.ensureSigningKey(
    PRESCRIPTION_SIGNING_KEY_ALIAS,
    'Prescription-Integration e-prescription signing (ECDSA P-256)',
  );
  return {
    sign: (principal) => (document) => keys.sign(keyArn, document, principal),
    network: new PrescriptionNetwork(await keys.publicKey(keyArn)),
  };
}

function checkSignatures(network: PrescriptionNetwork, sent: number): string[] {
  const { received, verified } = network.counts;
  if (received === sent && verified === received) return [];
  return [
    `e-prescriptions: ${sent} sent, ${received} signed, ${verified} verified with the public key`,
  ];
}

/** One worker per integration: each is its own service with its own principal. */
function startWorkers(
  backend: Pick<Backend, 'broker'>,
  topology: Topology,
  outbox: Outbox,
  signing: PrescriptionSigning,
  latency: { firstTry: LatencyHistogram; retried: LatencyHistogram },
  options: ScenarioOptions,
  logger: Logger,
  clock: Clock,
): Worker[] {
  // Publish→handled latency: SentTimestamp is when the fanout stored the delivery. A record
  // handled at a later receive waited out visibility timeouts and backoff: kept apart.
  const recordLatency =
    (next: Handler): Handler =>
    async (message, context) => {
      const result = await next(message, context);
      if (result.status === 'consumed') {
        const histogram =
          message.attributes.ApproximateReceiveCount > 1 ? latency.retried : latency.firstTry;
        histogram.record(clock.now() - message.attributes.SentTimestamp);
      }
      return result;
    };
  return topology.integrations.map(({ integration, queue }) => {
    const worker = new Worker(
      { broker: backend.broker, logger, clock },
      {
        middleware: [recordLatency],
        handlerDefaults: {
          concurrency: options.concurrency ?? 8,
          waitTimeSeconds: 1,
          visibilityTimeoutSeconds: 30,
          retry: { baseDelaySeconds: 1, maxDelaySeconds: 5 },
        },
      },
    );
    const common = { schema: patientRecordSchema, principal: integration.principal };
    if (integration.queueName === 'Billing-Integration') {
      worker.handle(queue.name, billingHandler(outbox), common);
    } else if (integration.queueName === 'Scheduling-Integration') {
      worker.handle(queue.name, schedulingHandler(outbox), { ...common, sealedPolicy: 'consume' });
    } else {
      worker.handle(
        queue.name,
        prescriptionHandler(outbox, signing.sign(integration.principal), signing.network),
        common,
      );
    }
    return worker;
  });
}

async function waitUntilDrained(
  progress: () => Promise<ScenarioProgress>,
  report: () => Promise<void>,
  timeoutMs: number,
  clock: Clock,
): Promise<void> {
  const deadline = clock.now() + timeoutMs;
  while (clock.now() < deadline) {
    await report();
    const { queues } = await progress();
    if (queues.every((q) => q.handled + q.deadLettered >= q.expected && q.inFlight === 0)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function checkTotals(published: number, filtered: number, queues: QueueSummary[]): string[] {
  const problems: string[] = [];
  for (const q of queues) {
    const settled = q.consumed + q.deadLettered;
    if (settled !== q.delivered) {
      problems.push(
        `${q.queueName}: ${q.delivered} delivered but ${q.consumed} consumed + ${q.deadLettered} dead-lettered = ${settled}`,
      );
    }
  }
  const prescription = queues.find((q) => q.queueName === 'Prescription-Integration');
  if (prescription !== undefined && prescription.delivered + filtered !== published) {
    problems.push(
      `Prescription-Integration: ${prescription.delivered} delivered + ${filtered} filtered ≠ ${published} published`,
    );
  }
  return problems;
}
