import {
  type Broker,
  describeValue,
  InvalidParameterValueError,
  type MessageAttributes,
  md5OfMessageAttributes,
  md5OfMessageBody,
  type ReceivedMessage,
  type SendBatchEntry,
  type SendOptions,
  type SystemAttributes,
} from '@sealbus/core';
import type { SqsActions } from '../../protocols/sqs-query.js';
import { sqsBatchEntryCode } from '../../protocols/wire-errors.js';
import { wireBatchFailures } from '../batch.js';
import {
  type ActionInput,
  optionalInteger,
  optionalObjectList,
  optionalString,
  optionalStringList,
  requiredInteger,
  requiredString,
} from '../input.js';
import {
  readMessageAttributes,
  selectMessageAttributes,
  writeMessageAttributes,
} from '../message-attributes.js';
import { queueLookup } from './queueRefs.js';

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

/** SQS messages: send, receive, delete and change visibility, one at a time or in batches. */
export function sqsMessageActions(broker: Broker) {
  const queueFor = queueLookup(broker);

  return {
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
  } satisfies Partial<SqsActions>;
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
