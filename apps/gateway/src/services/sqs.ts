import {
  type Broker,
  DEFAULT_ACCOUNT_ID,
  describeValue,
  formatQueueAttributes,
  InvalidAttributeNameError,
  InvalidParameterValueError,
  type MessageAttributes,
  type MoveTask,
  md5OfMessageAttributes,
  md5OfMessageBody,
  parseQueueArn,
  parseQueueAttributeStrings,
  parseQueueUrl,
  QUEUE_ATTRIBUTE_NAMES,
  type Queue,
  type QueueAttributes,
  type QueueCounters,
  QueueDoesNotExistError,
  queueNameFrom,
  queueUrl,
  READ_ONLY_QUEUE_ATTRIBUTE_NAMES,
  type ReceivedMessage,
  type ResolvedQueueAttributes,
  type SendBatchEntry,
  type SendOptions,
  type SystemAttributes,
  validateQueueTags,
} from '@sealbus/core';
import { sqsBatchEntryCode } from '../protocols/wire-errors.js';
import { wireBatchFailures } from './batch.js';
import type { ActionContext, Actions } from './context.js';
import {
  type ActionInput,
  optionalInteger,
  optionalObjectList,
  optionalString,
  optionalStringList,
  optionalStringMap,
  requiredInteger,
  requiredString,
} from './input.js';
import {
  readMessageAttributes,
  selectMessageAttributes,
  writeMessageAttributes,
} from './message-attributes.js';
import { pageAfter } from './pagination.js';

/** Message system attributes ReceiveMessage may return (`All` selects every one). */
const SYSTEM_ATTRIBUTE_NAMES = [
  'SenderId',
  'SentTimestamp',
  'ApproximateReceiveCount',
  'ApproximateFirstReceiveTimestamp',
  'SequenceNumber',
  'MessageDeduplicationId',
  'MessageGroupId',
  'AWSTraceHeader',
  'DeadLetterQueueSourceArn',
] as const satisfies ReadonlyArray<keyof SystemAttributes>;

const QUEUE_ATTRIBUTE_READ_NAMES = new Set<string>([
  ...QUEUE_ATTRIBUTE_NAMES,
  ...READ_ONLY_QUEUE_ATTRIBUTE_NAMES,
]);

const LIST_QUEUES_MAX = 1000;

/**
 * The SQS actions over a `Broker`, shared by the JSON 1.0 and Query protocols: inputs and
 * outputs are JSON-model objects (blobs in base64), queue URLs are built on the request's host.
 */
