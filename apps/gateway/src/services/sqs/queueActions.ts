import {
  type Broker,
  describeValue,
  formatQueueAttributes,
  InvalidAttributeNameError,
  parseQueueArn,
  parseQueueAttributeStrings,
  QUEUE_ATTRIBUTE_NAMES,
  type QueueAttributes,
  type QueueCounters,
  QueueDoesNotExistError,
  queueNameFrom,
  READ_ONLY_QUEUE_ATTRIBUTE_NAMES,
  type ResolvedQueueAttributes,
  validateQueueTags,
} from '@sealbus/core';
import type { SqsActions } from '../../protocols/sqs-query.js';
import { optionalString, optionalStringList, optionalStringMap, requiredString } from '../input.js';
import { queueLookup, queueUrlPage, urlOf } from './queueRefs.js';

const QUEUE_ATTRIBUTE_READ_NAMES = new Set<string>([
  ...QUEUE_ATTRIBUTE_NAMES,
  ...READ_ONLY_QUEUE_ATTRIBUTE_NAMES,
]);

/** SQS queue administration: create, find, list, delete, attributes, purge and tags. */
export function sqsQueueActions(broker: Broker) {
  const queueFor = queueLookup(broker);

  return {
    async CreateQueue(input, context) {
      const name = requiredString(input, 'QueueName');
      const attributes = parseQueueAttributeStrings(optionalStringMap(input, 'Attributes') ?? {});
      const tags = optionalStringMap(input, 'tags') ?? {};
      const tagged = Object.keys(tags).length > 0;
      // Checked before the queue exists, so bad tags never leave an untagged queue behind.
      if (tagged) validateQueueTags(tags, {}, name);
      const queue = await broker.createQueue(name, attributes);
      if (tagged) await queue.tag(tags);
      return { QueueUrl: urlOf(queue, context) };
    },

    async GetQueueUrl(input, context) {
      const name = queueNameFrom(requiredString(input, 'QueueName'), 'QueueName');
      const queue = await broker.getQueue(name);
      // "The Amazon Web Services account ID of the account that created the queue": another
      // account's queue of that name is not this one.
      const owner = optionalString(input, 'QueueOwnerAWSAccountId');
      if (owner !== undefined && owner !== parseQueueArn(queue.arn).accountId) {
        throw new QueueDoesNotExistError(
          `Queue ${describeValue(name)} does not exist in account ${describeValue(owner)}.`,
          { field: 'QueueOwnerAWSAccountId' },
        );
      }
      return { QueueUrl: urlOf(queue, context) };
    },

    async ListQueues(input, context) {
      const urls = await broker.listQueues(optionalString(input, 'QueueNamePrefix'));
      const page = queueUrlPage(urls, input, context);
      return { QueueUrls: page.urls, NextToken: page.nextToken };
    },

    async DeleteQueue(input) {
      await broker.deleteQueue(queueNameFrom(requiredString(input, 'QueueUrl'), 'QueueUrl'));
      return {};
    },

    async GetQueueAttributes(input) {
      const queue = await queueFor(input);
      const wanted = optionalStringList(input, 'AttributeNames') ?? [];
      for (const name of wanted) {
        if (name !== 'All' && !QUEUE_ATTRIBUTE_READ_NAMES.has(name)) {
          throw new InvalidAttributeNameError(
            `Unknown Attribute ${name}. Use one of All, ${[...QUEUE_ATTRIBUTE_READ_NAMES].join(', ')}.`,
            { field: 'AttributeNames' },
          );
        }
      }
      if (wanted.length === 0) return {};
      const all = queueAttributeStrings(await queue.getAttributes());
      const selected = wanted.includes('All')
        ? all
        : Object.fromEntries(Object.entries(all).filter(([name]) => wanted.includes(name)));
      return Object.keys(selected).length === 0 ? {} : { Attributes: selected };
    },

    async SetQueueAttributes(input) {
      const queue = await queueFor(input);
      await queue.setAttributes(
        parseQueueAttributeStrings(optionalStringMap(input, 'Attributes') ?? {}),
      );
      return {};
    },

    async PurgeQueue(input) {
      await (await queueFor(input)).purge();
      return {};
    },

    async TagQueue(input) {
      const queue = await queueFor(input);
      await queue.tag(optionalStringMap(input, 'Tags') ?? {});
      return {};
    },

    async UntagQueue(input) {
      const queue = await queueFor(input);
      await queue.untag(optionalStringList(input, 'TagKeys') ?? []);
      return {};
    },

    async ListQueueTags(input) {
      const tags = await (await queueFor(input)).listTags();
      return Object.keys(tags).length === 0 ? {} : { Tags: tags };
    },

    async AddPermission(input) {
      const queue = await queueFor(input);
      await queue.addPermission({
        label: requiredString(input, 'Label'),
        awsAccountIds: optionalStringList(input, 'AWSAccountIds') ?? [],
        actions: optionalStringList(input, 'Actions') ?? [],
      });
      return {};
    },

    async RemovePermission(input) {
      const queue = await queueFor(input);
      await queue.removePermission(requiredString(input, 'Label'));
      return {};
    },
  } satisfies Partial<SqsActions>;
}

/** Every readable attribute in its SQS string form. */
function queueAttributeStrings(
  attributes: QueueAttributes & QueueCounters,
): Record<string, string> {
  return {
    ...formatQueueAttributes(attributes as ResolvedQueueAttributes),
    QueueArn: attributes.QueueArn,
    ApproximateNumberOfMessages: String(attributes.ApproximateNumberOfMessages),
    ApproximateNumberOfMessagesNotVisible: String(attributes.ApproximateNumberOfMessagesNotVisible),
    ApproximateNumberOfMessagesDelayed: String(attributes.ApproximateNumberOfMessagesDelayed),
    CreatedTimestamp: String(attributes.CreatedTimestamp),
    LastModifiedTimestamp: String(attributes.LastModifiedTimestamp),
  };
}
