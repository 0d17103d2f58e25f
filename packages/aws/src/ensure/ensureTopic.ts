import {
  type Broker,
  conflictingTopicAttributes,
  formatTopicAttributes,
  isSealbusError,
  resolveTopicAttributes,
  type Topic,
  type TopicAttributes,
} from '@sealbus/core';
import { withoutTopicCounters } from '../wire/topicAttributes.js';
import { type EnsureOptions, type EnsureReport, resolveOnDrift } from './EnsureReport.js';
import { declaredValuesOf, settleDrift, wireDrift } from './settleDrift.js';

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
  const actual = withoutTopicCounters(await existing.getAttributes());
  const drift = wireDrift(
    conflictingTopicAttributes(actual, attributes, name),
    formatTopicAttributes(resolveTopicAttributes(attributes, { topicName: name })),
    formatTopicAttributes(actual),
  );
  const { resource: topic, report } = await settleDrift(
    existing,
    drift,
    onDrift,
    {
      resourceName: `Topic ${name}`,
      hint: "Change the declaration, update the topic, or pass onDrift: 'update' to apply the declared attributes",
    },
    async () => {
      await existing.setAttributes(declaredValuesOf(attributes, drift));
      return existing;
    },
  );
  return { topic, report };
}

async function findTopic(broker: Broker, name: string): Promise<Topic | undefined> {
  try {
    return await broker.getTopic(name);
  } catch (error) {
    if (isSealbusError(error, 'NotFound')) return undefined;
    throw error;
  }
}
