import {
  type Broker,
  describeValue,
  InvalidParameterError,
  type MessageAttributes,
  type PublishOptions,
} from '@sealbus/core';
import type { SnsActions } from '../../protocols/sns-query.js';
import { wireBatchFailures } from '../batch.js';
import { type ActionInput, optionalObjectList, optionalString, requiredString } from '../input.js';
import { readMessageAttributes } from '../message-attributes.js';
import { topicLookup } from './topicRefs.js';

/** SNS publishing, one message or a batch. */
export function snsPublishActions(broker: Broker) {
  const topicFor = topicLookup(broker);

  return {
    async Publish(input, context) {
      const phoneNumber = optionalString(input, 'PhoneNumber');
      if (phoneNumber !== undefined) {
        const { body, options } = publishRequest(input, 'sms');
        const { subject, messageAttributes } = options;
        const result = await broker.publishSms(phoneNumber, body, {
          ...(subject === undefined ? {} : { subject }),
          ...(messageAttributes === undefined ? {} : { messageAttributes }),
        });
        return { MessageId: result.messageId };
      }
      const topicArn = optionalString(input, 'TopicArn') ?? optionalString(input, 'TargetArn');
      if (topicArn === undefined) {
        throw new InvalidParameterError(
          'Invalid parameter: TopicArn or TargetArn or PhoneNumber is required',
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
        Failed: wireBatchFailures(result.failed, 'sns'),
      };
    },
  } satisfies Partial<SnsActions>;
}

/**
 * The body and options of Publish and of each PublishBatch entry. With
 * `MessageStructure=json` the message is a JSON object of per-protocol texts: queues get its
 * `sqs` text (a phone number its `sms` text), else `default`; message attributes are not
 * delivered then (as on SNS).
 */
function publishRequest(
  input: ActionInput,
  protocol: 'sqs' | 'sms' = 'sqs',
): {
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
  if (structure === 'json') return { body: protocolTextOf(message, protocol), options };
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

function protocolTextOf(message: string, protocol: 'sqs' | 'sms'): string {
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
  const text = texts[protocol] ?? texts.default;
  if (typeof texts.default !== 'string' || typeof text !== 'string') {
    throw new InvalidParameterError(
      'Invalid parameter: Message Structure - No default entry in JSON message body',
      { field: 'Message' },
    );
  }
  return text;
}
