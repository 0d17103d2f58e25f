import { estimateKmsRequests } from '@sealbus/core';
import type { AuditEntry } from '@sealbus/kms-local';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kmsActivity } from './kmsActivity.js';
import type { QueueRow } from './queueOverview.js';
import type { TopicRow } from './topicOverview.js';

const QUEUE_ARN = 'arn:aws:sqs:us-east-1:000000000000:Q';
const TOPIC_ARN = 'arn:aws:sns:us-east-1:000000000000:T';
const queue: QueueRow = {
  name: 'Q',
  arn: QUEUE_ARN,
  fifo: false,
  visible: 0,
  inFlight: 0,
  delayed: 0,
  sse: { kind: 'kms', keyId: 'alias/q', reusePeriodSeconds: 120 },
  sourceQueueNames: [],
};
const topic: TopicRow = {
  name: 'T',
  arn: TOPIC_ARN,
  fifo: false,
  kmsMasterKeyId: 'alias/t',
  subscriptions: [],
};
const NOW = 1_800_000_000_000;

function entry(
  operation: string,
  at: number,
  principal: string,
  context?: Record<string, string>,
  result: 'ok' | 'error' = 'ok',
): AuditEntry {
  return {
    id: at,
    eventTime: new Date(at),
    operation,
    principal,
    result,
    ...(context === undefined ? {} : { encryptionContext: context }),
  };
}

describe('kmsActivity', () => {
  it('applies the SQS and SNS formulas with P and C from distinct principals', () => {
    const start = NOW - 600_000;
    const entries = [
      entry('GenerateDataKey', start, 'p1', { 'aws:sqs:arn': QUEUE_ARN }),
      entry('GenerateDataKey', start + 1000, 'p2', { 'aws:sqs:arn': QUEUE_ARN }),
      entry('GenerateDataKey', start + 2000, 'p1', { 'aws:sqs:arn': QUEUE_ARN }),
      entry('Decrypt', start + 3000, 'c1', { 'aws:sqs:arn': QUEUE_ARN }),
      entry('GenerateDataKey', start + 4000, 'pub', { 'aws:sns:topicArn': TOPIC_ARN }),
      entry('DescribeKey', start + 5000, 'root'),
      entry('Decrypt', start + 6000, 'denied', { 'aws:sqs:arn': QUEUE_ARN }, 'error'),
    ];
    const activity = kmsActivity(entries, [queue], [topic], NOW, 3_600_000);
    expect(activity.windowSeconds).toBe(600);
    const sqs = estimateKmsRequests({
      service: 'sqs',
      billingSeconds: 600,
      reusePeriodSeconds: 120,
      principals: [2],
      consumers: [1],
    });
    const sns = estimateKmsRequests({
      service: 'sns',
      billingSeconds: 600,
      reusePeriodSeconds: 300,
      principals: [1],
    });
    expect(activity.resources).toEqual([
      {
        kind: 'queue',
        name: 'Q',
        reusePeriodSeconds: 120,
        producers: 2,
        consumers: 1,
        requests: sqs.requests,
        costUsd: sqs.cost,
      },
      {
        kind: 'topic',
        name: 'T',
        reusePeriodSeconds: 300,
        producers: 1,
        consumers: 0,
        requests: sns.requests,
        costUsd: sns.cost,
      },
    ]);
    expect(activity.formulaRequests).toBe(sqs.requests + sns.requests);
    expect(activity.dataKeyCalls).toBe(5);
    expect(activity.refused.reduce((a, b) => a + b, 0)).toBe(1);
    expect(activity.decrypt.reduce((a, b) => a + b, 0)).toBe(1);
    expect(activity.formulaPerBucket).toBeCloseTo(
      ((sqs.requests + sns.requests) * activity.bucketSeconds) / 600,
    );
  });

  it('puts every call of the window in exactly one bucket, about 60 of them', () => {
    const operation = fc.constantFrom('GenerateDataKey', 'Decrypt', 'DescribeKey');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(operation, fc.integer({ min: 0, max: 3_599_999 }), fc.boolean()), {
          maxLength: 200,
        }),
        (calls) => {
          const entries = calls
            .map(([op, ago, ok]) =>
              entry(op, NOW - ago, 'p', { 'aws:sqs:arn': QUEUE_ARN }, ok ? 'ok' : 'error'),
            )
            .sort((a, b) => a.eventTime.getTime() - b.eventTime.getTime());
          const activity = kmsActivity(entries, [queue], [], NOW, 3_600_000);
          const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
          const all = [
            activity.generateDataKey,
            activity.decrypt,
            activity.other,
            activity.refused,
          ];
          expect(sum(all.map(sum))).toBe(entries.length);
          expect(activity.times.length).toBeLessThanOrEqual(62);
          expect(activity.generateDataKey).toHaveLength(activity.times.length);
        },
      ),
    );
  });

  it('leaves calls before the window out', () => {
    const entries = [entry('Decrypt', NOW - 7_200_000, 'c'), entry('Decrypt', NOW - 1000, 'c')];
    const activity = kmsActivity(entries, [queue], [], NOW, 3_600_000);
    expect(activity.decrypt.reduce((a, b) => a + b, 0)).toBe(1);
  });
});
