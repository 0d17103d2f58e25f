import type { QueueRecord } from '@sealbus/broker-engine';
import { resolveQueueAttributes } from '@sealbus/core';

/** A standard queue's record with SQS's default attributes, as the store tests create them. */
export function queueRecord(name: string): QueueRecord {
  return {
    name,
    arn: `arn:aws:sqs:us-east-1:000000000000:${name}`,
    attributes: resolveQueueAttributes({}, { queueName: name }),
    tags: {},
    createdTimestamp: 0,
    lastModifiedTimestamp: 0,
  };
}
