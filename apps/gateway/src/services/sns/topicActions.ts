import {
  type Broker,
  formatTopicAttributes,
  InvalidParameterError,
  parseArn,
  parseTopicAttributeStrings,
  type ResolvedTopicAttributes,
} from '@sealbus/core';
import type { SnsActions } from '../../protocols/sns-query.js';
import { optionalObjectList, optionalString, optionalStringMap, requiredString } from '../input.js';
import { pageAfter } from '../pagination.js';
import { PAGE_SIZE, topicLookup } from './topicRefs.js';

/** SNS topic administration: create, delete, list and attributes. */
export function snsTopicActions(broker: Broker) {
  const topicFor = topicLookup(broker);

  return {
    async CreateTopic(input) {
      const tags = optionalObjectList(input, 'Tags') ?? [];
      if (tags.length > 0) {
        throw new InvalidParameterError(
          'Tags: this gateway does not store topic tags; create the topic without Tags',
          { field: 'Tags' },
        );
      }
      const topic = await broker.createTopic(
        requiredString(input, 'Name'),
        parseTopicAttributeStrings(optionalStringMap(input, 'Attributes') ?? {}),
      );
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
          ...formatTopicAttributes(attributes as ResolvedTopicAttributes),
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
