import type { SystemAttributes } from '@sealbus/core';

/** The SQS system attribute names sealbus asks for on every receive. */
export const RECEIVED_SYSTEM_ATTRIBUTE_NAMES = ['All'] as const;

const NUMERIC = [
  'ApproximateReceiveCount',
  'ApproximateFirstReceiveTimestamp',
  'SentTimestamp',
] as const;
const TEXT = [
  'SenderId',
  'MessageGroupId',
  'MessageDeduplicationId',
  'SequenceNumber',
  'DeadLetterQueueSourceArn',
  'AWSTraceHeader',
] as const;

/** SQS `Attributes` (every value a string) as sealbus `SystemAttributes`. */
export function fromSqsSystemAttributes(
  wire: Record<string, string> | undefined,
): SystemAttributes {
  const source = wire ?? {};
  const attributes: SystemAttributes = {
    ApproximateReceiveCount: Number(source.ApproximateReceiveCount ?? 0),
    SentTimestamp: Number(source.SentTimestamp ?? 0),
  };
  for (const name of NUMERIC) {
    const value = source[name];
    if (value !== undefined) attributes[name] = Number(value);
  }
  for (const name of TEXT) {
    const value = source[name];
    if (value !== undefined) attributes[name] = value;
  }
  return attributes;
}