export function sqsActions(broker: Broker): Actions {
  const queueFor = (input: ActionInput) =>
    broker.getQueue(queueNameFrom(requiredString(input, 'QueueUrl'), 'QueueUrl'));

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
      const maxResults = optionalInteger(input, 'MaxResults', { min: 1, max: LIST_QUEUES_MAX });
      const urls = await broker.listQueues(optionalString(input, 'QueueNamePrefix'));
      const names = urls.map((url) => parseQueueUrl(url)).sort(byQueueName);
      const page = pageAfter(names, (q) => q.queueName, {
        pageSize: maxResults ?? LIST_QUEUES_MAX,
        nextToken: optionalString(input, 'NextToken'),
      });
      return {
        QueueUrls: page.items.map((q) => reachableUrl(q.queueName, q.accountId, context)),
        // SQS returns a NextToken only to callers that paginate with MaxResults.
        NextToken: maxResults === undefined ? undefined : page.nextToken,
      };
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

    async SendMessage(input, context) {
      const queue = await queueFor(input);
      const body = requiredString(input, 'MessageBody');
      const options = sendOptions(input);
      const result = await queue.send(body, { ...options, principal: context.principal });
      return {
        MessageId: result.messageId,
        MD5OfMessageBody: result.md5OfMessageBody,
        MD5OfMessageAttributes: md5OfMessageAttributes(options.messageAttributes),
        MD5OfMessageSystemAttributes: md5OfSystemAttributes(options.awsTraceHeader),
        SequenceNumber: result.sequenceNumber,
      };
    },

    async SendMessageBatch(input, context) {
      const queue = await queueFor(input);
      const entries: SendBatchEntry[] = (optionalObjectList(input, 'Entries') ?? []).map(
        (entry) => ({
          id: requiredString(entry, 'Id'),
          body: requiredString(entry, 'MessageBody'),
          ...sendOptions(entry),
        }),
      );
      const byId = new Map(entries.map((entry) => [entry.id, entry]));
      const result = await queue.sendBatch(entries, { principal: context.principal });
      return {
        Successful: result.successful.map((sent) => ({
          Id: sent.id,
          MessageId: sent.messageId,
          MD5OfMessageBody: sent.md5OfMessageBody,
          MD5OfMessageAttributes: md5OfMessageAttributes(byId.get(sent.id)?.messageAttributes),
          MD5OfMessageSystemAttributes: md5OfSystemAttributes(byId.get(sent.id)?.awsTraceHeader),
          SequenceNumber: sent.sequenceNumber,
        })),
        Failed: wireBatchFailures(result.failed, sqsBatchEntryCode),
      };
    },

    async ReceiveMessage(input, context) {
      const queue = await queueFor(input);
      const systemNames = [
        ...(optionalStringList(input, 'AttributeNames') ?? []),
        ...(optionalStringList(input, 'MessageSystemAttributeNames') ?? []),
      ];
      const attributeNames = optionalStringList(input, 'MessageAttributeNames') ?? [];
      const messages = await queue.receive({
        maxMessages: optionalInteger(input, 'MaxNumberOfMessages'),
        waitTimeSeconds: optionalInteger(input, 'WaitTimeSeconds'),
        visibilityTimeoutSeconds: optionalInteger(input, 'VisibilityTimeout'),
        principal: context.principal,
        signal: context.signal,
      });
      if (messages.length === 0) return {};
      return {
        Messages: messages.map((message) => wireMessage(message, systemNames, attributeNames)),
      };
    },

    async DeleteMessage(input) {
      const queue = await queueFor(input);
      await queue.delete(requiredString(input, 'ReceiptHandle'));
      return {};
    },

    async DeleteMessageBatch(input) {
      const queue = await queueFor(input);
      const result = await queue.deleteBatch(
        (optionalObjectList(input, 'Entries') ?? []).map((entry) => ({
          id: requiredString(entry, 'Id'),
          receiptHandle: requiredString(entry, 'ReceiptHandle'),
        })),
      );
      return {
        Successful: result.successful.map((entry) => ({ Id: entry.id })),
        Failed: wireBatchFailures(result.failed, sqsBatchEntryCode),
      };
    },

    async ChangeMessageVisibility(input) {
      const queue = await queueFor(input);
      await queue.changeVisibility(
        requiredString(input, 'ReceiptHandle'),
        requiredInteger(input, 'VisibilityTimeout'),
      );
      return {};
    },

    async ChangeMessageVisibilityBatch(input) {
      const queue = await queueFor(input);
      const result = await queue.changeVisibilityBatch(
        (optionalObjectList(input, 'Entries') ?? []).map((entry) => ({
          id: requiredString(entry, 'Id'),
          receiptHandle: requiredString(entry, 'ReceiptHandle'),
          visibilityTimeoutSeconds: requiredInteger(entry, 'VisibilityTimeout'),
        })),
      );
      return {
        Successful: result.successful.map((entry) => ({ Id: entry.id })),
        Failed: wireBatchFailures(result.failed, sqsBatchEntryCode),
      };
    },

    async PurgeQueue(input) {
      await (await queueFor(input)).purge();
      return {};
    },

    async ListDeadLetterSourceQueues(input, context) {
      const queue = await queueFor(input);
      const maxResults = optionalInteger(input, 'MaxResults', { min: 1, max: LIST_QUEUES_MAX });
      const sources = (await broker.listDeadLetterSourceQueues(queue.name))
        .map(queueReference)
        .sort(byQueueName);
      const page = pageAfter(sources, (q) => q.queueName, {
        pageSize: maxResults ?? LIST_QUEUES_MAX,
        nextToken: optionalString(input, 'NextToken'),
      });
      return {
        queueUrls: page.items.map((q) => reachableUrl(q.queueName, q.accountId, context)),
        NextToken: maxResults === undefined ? undefined : page.nextToken,
      };
    },

    async StartMessageMoveTask(input) {
      const task = await broker.startMessageMove({
        sourceArn: requiredString(input, 'SourceArn'),
        destinationArn: optionalString(input, 'DestinationArn'),
        maxPerSecond: optionalInteger(input, 'MaxNumberOfMessagesPerSecond'),
      });
      return { TaskHandle: task.taskHandle };
    },

    async ListMessageMoveTasks(input) {
      const tasks = await broker.listMessageMoveTasks(
        requiredString(input, 'SourceArn'),
        optionalInteger(input, 'MaxResults'),
      );
      return { Results: tasks.map(wireMoveTask) };
    },

    async CancelMessageMoveTask(input) {
      const task = await broker.cancelMessageMoveTask(requiredString(input, 'TaskHandle'));
      return { ApproximateNumberOfMessagesMoved: task.approximateNumberOfMessagesMoved };
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

    async ListQueueTags(input) {
      const tags = await (await queueFor(input)).listTags();
      return Object.keys(tags).length === 0 ? {} : { Tags: tags };
    },
  };
}

