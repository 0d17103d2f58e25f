import type { EngineBroker } from '@sealbus/broker-engine';
import type { RedrivePolicy } from '@sealbus/core';

export type SseSetting =
  | { kind: 'kms'; keyId: string; reusePeriodSeconds: number }
  | { kind: 'sqs' }
  | { kind: 'none' };

export interface QueueRow {
  name: string;
  arn: string;
  fifo: boolean;
  visible: number;
  inFlight: number;
  delayed: number;
  /** SentTimestamp (epoch ms) of the oldest stored message. */
  oldestSentTimestamp?: number;
  sse: SseSetting;
  redrivePolicy?: RedrivePolicy;
  /** The queue this one dead-letters to, with its visible depth. */
  deadLetterQueue?: { name: string; arn: string; visible: number };
  /** Names of the queues whose RedrivePolicy targets this one: set only for DLQs. */
  sourceQueueNames: string[];
}

/** `RedrivePolicy` as stored is an object; older stores and SQS wire values may hand a JSON string. */
export function redrivePolicyOf(
  value: RedrivePolicy | string | undefined,
): RedrivePolicy | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') return value;
  try {
    const parsed = JSON.parse(value) as {
      deadLetterTargetArn?: unknown;
      maxReceiveCount?: unknown;
    };
    if (typeof parsed.deadLetterTargetArn !== 'string') return undefined;
    return {
      deadLetterTargetArn: parsed.deadLetterTargetArn,
      maxReceiveCount: Number(parsed.maxReceiveCount),
    };
  } catch {
    return undefined;
  }
}

/** One row per queue, sorted by name: depths, SSE setting, DLQ link and depth, oldest message. */
export async function listQueueRows(broker: EngineBroker): Promise<QueueRow[]> {
  const rows: QueueRow[] = [];
  for (const url of await broker.listQueues()) {
    const queue = await broker.getQueue(url);
    const attributes = await queue.getAttributes();
    const [oldest] = await broker.peek(queue.name, { limit: 1 });
    const sse: SseSetting =
      attributes.KmsMasterKeyId !== undefined
        ? {
            kind: 'kms',
            keyId: attributes.KmsMasterKeyId,
            reusePeriodSeconds: attributes.KmsDataKeyReusePeriodSeconds ?? 300,
          }
        : attributes.SqsManagedSseEnabled === true
          ? { kind: 'sqs' }
          : { kind: 'none' };
    const row: QueueRow = {
      name: queue.name,
      arn: queue.arn,
      fifo: attributes.FifoQueue === true,
      visible: attributes.ApproximateNumberOfMessages,
      inFlight: attributes.ApproximateNumberOfMessagesNotVisible,
      delayed: attributes.ApproximateNumberOfMessagesDelayed,
      sse,
      sourceQueueNames: [],
    };
    if (oldest !== undefined) row.oldestSentTimestamp = oldest.sentTimestamp;
    const redrivePolicy = redrivePolicyOf(attributes.RedrivePolicy);
    if (redrivePolicy !== undefined) row.redrivePolicy = redrivePolicy;
    rows.push(row);
  }
  const byArn = new Map(rows.map((row) => [row.arn, row]));
  for (const row of rows) {
    if (row.redrivePolicy === undefined) continue;
    const target = byArn.get(row.redrivePolicy.deadLetterTargetArn);
    if (target === undefined) continue;
    row.deadLetterQueue = { name: target.name, arn: target.arn, visible: target.visible };
    target.sourceQueueNames.push(row.name);
  }
  return rows.sort((a, b) => a.name.localeCompare(b.name));
}
