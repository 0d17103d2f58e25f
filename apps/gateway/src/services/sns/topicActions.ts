import {
  type Broker,
  formatTopicAttributes,
  parseArn,
  parseTopicAttributeStrings,
  type ResolvedTopicAttributes,
} from '@sealbus/core';
import type { SnsActions } from '../../protocols/sns-query.js';
import { optionalString, optionalStringMap, requiredString } from '../input.js';
import { pageAfter } from '../pagination.js';
import { tagMap } from './permissionActions.js';
import { PAGE_SIZE, topicLookup } from './topicRefs.js';

/** SNS topic administration: create, delete, list and attributes. */
export function snsTopicActions(broker: Broker) {
  const topicFor = topicLookup(broker);

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
  } satisfies Partial<SnsActions>;
}
