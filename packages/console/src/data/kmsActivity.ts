import { estimateKmsRequests } from '@sealbus/core';
import type { AuditEntry } from '@sealbus/kms-local';
import type { QueueRow } from './queueOverview.js';
import type { TopicRow } from './topicOverview.js';

/** Bucket sizes the chart picks from, so about 60 points cover the window. */
const BUCKET_SECONDS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];
const TARGET_POINTS = 60;
const MIN_WINDOW_MS = 60_000;
/** SNS reuses a topic's data keys for 5 minutes. */
const TOPIC_REUSE_PERIOD_SECONDS = 300;
const DATA_KEY_OPERATIONS = ['GenerateDataKey', 'Decrypt'] as const;

export interface KmsCostResource {
  kind: 'queue' | 'topic';
  name: string;
  reusePeriodSeconds: number;
  /** P: distinct principals that asked for data keys in the window. */
  producers: number;
  /** C: distinct principals that decrypted data keys in the window (queues only). */
  consumers: number;
  /** The formula's requests for this resource over the window. */
  requests: number;
  costUsd: number;
}

export interface KmsActivity {
  /** Epoch seconds of each bucket's start. */
  times: number[];
  bucketSeconds: number;
  generateDataKey: number[];
  decrypt: number[];
  other: number[];
  /** Calls KMS refused (key policy, key state): they cost nothing and are not data keys. */
  refused: number[];
  /** The cost formula's requests per bucket, all resources together (steady state). */
  formulaPerBucket: number;
  resources: KmsCostResource[];
  /** Successful GenerateDataKey + Decrypt calls in the window. */
  dataKeyCalls: number;
  /** The formula's estimate for the window and its price. */
  formulaRequests: number;
  formulaCostUsd: number;
  windowSeconds: number;
}

function contextValue(entry: AuditEntry, key: string): string | undefined {
  return entry.encryptionContext?.[key];
}

/**
 * KMS calls over time from the audit log, bucketed for a chart, next to the documented SSE
 * request formula (SQS `R = B/D × (2P + C)`, SNS `R = B/D × 2P`) with P and C counted from the
 * distinct principals seen per queue or topic in the same window.
 */
export function kmsActivity(
  entries: readonly AuditEntry[],
  queues: readonly QueueRow[],
  topics: readonly TopicRow[],
  nowMs: number,
  windowMs: number,
): KmsActivity {
  // Since the first call, but at least a minute: a few seconds of history would chart as
  // sub-second ticks.
  const start = Math.max(
    nowMs - windowMs,
    Math.min(nowMs - MIN_WINDOW_MS, entries[0]?.eventTime.getTime() ?? nowMs),
  );
  const windowSeconds = Math.max(1, Math.ceil((nowMs - start) / 1000));
  const bucketSeconds =
    BUCKET_SECONDS.find((size) => windowSeconds / size <= TARGET_POINTS) ?? 3600;
  const firstBucket = Math.floor(start / 1000 / bucketSeconds) * bucketSeconds;
  const count = Math.floor(nowMs / 1000 / bucketSeconds) - firstBucket / bucketSeconds + 1;
  const times = Array.from({ length: count }, (_, i) => firstBucket + i * bucketSeconds);
  const generateDataKey = new Array<number>(count).fill(0);
  const decrypt = new Array<number>(count).fill(0);
  const other = new Array<number>(count).fill(0);
  const refused = new Array<number>(count).fill(0);
  const producersOf = new Map<string, Set<string>>();
  const consumersOf = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, key: string, principal: string) => {
    const set = map.get(key) ?? new Set<string>();
    set.add(principal);
    map.set(key, set);
  };
  let dataKeyCalls = 0;
  for (const entry of entries) {
    const at = entry.eventTime.getTime();
    if (at < start || at > nowMs) continue;
    const index = Math.floor(at / 1000 / bucketSeconds) - firstBucket / bucketSeconds;
    const series =
      entry.result !== 'ok'
        ? refused
        : entry.operation === 'GenerateDataKey'
          ? generateDataKey
          : entry.operation === 'Decrypt'
            ? decrypt
            : other;
    series[index] = (series[index] ?? 0) + 1;
    if (entry.result !== 'ok') continue;
    if (!(DATA_KEY_OPERATIONS as readonly string[]).includes(entry.operation)) continue;
    dataKeyCalls++;
    const resource = contextValue(entry, 'aws:sqs:arn') ?? contextValue(entry, 'aws:sns:topicArn');
    if (resource === undefined) continue;
    add(
      entry.operation === 'GenerateDataKey' ? producersOf : consumersOf,
      resource,
      entry.principal,
    );
  }
  const resources: KmsCostResource[] = [];
  const estimate = (
    kind: 'queue' | 'topic',
    name: string,
    arn: string,
    reusePeriodSeconds: number,
  ) => {
    const producers = producersOf.get(arn)?.size ?? 0;
    const consumers = kind === 'queue' ? (consumersOf.get(arn)?.size ?? 0) : 0;
    if (producers + consumers === 0) return;
    const { requests, cost } = estimateKmsRequests({
      service: kind === 'queue' ? 'sqs' : 'sns',
      billingSeconds: windowSeconds,
      reusePeriodSeconds,
      principals: [producers],
      ...(kind === 'queue' ? { consumers: [consumers] } : {}),
    });
    resources.push({
      kind,
      name,
      reusePeriodSeconds,
      producers,
      consumers,
      requests,
      costUsd: cost,
    });
  };
  for (const queue of queues) {
    if (queue.sse.kind === 'none') continue;
    const reuse = queue.sse.kind === 'kms' ? queue.sse.reusePeriodSeconds : 300;
    estimate('queue', queue.name, queue.arn, reuse);
  }
  for (const topic of topics) {
    if (topic.kmsMasterKeyId !== undefined) {
      estimate('topic', topic.name, topic.arn, TOPIC_REUSE_PERIOD_SECONDS);
    }
  }
  const formulaRequests = resources.reduce((sum, resource) => sum + resource.requests, 0);
  return {
    times,
    bucketSeconds,
    generateDataKey,
    decrypt,
    other,
    refused,
    formulaPerBucket: (formulaRequests * bucketSeconds) / windowSeconds,
    resources,
    dataKeyCalls,
    formulaRequests,
    formulaCostUsd: resources.reduce((sum, resource) => sum + resource.costUsd, 0),
    windowSeconds,
  };
}
