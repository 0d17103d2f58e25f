import type { EngineBroker } from '@sealbus/broker-engine';
import { queueNameFrom } from '@sealbus/core';

export interface SubscriptionRow {
  arn: string;
  queueName: string;
  queueArn: string;
  filterPolicy?: object;
  filterPolicyScope: string;
  rawMessageDelivery: boolean;
}

export interface TopicRow {
  name: string;
  arn: string;
  kmsMasterKeyId?: string;
  fifo: boolean;
  subscriptions: SubscriptionRow[];
}

export async function listTopicRows(broker: EngineBroker): Promise<TopicRow[]> {
  const rows: TopicRow[] = [];
  for (const arn of await broker.listTopics()) {
    const topic = await broker.getTopic(arn);
    const attributes = await topic.getAttributes();
    const subscriptions = (await topic.listSubscriptions()).map((subscription) => {
      const row: SubscriptionRow = {
        arn: subscription.arn,
        queueName: queueNameFrom(subscription.endpoint),
        queueArn: subscription.endpoint,
        filterPolicyScope: subscription.attributes.filterPolicyScope,
        rawMessageDelivery: subscription.attributes.rawMessageDelivery,
      };
      if (subscription.attributes.filterPolicy !== undefined) {
        row.filterPolicy = subscription.attributes.filterPolicy;
      }
      return row;
    });
    const row: TopicRow = {
      name: topic.name,
      arn: topic.arn,
      fifo: attributes.FifoTopic === true,
      subscriptions,
    };
    if (attributes.KmsMasterKeyId !== undefined) row.kmsMasterKeyId = attributes.KmsMasterKeyId;
    rows.push(row);
  }
  return rows.sort((a, b) => a.name.localeCompare(b.name));
}

/** A one-line summary of a filter policy for graph edge labels: its top-level attribute names. */
export function filterSummary(policy: object | undefined): string | undefined {
  if (policy === undefined) return undefined;
  const keys = Object.keys(policy);
  return keys.length === 0 ? undefined : `filter: ${keys.join(', ')}`;
}