/** The options SendMessage and each SendMessageBatch entry share. */
function sendOptions(input: ActionInput): Omit<SendOptions, 'principal'> {
  const options: Omit<SendOptions, 'principal'> = {};
  const messageAttributes = readMessageAttributes(input);
  if (messageAttributes !== undefined && Object.keys(messageAttributes).length > 0) {
    options.messageAttributes = messageAttributes;
  }
  const delaySeconds = optionalInteger(input, 'DelaySeconds');
  if (delaySeconds !== undefined) options.delaySeconds = delaySeconds;
  const groupId = optionalString(input, 'MessageGroupId');
  if (groupId !== undefined) options.messageGroupId = groupId;
  const deduplicationId = optionalString(input, 'MessageDeduplicationId');
  if (deduplicationId !== undefined) options.messageDeduplicationId = deduplicationId;
  const system = readMessageAttributes(input, 'MessageSystemAttributes');
  if (system !== undefined) {
    for (const [name, value] of Object.entries(system)) {
      if (name !== 'AWSTraceHeader' || value.stringValue === undefined) {
        throw new InvalidParameterValueError(
          `MessageSystemAttributes supports only AWSTraceHeader as a String; got ${describeValue(name)}`,
          { field: `MessageSystemAttributes.${name}` },
        );
      }
      options.awsTraceHeader = value.stringValue;
    }
  }
  return options;
}

function md5OfSystemAttributes(awsTraceHeader: string | undefined): string | undefined {
  if (awsTraceHeader === undefined) return undefined;
  return md5OfMessageAttributes({
    AWSTraceHeader: { dataType: 'String', stringValue: awsTraceHeader },
  });
}

function wireMessage(
  message: ReceivedMessage,
  systemNames: readonly string[],
  attributeNames: readonly string[],
): Record<string, unknown> {
  const attributes: Record<string, string> = {};
  const all = systemNames.includes('All');
  for (const name of SYSTEM_ATTRIBUTE_NAMES) {
    const value = message.attributes[name];
    if (value !== undefined && (all || systemNames.includes(name))) {
      attributes[name] = String(value);
    }
  }
  const selected: MessageAttributes = selectMessageAttributes(
    message.messageAttributes,
    attributeNames,
  );
  const hasAttributes = Object.keys(selected).length > 0;
  return {
    MessageId: message.messageId,
    ReceiptHandle: message.receiptHandle,
    // Over the body actually returned, which is the envelope for a sealed message.
    MD5OfBody: md5OfMessageBody(message.body),
    Body: message.body,
    Attributes: Object.keys(attributes).length > 0 ? attributes : undefined,
    MD5OfMessageAttributes: hasAttributes ? md5OfMessageAttributes(selected) : undefined,
    MessageAttributes: hasAttributes ? writeMessageAttributes(selected) : undefined,
  };
}

function wireMoveTask(task: MoveTask): Record<string, unknown> {
  return {
    TaskHandle: task.status === 'RUNNING' ? task.taskHandle : undefined,
    Status: task.status,
    SourceArn: task.sourceArn,
    DestinationArn: task.destinationArn,
    MaxNumberOfMessagesPerSecond: task.maxNumberOfMessagesPerSecond,
    ApproximateNumberOfMessagesMoved: task.approximateNumberOfMessagesMoved,
    ApproximateNumberOfMessagesToMove: task.approximateNumberOfMessagesToMove,
    FailureReason: task.failureReason,
    StartedTimestamp: task.startedTimestamp,
  };
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

/** A queue's name and account from its ARN or URL (backends may report either). */
function queueReference(arnOrUrl: string): { queueName: string; accountId?: string } {
  return arnOrUrl.startsWith('arn:') ? parseQueueArn(arnOrUrl) : parseQueueUrl(arnOrUrl);
}

function byQueueName(a: { queueName: string }, b: { queueName: string }): number {
  return a.queueName < b.queueName ? -1 : a.queueName > b.queueName ? 1 : 0;
}

/** The queue's URL on the host the client used, so the client can reach it. */
function urlOf(queue: Queue, context: ActionContext): string {
  return reachableUrl(queue.name, parseQueueArn(queue.arn).accountId, context);
}

function reachableUrl(name: string, accountId: string | undefined, context: ActionContext): string {
  return queueUrl(name, { baseUrl: context.origin, accountId: accountId ?? DEFAULT_ACCOUNT_ID });
}
