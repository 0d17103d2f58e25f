import {
  formatTopicAttributes,
  parseTopicAttributeStrings,
  type ResolvedTopicAttributes,
  resolveTopicAttributes,
  TOPIC_ATTRIBUTE_NAMES,
  type TopicAttributes,
  type TopicCounters,
} from '@sealbus/core';
import { pickWire } from './pickWire.js';
import { withoutReadOnly } from './withoutReadOnly.js';

/** The wire strings for exactly the topic attributes the caller gave, after core validated them. */
export function topicAttributesToWire(
  given: Partial<TopicAttributes>,
  resolved: ResolvedTopicAttributes,
): Record<string, string> {
  return pickWire(given, formatTopicAttributes(resolved));
}

/** `GetTopicAttributes` as resolved attributes plus counters, like the local backends return. */
export function topicAttributesFromWire(
  wire: Record<string, string>,
  topicName: string,
): ResolvedTopicAttributes & TopicCounters & { EffectiveDeliveryPolicy: string } {
  const settable: Record<string, string> = {};
  for (const name of TOPIC_ATTRIBUTE_NAMES) {
    const value = wire[name];
    if (value !== undefined && value !== '') settable[name] = value;
  }
  // SNS fills Policy with its default (owner-only) document; keep it, as SNS returns it.
  const resolved = resolveTopicAttributes(parseTopicAttributeStrings(settable), { topicName });
  return {
    ...resolved,
    TopicArn: wire.TopicArn ?? '',
    EffectiveDeliveryPolicy: wire.EffectiveDeliveryPolicy ?? '',
    SubscriptionsConfirmed: Number(wire.SubscriptionsConfirmed ?? 0),
    SubscriptionsPending: Number(wire.SubscriptionsPending ?? 0),
    SubscriptionsDeleted: Number(wire.SubscriptionsDeleted ?? 0),
  };
}

/** What `GetTopicAttributes` returns besides the settable attributes. */
const READ_ONLY_TOPIC_ATTRIBUTE_NAMES = [
  'TopicArn',
  'SubscriptionsConfirmed',
  'SubscriptionsPending',
  'SubscriptionsDeleted',
  'EffectiveDeliveryPolicy',
] as const;

/** The attributes without the read-only ARN and subscription counters. */
export function withoutTopicCounters(
  attributes: TopicAttributes & TopicCounters,
): ResolvedTopicAttributes {
  return withoutReadOnly(attributes, READ_ONLY_TOPIC_ATTRIBUTE_NAMES) as ResolvedTopicAttributes;
}
