import {
  type Broker,
  conflictingQueueAttributes,
  formatQueueAttributes,
  isSealbusError,
  type Queue,
  type QueueAttributes,
  resolveQueueAttributes,
} from '@sealbus/core';
import { withoutQueueCounters } from '../wire/queueAttributes.js';
import { type EnsureOptions, type EnsureReport, resolveOnDrift } from './EnsureReport.js';
import { declaredValuesOf, settleDrift, wireDrift } from './settleDrift.js';

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
  const actual = withoutQueueCounters(await existing.getAttributes());
  const drift = wireDrift(
    conflictingQueueAttributes(actual, attributes, name),
    formatQueueAttributes(resolveQueueAttributes(attributes, { queueName: name })),
    formatQueueAttributes(actual),
  );
  const { resource: queue, report } = await settleDrift(
    existing,
    drift,
    onDrift,
    {
      resourceName: `Queue ${name}`,
      hint: "Change the declaration, update the queue, or pass onDrift: 'update' to apply the declared attributes",
    },
    async () => {
      await existing.setAttributes(declaredValuesOf(attributes, drift));
      return existing;
    },
  );
  return { queue, report };
}

async function findQueue(broker: Broker, name: string): Promise<Queue | undefined> {
  try {
    return await broker.getQueue(name);
  } catch (error) {
    if (isSealbusError(error, 'QueueDoesNotExist')) return undefined;
    throw error;
  }
}
