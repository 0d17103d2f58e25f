import {
  type Broker,
  compileFilterPolicy,
  type Queue,
  type SubscribeOptions,
  type Subscription,
  type SubscriptionAttributes,
  type Topic,
} from '@sealbus/core';
import {
  type AttributeDrift,
  type EnsureOptions,
  type EnsureReport,
  resolveOnDrift,
} from './EnsureReport.js';
import { settleDrift } from './settleDrift.js';

/**
 * Subscribes `queue` to `topic` if it is not subscribed yet; otherwise compares the declared
 * filter policy, scope and raw delivery with the subscription's and handles drift per `onDrift`.
 */
export async function ensureSubscription(
  broker: Broker,
  topic: Topic,
  queue: Queue,
  subscribeOptions: SubscribeOptions = {},
  options: EnsureOptions = {},
): Promise<{ subscription: Subscription; report: EnsureReport }> {
  const onDrift = resolveOnDrift(options);
  const existing = (await topic.listSubscriptions()).find(
    (candidate) => candidate.endpoint === queue.arn,
  );
  if (existing === undefined) {
    const subscription = await topic.subscribe(queue, subscribeOptions);
    return { subscription, report: { created: true, drift: [], updated: false } };
  }
  const drift = subscriptionDrift(existing.attributes, subscribeOptions);
  const { resource: subscription, report } = await settleDrift(
    existing,
    drift,
    onDrift,
    {
      resourceName: `Subscription of ${queue.name} to ${topic.name}`,
      hint: "Change the declaration, or pass onDrift: 'update' to apply the declared attributes",
    },
    () =>
      broker.setSubscriptionAttributes(existing.arn, {
        ...subscribeOptions,
        ...(subscribeOptions.filterPolicy === undefined &&
        existing.attributes.filterPolicy !== undefined
          ? { filterPolicy: '' }
          : {}),
      }),
  );
  return { subscription, report };
}

/** Differences between a subscription and the declared options; an undeclared policy means none. */
export function subscriptionDrift(
  actual: SubscriptionAttributes,
  declared: SubscribeOptions,
): AttributeDrift[] {
  const scope = declared.filterPolicyScope ?? 'MessageAttributes';
  const expected = {
    FilterPolicy:
      declared.filterPolicy === undefined || declared.filterPolicy === ''
        ? undefined
        : canonicalJson(compileFilterPolicy(declared.filterPolicy, scope).policy),
    FilterPolicyScope: scope,
    RawMessageDelivery: String(declared.rawMessageDelivery ?? false),
  };
  const current = {
    FilterPolicy:
      actual.filterPolicy === undefined ? undefined : canonicalJson(actual.filterPolicy),
    FilterPolicyScope: actual.filterPolicyScope,
    RawMessageDelivery: String(actual.rawMessageDelivery),
  };
  return (Object.keys(expected) as (keyof typeof expected)[])
    .filter((attribute) => expected[attribute] !== current[attribute])
    .map((attribute) => ({ attribute, expected: expected[attribute], actual: current[attribute] }));
}

/** JSON with object keys sorted, so policies equal up to key order compare equal. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    typeof inner === 'object' && inner !== null && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
