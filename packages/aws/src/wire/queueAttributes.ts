import {
  formatQueueAttributes,
  isFifoName,
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

/**
 * `GetQueueAttributes` (All) as the resolved attributes plus counters, like the local backends
 * return. Read leniently: what a server reports is its state, not a request to validate. Unknown
 * names are skipped, `SqsManagedSseEnabled` beside a `KmsMasterKeyId` (some SQS implementations
 * report both) yields to the key, and a value the write-side rules refuse is left at its default.
 */
export function queueAttributesFromWire(
  wire: Record<string, string>,
  queueName: string,
): ResolvedQueueAttributes & QueueCounters {
  const reported = parseQueueAttributeStrings(
    Object.fromEntries(
      QUEUE_ATTRIBUTE_NAMES.flatMap((name) => {
        const value = wire[name];
        return value === undefined || value === '' ? [] : [[name, value]];
      }),
    ),
  );
  if (reported.KmsMasterKeyId !== undefined) delete reported.SqsManagedSseEnabled;
  const resolved = readLeniently(reported, queueName);
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

/** All attributes at once when they pass the write-side rules; otherwise one at a time. */
function readLeniently(reported: QueueAttributes, queueName: string): ResolvedQueueAttributes {
  try {
    return resolveQueueAttributes(reported, { queueName });
  } catch {
    // The name decides FIFO; FifoQueue itself adds nothing a lenient read needs.
    let resolved = resolveQueueAttributes(isFifoName(queueName) ? { FifoQueue: true } : {}, {
      queueName,
    });
    for (const [name, value] of Object.entries(reported)) {
      if (name === 'FifoQueue') continue;
      try {
        resolved = resolveQueueAttributes({ [name]: value }, { queueName, existing: resolved });
      } catch {
        // Left at its default: the queue works, and a caller who writes it is validated then.
      }
    }
    return resolved;
  }
}
