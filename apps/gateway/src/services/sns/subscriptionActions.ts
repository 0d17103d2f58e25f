import {
  type Broker,
  describeValue,
  InvalidParameterError,
  parseArn,
  type SubscribeOptions,
  type Subscription,
} from '@sealbus/core';
import type { SnsActions } from '../../protocols/sns-query.js';
import { optionalString, optionalStringMap, requiredString } from '../input.js';
import { pageAfter } from '../pagination.js';
import { PAGE_SIZE, topicLookup } from './topicRefs.js';

/** Subscription attributes this gateway evaluates; others would be silently ignored, so they fail. */
const SUBSCRIPTION_ATTRIBUTES = ['RawMessageDelivery', 'FilterPolicy', 'FilterPolicyScope'];

/** SNS subscriptions: subscribe, unsubscribe, list and attributes. */
export function snsSubscriptionActions(broker: Broker) {
  const topicFor = topicLookup(broker);

  return {
    async Subscribe(input) {
      const topic = await topicFor(input);
      const protocol = requiredString(input, 'Protocol');
      if (protocol !== 'sqs') {
        throw new InvalidParameterError(
          `Invalid parameter: Protocol ${describeValue(protocol)}: this gateway delivers only to SQS queues (Protocol=sqs)`,
          { field: 'Protocol' },
        );
      }
      const queue = await broker.getQueue(requiredString(input, 'Endpoint'));
      const subscription = await topic.subscribe(
        queue,
        subscribeOptions(optionalStringMap(input, 'Attributes') ?? {}),
      );
      return { SubscriptionArn: subscription.arn };
    },

    async Unsubscribe(input) {
      const subscription = await broker.getSubscription(requiredString(input, 'SubscriptionArn'));
      await (await broker.getTopic(subscription.topicArn)).unsubscribe(subscription.arn);
      return {};
    },

    async ListSubscriptions(input) {
      const subscriptions: Subscription[] = [];
      for (const arn of await broker.listTopics()) {
        subscriptions.push(...(await (await broker.getTopic(arn)).listSubscriptions()));
      }
      return subscriptionPage(subscriptions, optionalString(input, 'NextToken'));
    },

    async ListSubscriptionsByTopic(input) {
      const subscriptions = await (await topicFor(input)).listSubscriptions();
      return subscriptionPage(subscriptions, optionalString(input, 'NextToken'));
    },

    async GetSubscriptionAttributes(input) {
      const subscription = await broker.getSubscription(requiredString(input, 'SubscriptionArn'));
      return { Attributes: subscriptionAttributeStrings(subscription) };
    },

    async SetSubscriptionAttributes(input) {
      const arn = requiredString(input, 'SubscriptionArn');
      const name = requiredString(input, 'AttributeName');
      await broker.setSubscriptionAttributes(
        arn,
        subscribeOptions({ [name]: optionalString(input, 'AttributeValue') ?? '' }),
      );
      return {};
    },
  } satisfies Partial<SnsActions>;
}

function subscribeOptions(attributes: Readonly<Record<string, string>>): SubscribeOptions {
  const options: SubscribeOptions = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (!SUBSCRIPTION_ATTRIBUTES.includes(name)) {
      throw new InvalidParameterError(
        `Invalid parameter: Attributes Reason: ${name} is not supported by this gateway; use ${SUBSCRIPTION_ATTRIBUTES.join(', ')}`,
        { field: `Attributes.${name}` },
      );
    }
    if (name === 'RawMessageDelivery') {
      if (value !== 'true' && value !== 'false') {
        throw new InvalidParameterError(
          `Invalid parameter: Attributes Reason: RawMessageDelivery must be true or false; got ${describeValue(value)}`,
          { field: 'Attributes.RawMessageDelivery' },
        );
      }
      options.rawMessageDelivery = value === 'true';
    } else if (name === 'FilterPolicyScope') {
      if (value !== 'MessageAttributes' && value !== 'MessageBody') {
        throw new InvalidParameterError(
          `Invalid parameter: Attributes Reason: FilterPolicyScope must be MessageAttributes or MessageBody; got ${describeValue(value)}`,
          { field: 'Attributes.FilterPolicyScope' },
        );
      }
      options.filterPolicyScope = value;
    } else {
      options.filterPolicy = value;
    }
  }
  return options;
}

function subscriptionAttributeStrings(subscription: Subscription): Record<string, string> {
  const { attributes } = subscription;
  return {
    SubscriptionArn: subscription.arn,
    TopicArn: subscription.topicArn,
    Owner: parseArn(subscription.topicArn, 'TopicArn').accountId,
    Protocol: subscription.protocol,
    Endpoint: subscription.endpoint,
    PendingConfirmation: 'false',
    ConfirmationWasAuthenticated: 'true',
    RawMessageDelivery: String(attributes.rawMessageDelivery),
    ...(attributes.filterPolicy === undefined
      ? {}
      : {
          FilterPolicy: JSON.stringify(attributes.filterPolicy),
          FilterPolicyScope: attributes.filterPolicyScope,
        }),
  };
}

function subscriptionPage(subscriptions: readonly Subscription[], nextToken: string | undefined) {
  const sorted = [...subscriptions].sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
  const page = pageAfter(sorted, (s) => s.arn, { pageSize: PAGE_SIZE, nextToken });
  return {
    Subscriptions: page.items.map((s) => ({
      SubscriptionArn: s.arn,
      Owner: parseArn(s.topicArn, 'TopicArn').accountId,
      Protocol: s.protocol,
      Endpoint: s.endpoint,
      TopicArn: s.topicArn,
    })),
    NextToken: page.nextToken,
  };
}
