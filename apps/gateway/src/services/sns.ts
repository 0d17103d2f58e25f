import { effectiveSubscriptionDeliveryPolicy } from '@sealbus/broker-engine';
import {
  type Broker,
  describeValue,
  formatTopicAttributes,
  InvalidParameterError,
  type MessageAttributes,
  NotFoundError,
  type PublishOptions,
  parseArn,
  parseTopicAttributeStrings,
  type ResolvedTopicAttributes,
  SnsResourceNotFoundError,
  type SubscribeOptions,
  type Subscription,
  type SubscriptionProtocol,
} from '@sealbus/core';
import { snsBatchEntryCode } from '../protocols/wire-errors.js';
import { wireBatchFailures } from './batch.js';
import type { Actions } from './context.js';
import {
  type ActionInput,
  optionalObjectList,
  optionalString,
  optionalStringList,
  optionalStringMap,
  requiredString,
} from './input.js';
import { readMessageAttributes } from './message-attributes.js';
import { pageAfter } from './pagination.js';

/** SNS returns at most 100 topics or subscriptions per page. */
const PAGE_SIZE = 100;

/** Subscription attributes this gateway evaluates; others would be silently ignored, so they fail. */
const SUBSCRIPTION_ATTRIBUTES = [
  'RawMessageDelivery',
  'FilterPolicy',
  'FilterPolicyScope',
  'DeliveryPolicy',
  'RedrivePolicy',
];

/** What Subscribe answers for a subscription awaiting confirmation (without ReturnSubscriptionArn). */
const PENDING_CONFIRMATION = 'pending confirmation';

/** The SNS actions over a `Broker` (Query protocol; inputs and outputs as JSON-model objects). */
export function snsActions(broker: Broker): Actions {
  const topicFor = (input: ActionInput) => broker.getTopic(requiredString(input, 'TopicArn'));
  // Tagging actions answer ResourceNotFound for a topic that does not exist.
  const taggedTopic = async (input: ActionInput) => {
    const arn = requiredString(input, 'ResourceArn');
    try {
      return await broker.getTopic(arn);
    } catch (error) {
      if (error instanceof NotFoundError) {
        throw new SnsResourceNotFoundError('Resource does not exist', { field: 'ResourceArn' });
      }
      throw error;
    }
  };

  return {
    async CreateTopic(input) {
      const tags = tagMap(input);
      const topic = await broker.createTopic(
        requiredString(input, 'Name'),
        parseTopicAttributeStrings(optionalStringMap(input, 'Attributes') ?? {}),
      );
      if (Object.keys(tags).length > 0) await topic.tag(tags);
      return { TopicArn: topic.arn };
    },

    async TagResource(input) {
      await (await taggedTopic(input)).tag(tagMap(input));
      return {};
    },

    async UntagResource(input) {
      await (await taggedTopic(input)).untag(optionalStringList(input, 'TagKeys') ?? []);
      return {};
    },

    async ListTagsForResource(input) {
      const tags = await (await taggedTopic(input)).listTags();
      return { Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) };
    },

    async AddPermission(input) {
      await (await topicFor(input)).addPermission({
        label: requiredString(input, 'Label'),
        accountIds: optionalStringList(input, 'AWSAccountId') ?? [],
        actions: optionalStringList(input, 'ActionName') ?? [],
      });
      return {};
    },

    async RemovePermission(input) {
      await (await topicFor(input)).removePermission(requiredString(input, 'Label'));
      return {};
    },

    async ConfirmSubscription(input) {
      const subscription = await broker.confirmSubscription(
        requiredString(input, 'TopicArn'),
        requiredString(input, 'Token'),
      );
      return { SubscriptionArn: subscription.arn };
    },

    async DeleteTopic(input) {
      await broker.deleteTopic(requiredString(input, 'TopicArn'));
      return {};
    },

    async ListTopics(input) {
      const arns = [...(await broker.listTopics())].sort();
      const page = pageAfter(arns, (arn) => arn, {
        pageSize: PAGE_SIZE,
        nextToken: optionalString(input, 'NextToken'),
      });
      return { Topics: page.items.map((arn) => ({ TopicArn: arn })), NextToken: page.nextToken };
    },

    async GetTopicAttributes(input) {
      const topic = await topicFor(input);
      const attributes = await topic.getAttributes();
      return {
        Attributes: {
          DisplayName: '',
          ...formatTopicAttributes(attributes as ResolvedTopicAttributes),
          EffectiveDeliveryPolicy: attributes.EffectiveDeliveryPolicy,
          TopicArn: topic.arn,
          Owner: parseArn(topic.arn, 'TopicArn').accountId,
          SubscriptionsConfirmed: String(attributes.SubscriptionsConfirmed),
          SubscriptionsPending: String(attributes.SubscriptionsPending),
          SubscriptionsDeleted: String(attributes.SubscriptionsDeleted),
        },
      };
    },

    async SetTopicAttributes(input) {
      const topic = await topicFor(input);
      const name = requiredString(input, 'AttributeName');
      await topic.setAttributes(
        parseTopicAttributeStrings({ [name]: optionalString(input, 'AttributeValue') ?? '' }),
      );
      return {};
    },

    async Subscribe(input) {
      const topic = await topicFor(input);
      const subscription = await topic.subscribe(
        {
          protocol: requiredString(input, 'Protocol') as SubscriptionProtocol,
          endpoint: optionalString(input, 'Endpoint') ?? '',
        },
        subscribeOptions(optionalStringMap(input, 'Attributes') ?? {}),
      );
      const returnArn = input.ReturnSubscriptionArn === true;
      return {
        SubscriptionArn:
          subscription.pendingConfirmation && !returnArn ? PENDING_CONFIRMATION : subscription.arn,
      };
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

    async Publish(input, context) {
      const topicArn = optionalString(input, 'TopicArn') ?? optionalString(input, 'TargetArn');
      if (topicArn === undefined) {
        throw new InvalidParameterError(
          'Invalid parameter: TopicArn or TargetArn is required (this gateway does not send SMS)',
          { field: 'TopicArn' },
        );
      }
      const topic = await broker.getTopic(topicArn);
      const { body, options } = publishRequest(input);
      const result = await topic.publish(body, { ...options, principal: context.principal });
      return { MessageId: result.messageId, SequenceNumber: result.sequenceNumber };
    },

    async PublishBatch(input, context) {
      const topic = await topicFor(input);
      const entries = (optionalObjectList(input, 'PublishBatchRequestEntries') ?? []).map(
        (entry) => {
          const { body, options } = publishRequest(entry);
          return { id: requiredString(entry, 'Id'), body, ...options };
        },
      );
      const result = await topic.publishBatch(entries, { principal: context.principal });
      return {
        Successful: result.successful.map((entry) => ({
          Id: entry.id,
          MessageId: entry.messageId,
          SequenceNumber: entry.sequenceNumber,
        })),
        Failed: wireBatchFailures(result.failed, snsBatchEntryCode),
      };
    },
  };
}

