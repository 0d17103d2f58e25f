import { type Broker, NotFoundError, SnsResourceNotFoundError } from '@sealbus/core';
import type { SnsActions } from '../../protocols/sns-query.js';
import {
  type ActionInput,
  optionalObjectList,
  optionalString,
  optionalStringList,
  requiredString,
} from '../input.js';
import { topicLookup } from './topicRefs.js';

/** SNS topic tags, the topic policy's permissions, and subscription confirmation. */
export function snsPermissionActions(broker: Broker) {
  const topicFor = topicLookup(broker);
  // Tagging actions answer ResourceNotFound for a topic that does not exist.
  const taggedTopic = async (input: ActionInput) => {
    try {
      return await broker.getTopic(requiredString(input, 'ResourceArn'));
    } catch (error) {
      if (error instanceof NotFoundError) {
        throw new SnsResourceNotFoundError('Resource does not exist', { field: 'ResourceArn' });
      }
      throw error;
    }
  };

  return {
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
  } satisfies Partial<SnsActions>;
}

/** `Tags` (a list of Key/Value) as a map; a tag without a key is refused. */
export function tagMap(input: ActionInput): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const tag of optionalObjectList(input, 'Tags') ?? []) {
    tags[requiredString(tag, 'Key')] = optionalString(tag, 'Value') ?? '';
  }
  return tags;
}
