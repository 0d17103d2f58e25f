import {
  compileFilterPolicy,
  describeValue,
  InvalidParameterError,
  isQueueArn,
  type SubscribeOptions,
  type Subscription,
  type SubscriptionAttributes,
  type SubscriptionRedrivePolicy,
} from '@sealbus/core';
import type { SubscriptionRecord } from '../store/MessageStore.js';
import { resolveDeliveryPolicy } from './deliveryPolicy.js';

/**
 * Validates subscribe options (the filter policy compiles, the scope is known) and merges them
 * onto `existing` for `setSubscriptionAttributes`. A filter policy of `''` removes it, as on SNS.
 */
export function resolveSubscriptionAttributes(
  options: Partial<SubscribeOptions>,
  existing?: SubscriptionAttributes,
): SubscriptionAttributes {
  const resolved: SubscriptionAttributes = existing
    ? { ...existing }
    : { filterPolicyScope: 'MessageAttributes', rawMessageDelivery: false };
  if (options.filterPolicyScope !== undefined) {
    if (
      options.filterPolicyScope !== 'MessageAttributes' &&
      options.filterPolicyScope !== 'MessageBody'
    ) {
      throw new InvalidParameterError(
        `FilterPolicyScope must be MessageAttributes or MessageBody; got ${describeValue(options.filterPolicyScope)}`,
        { field: 'FilterPolicyScope' },
      );
    }
    resolved.filterPolicyScope = options.filterPolicyScope;
  }
  if (options.rawMessageDelivery !== undefined) {
    if (typeof options.rawMessageDelivery !== 'boolean') {
      throw new InvalidParameterError(
        `RawMessageDelivery must be true or false; got ${describeValue(options.rawMessageDelivery)}`,
        { field: 'RawMessageDelivery' },
      );
    }
    resolved.rawMessageDelivery = options.rawMessageDelivery;
  }
  if (options.deliveryPolicy === '') delete resolved.deliveryPolicy;
  else if (options.deliveryPolicy !== undefined) {
    resolved.deliveryPolicy = resolveDeliveryPolicy(options.deliveryPolicy);
  }
  if (options.redrivePolicy === '') delete resolved.redrivePolicy;
  else if (options.redrivePolicy !== undefined) {
    resolved.redrivePolicy = resolveSubscriptionRedrivePolicy(options.redrivePolicy);
  }
  if (options.filterPolicy === '') {
    delete resolved.filterPolicy;
  } else if (options.filterPolicy !== undefined) {
    resolved.filterPolicy = compileFilterPolicy(
      options.filterPolicy,
      resolved.filterPolicyScope,
    ).policy;
  } else if (resolved.filterPolicy !== undefined) {
    // The scope may have changed: the kept policy must still be valid under it.
    compileFilterPolicy(resolved.filterPolicy, resolved.filterPolicyScope);
  }
  return resolved;
}

/** A subscription `RedrivePolicy`: `{"deadLetterTargetArn": "<SQS queue ARN>"}`. */
function resolveSubscriptionRedrivePolicy(input: unknown): SubscriptionRedrivePolicy {
  let policy = input;
  if (typeof input === 'string') {
    try {
      policy = JSON.parse(input);
    } catch (cause) {
      throw new InvalidParameterError('Invalid parameter: RedrivePolicy: failed to parse JSON', {
        field: 'RedrivePolicy',
        cause,
      });
    }
  }
  const target = (policy as { deadLetterTargetArn?: unknown } | null)?.deadLetterTargetArn;
  if (typeof target !== 'string' || !isQueueArn(target)) {
    throw new InvalidParameterError(
      `Invalid parameter: RedrivePolicy: deadLetterTargetArn is an invalid arn; got ${describeValue(target)}`,
      { field: 'RedrivePolicy' },
    );
  }
  return { deadLetterTargetArn: target };
}

export function toSubscription(record: SubscriptionRecord): Subscription {
  return {
    arn: record.arn,
    topicArn: record.topicArn,
    protocol: record.protocol,
    endpoint: record.endpoint,
    attributes: record.attributes,
    pendingConfirmation: record.confirmationDigest !== undefined,
  };
}
