import {
  type Broker,
  conflictingQueueAttributes,
  formatQueueAttributes,
  isSealbusError,
  type Queue,
  type QueueAttributes,
  type ResolvedQueueAttributes,
  resolveQueueAttributes,
} from '@sealbus/core';
import { ResourceDriftError } from '../errors/ResourceDriftError.js';
import {
  type AttributeDrift,
  type EnsureOptions,
  type EnsureReport,
  resolveOnDrift,
} from './EnsureReport.js';

/**
 * Creates the queue if it is missing; otherwise compares the declared attributes with the
 * queue's and handles drift per `onDrift` (default `'error'`: fail fast at startup). Works on
 * any backend's `Broker`.
 */
export async function ensureQueue(
  broker: Broker,
  name: string,
  attributes: QueueAttributes = {},
  options: EnsureOptions = {},
): Promise<{ queue: Queue; report: EnsureReport }> {
  const onDrift = resolveOnDrift(options);
  const existing = await findQueue(broker, name);
  if (existing === undefined) {
    const queue = await broker.createQueue(name, attributes);
    return { queue, report: { created: true, drift: [], updated: false } };
  }
  const actual = stripCounters(await existing.getAttributes());
  const differing = conflictingQueueAttributes(actual, attributes, name);
  const drift = describeDrift(
    differing,
    resolveQueueAttributes(attributes, { queueName: name }),
    actual,
  );
  const report: EnsureReport = { created: false, drift, updated: false };
  if (drift.length === 0 || onDrift === 'report') return { queue: existing, report };
  if (onDrift === 'error') {
    throw new ResourceDriftError(
      `Queue ${name}`,
      drift,
      "Change the declaration, update the queue, or pass onDrift: 'update' to apply the declared attributes",
    );
  }
  const update: Partial<QueueAttributes> = {};
  for (const entry of drift) {
    (update as Record<string, unknown>)[entry.attribute] =
      attributes[entry.attribute as keyof QueueAttributes];
  }
  await existing.setAttributes(update);
  report.updated = true;
  return { queue: existing, report };
}

async function findQueue(broker: Broker, name: string): Promise<Queue | undefined> {
  try {
    return await broker.getQueue(name);
  } catch (error) {
    if (isSealbusError(error) && error.code === 'QueueDoesNotExist') return undefined;
    throw error;
  }
}

function stripCounters(
  attributes: Awaited<ReturnType<Queue['getAttributes']>>,
): ResolvedQueueAttributes {
  const {
    QueueArn: _arn,
    ApproximateNumberOfMessages: _visible,
    ApproximateNumberOfMessagesNotVisible: _inFlight,
    ApproximateNumberOfMessagesDelayed: _delayed,
    CreatedTimestamp: _created,
    LastModifiedTimestamp: _modified,
    ...rest
  } = attributes;
  return rest as ResolvedQueueAttributes;
}

function describeDrift(
  names: readonly string[],
  expected: ResolvedQueueAttributes,
  actual: ResolvedQueueAttributes,
): AttributeDrift[] {
  const expectedWire = formatQueueAttributes(expected);
  const actualWire = formatQueueAttributes(actual);
  return names.map((attribute) => ({
    attribute,
    expected: expectedWire[attribute],
    actual: actualWire[attribute],
  }));
}
