import {
  compileFilterPolicy,
  describeValue,
  type FilterPolicyScope,
  InvalidParameterError,
  type SubscribeOptions,
  type Subscription,
  type SubscriptionAttributes,
  type SubscriptionDeliveryPolicy,
  type SubscriptionProtocol,
  type SubscriptionRedrivePolicy,
} from '@sealbus/core';

/**
 * Subscribe options as SNS subscription attributes, validated first with core's filter-policy
 * compiler so a bad policy fails with the same message on every backend. `filterPolicy: ''`
 * removes the policy.
 */
export function subscriptionAttributesToWire(
  options: Partial<SubscribeOptions>,
  currentScope: FilterPolicyScope = 'MessageAttributes',
): Record<string, string> {
  const wire: Record<string, string> = {};
  const scope = options.filterPolicyScope ?? currentScope;
  if (options.filterPolicyScope !== undefined) {
    if (scope !== 'MessageAttributes' && scope !== 'MessageBody') {
      throw new InvalidParameterError(
        `FilterPolicyScope must be MessageAttributes or MessageBody; got ${describeValue(scope)}`,
        { field: 'FilterPolicyScope' },
      );
    }
    wire.FilterPolicyScope = scope;
  }
  if (options.filterPolicy === '') {
    wire.FilterPolicy = '';
  } else if (options.filterPolicy !== undefined) {
    wire.FilterPolicy = JSON.stringify(compileFilterPolicy(options.filterPolicy, scope).policy);
  }
  for (const [name, value] of [
    ['DeliveryPolicy', options.deliveryPolicy],
    ['RedrivePolicy', options.redrivePolicy],
  ] as const) {
    // Validated by SNS itself: the AWS backend checks only what it must compute locally.
    if (value !== undefined) wire[name] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  if (options.rawMessageDelivery !== undefined) {
    if (typeof options.rawMessageDelivery !== 'boolean') {
      throw new InvalidParameterError(
        `RawMessageDelivery must be true or false; got ${describeValue(options.rawMessageDelivery)}`,
        { field: 'RawMessageDelivery' },
      );
    }
    wire.RawMessageDelivery = String(options.rawMessageDelivery);
  }
  return wire;
}

/** `GetSubscriptionAttributes` as a sealbus `Subscription`. */
export function subscriptionFromWire(arn: string, wire: Record<string, string>): Subscription {
  const attributes: SubscriptionAttributes = {
    filterPolicyScope:
      wire.FilterPolicyScope === 'MessageBody' ? 'MessageBody' : 'MessageAttributes',
    rawMessageDelivery: wire.RawMessageDelivery?.toLowerCase() === 'true',
  };
  if (wire.FilterPolicy !== undefined && wire.FilterPolicy !== '') {
    attributes.filterPolicy = JSON.parse(wire.FilterPolicy) as object;
  }
  if (wire.DeliveryPolicy !== undefined && wire.DeliveryPolicy !== '') {
    attributes.deliveryPolicy = JSON.parse(wire.DeliveryPolicy) as SubscriptionDeliveryPolicy;
  }
  if (wire.RedrivePolicy !== undefined && wire.RedrivePolicy !== '') {
    attributes.redrivePolicy = JSON.parse(wire.RedrivePolicy) as SubscriptionRedrivePolicy;
  }
  return {
    arn,
    topicArn: wire.TopicArn ?? arn.slice(0, arn.lastIndexOf(':')),
    protocol: (wire.Protocol ?? 'sqs') as SubscriptionProtocol,
    endpoint: wire.Endpoint ?? '',
    attributes,
    pendingConfirmation: wire.PendingConfirmation?.toLowerCase() === 'true',
  };
}
