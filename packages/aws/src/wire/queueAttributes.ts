import {
  formatQueueAttributes,
  parseQueueAttributeStrings,
  QUEUE_ATTRIBUTE_NAMES,
  type QueueAttributes,
  type QueueCounters,
  READ_ONLY_QUEUE_ATTRIBUTE_NAMES,
  type ResolvedQueueAttributes,
  resolveQueueAttributes,
} from '@sealbus/core';
import { pickWire } from './pickWire.js';
import { withoutReadOnly } from './withoutReadOnly.js';

/**
 * The wire strings for exactly the attributes the caller gave, after core validated them
 * against `resolved`. `''` (remove a policy or key) is passed on as `''`.
 */
export function queueAttributesToWire(
  given: Partial<QueueAttributes>,
  resolved: ResolvedQueueAttributes,
): Record<string, string> {
  return pickWire(given, formatQueueAttributes(resolved));
}

/** `GetQueueAttributes` (All) as the resolved attributes plus counters, like the local backends return. */
export function queueAttributesFromWire(
  wire: Record<string, string>,
  queueName: string,
): ResolvedQueueAttributes & QueueCounters {
  const settable: Record<string, string> = {};
  for (const name of QUEUE_ATTRIBUTE_NAMES) {
    const value = wire[name];
    if (value !== undefined && value !== '') settable[name] = value;
  }
  const resolved = resolveQueueAttributes(parseQueueAttributeStrings(settable), { queueName });
  return {
    ...resolved,
    QueueArn: wire.QueueArn ?? '',
    ApproximateNumberOfMessages: Number(wire.ApproximateNumberOfMessages ?? 0),
    ApproximateNumberOfMessagesNotVisible: Number(wire.ApproximateNumberOfMessagesNotVisible ?? 0),
    ApproximateNumberOfMessagesDelayed: Number(wire.ApproximateNumberOfMessagesDelayed ?? 0),
    CreatedTimestamp: Number(wire.CreatedTimestamp ?? 0),
    LastModifiedTimestamp: Number(wire.LastModifiedTimestamp ?? 0),
  };
}

/**
 * The attributes without the read-only ARN and counters: what `SetQueueAttributes` validates
 * against and what `ensureQueue` compares with the declared attributes.
 */
export function withoutQueueCounters(
  attributes: QueueAttributes & QueueCounters,
): ResolvedQueueAttributes {
  return withoutReadOnly(attributes, READ_ONLY_QUEUE_ATTRIBUTE_NAMES) as ResolvedQueueAttributes;
}