/**
 * The body and options of Publish and of each PublishBatch entry. With
 * `MessageStructure=json` the message is a JSON object of per-protocol texts: queues get its
 * `sqs` text, else `default`; message attributes are not delivered then (as on SNS).
 */
function publishRequest(input: ActionInput): {
  body: string;
  options: Omit<PublishOptions, 'principal'>;
} {
  const message = requiredString(input, 'Message');
  const structure = optionalString(input, 'MessageStructure');
  const options: Omit<PublishOptions, 'principal'> = {};
  const subject = optionalString(input, 'Subject');
  if (subject !== undefined) options.subject = subject;
  const groupId = optionalString(input, 'MessageGroupId');
  if (groupId !== undefined) options.messageGroupId = groupId;
  const deduplicationId = optionalString(input, 'MessageDeduplicationId');
  if (deduplicationId !== undefined) options.messageDeduplicationId = deduplicationId;
  if (structure === 'json') return { body: sqsTextOf(message), options };
  if (structure !== undefined) {
    throw new InvalidParameterError(
      `Invalid parameter: MessageStructure must be json when set; got ${describeValue(structure)}`,
      { field: 'MessageStructure' },
    );
  }
  const attributes: MessageAttributes | undefined = readMessageAttributes(input);
  if (attributes !== undefined && Object.keys(attributes).length > 0) {
    options.messageAttributes = attributes;
  }
  return { body: message, options };
}

function sqsTextOf(message: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch (cause) {
    throw new InvalidParameterError(
      'Invalid parameter: Message Structure - JSON message body failed to parse',
      { field: 'Message', cause },
    );
  }
  const texts = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<
    string,
    unknown
  >;
  const text = texts.sqs ?? texts.default;
  if (typeof texts.default !== 'string' || typeof text !== 'string') {
    throw new InvalidParameterError(
      'Invalid parameter: Message Structure - No default entry in JSON message body',
      { field: 'Message' },
    );
  }
  return text;
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
    } else if (name === 'DeliveryPolicy') {
      options.deliveryPolicy = value;
    } else if (name === 'RedrivePolicy') {
      options.redrivePolicy = value;
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
    PendingConfirmation: String(subscription.pendingConfirmation),
    ConfirmationWasAuthenticated: String(subscription.protocol === 'sqs'),
    RawMessageDelivery: String(attributes.rawMessageDelivery),
    ...(subscription.protocol === 'http' || subscription.protocol === 'https'
      ? { EffectiveDeliveryPolicy: effectiveSubscriptionDeliveryPolicy(attributes.deliveryPolicy) }
      : {}),
    ...(attributes.deliveryPolicy === undefined
      ? {}
      : { DeliveryPolicy: JSON.stringify(attributes.deliveryPolicy) }),
    ...(attributes.redrivePolicy === undefined
      ? {}
      : { RedrivePolicy: JSON.stringify(attributes.redrivePolicy) }),
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
      // SNS lists a subscription awaiting confirmation under this word, not its ARN.
      SubscriptionArn: s.pendingConfirmation ? 'PendingConfirmation' : s.arn,
      Owner: parseArn(s.topicArn, 'TopicArn').accountId,
      Protocol: s.protocol,
      Endpoint: s.endpoint,
      TopicArn: s.topicArn,
    })),
    NextToken: page.nextToken,
  };
}

/** `Tags` (a list of Key/Value) as a map; a tag without a key is refused. */
function tagMap(input: ActionInput): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const tag of optionalObjectList(input, 'Tags') ?? []) {
    tags[requiredString(tag, 'Key')] = optionalString(tag, 'Value') ?? '';
  }
  return tags;
}
