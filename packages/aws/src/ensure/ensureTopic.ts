import {
  type Broker,
  conflictingTopicAttributes,
  formatTopicAttributes,
  isSealbusError,
  type ResolvedTopicAttributes,
  resolveTopicAttributes,
  type Topic,
  type TopicAttributes,
} from '@sealbus/core';
import { ResourceDriftError } from '../errors/ResourceDriftError.js';
import { type EnsureOptions, type EnsureReport, resolveOnDrift } from './EnsureReport.js';

/** Creates the topic if it is missing; otherwise checks the declared attributes per `onDrift`. */
export async function ensureTopic(
  broker: Broker,
  name: string,
  attributes: TopicAttributes = {},
  options: EnsureOptions = {},
): Promise<{ topic: Topic; report: EnsureReport }> {
  const onDrift = resolveOnDrift(options);
  const existing = await findTopic(broker, name);
  if (existing === undefined) {
    const topic = await broker.createTopic(name, attributes);
    return { topic, report: { created: true, drift: [], updated: false } };
  }
  const {
    TopicArn: _arn,
    SubscriptionsConfirmed: _confirmed,
    SubscriptionsPending: _pending,
    SubscriptionsDeleted: _deleted,
    ...rest
  } = await existing.getAttributes();
  const actual = rest as ResolvedTopicAttributes;
  const expectedWire = formatTopicAttributes(
    resolveTopicAttributes(attributes, { topicName: name }),
  );
  const actualWire = formatTopicAttributes(actual);
  const drift = conflictingTopicAttributes(actual, attributes, name).map((attribute) => ({
    attribute,
    expected: expectedWire[attribute],
    actual: actualWire[attribute],
  }));
  const report: EnsureReport = { created: false, drift, updated: false };
  if (drift.length === 0 || onDrift === 'report') return { topic: existing, report };
  if (onDrift === 'error') {
    throw new ResourceDriftError(
      `Topic ${name}`,
      drift,
      "Change the declaration, update the topic, or pass onDrift: 'update' to apply the declared attributes",
    );
  }
  const update: Partial<TopicAttributes> = {};
  for (const entry of drift) {
    (update as Record<string, unknown>)[entry.attribute] =
      attributes[entry.attribute as keyof TopicAttributes];
  }
  await existing.setAttributes(update);
  report.updated = true;
  return { topic: existing, report };
}

async function findTopic(broker: Broker, name: string): Promise<Topic | undefined> {
  try {
    return await broker.getTopic(name);
  } catch (error) {
    if (isSealbusError(error) && error.code === 'NotFound') return undefined;
    throw error;
  }
}
