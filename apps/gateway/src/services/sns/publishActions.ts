import { messageTexts } from '@sealbus/broker-engine';
import {
  type Broker,
  InvalidParameterError,
  isPlatformEndpointArn,
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
      const targetArn = optionalString(input, 'TargetArn');
      if (targetArn !== undefined && isPlatformEndpointArn(targetArn)) {
        const { body, options } = publishRequest(input);
        const result = await broker.publishToEndpoint(targetArn, body, {
          ...options,
          principal: context.principal,
        });
        return { MessageId: result.messageId };
      }
      const topicArn = optionalString(input, 'TopicArn') ?? targetArn;
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
 * The body and options of Publish and of each PublishBatch entry. With `MessageStructure=json`
 * the message is a JSON object of per-protocol texts: topics and platform endpoints pick from it
 * in the broker (each protocol's own key, else `default`); a phone number gets its `sms` text,
 * picked here. Message attributes are not delivered then (as on SNS).
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
  if (structure !== undefined) {
    // One SMS takes one text; the broker refuses any structure but json, with SNS's error.
    if (protocol === 'sms') {
      return {
        body: messageTexts(message, { messageStructure: structure as 'json' })('sms'),
        options,
      };
    }
    return { body: message, options: { ...options, messageStructure: structure as 'json' } };
  }
  const attributes: MessageAttributes | undefined = readMessageAttributes(input);
  if (attributes !== undefined && Object.keys(attributes).length > 0) {
    options.messageAttributes = attributes;
  }
  return { body: message, options };
}
