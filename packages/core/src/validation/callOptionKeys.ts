import type { SubscribeOptions } from '../types/attributes.js';
import type {
  PublishBatchEntry,
  PublishOptions,
  ReceiveOptions,
  SendBatchEntry,
  SendOptions,
} from '../types/messages.js';
import type { SmsPublishOptions } from '../types/sms.js';
import { defineOptionKeys } from './optionKeys.js';

/** `Queue.send` options. */
export const SEND_OPTION_KEYS = defineOptionKeys<SendOptions>('send options', {
  messageAttributes: true,
  delaySeconds: true,
  messageGroupId: true,
  messageDeduplicationId: true,
  awsTraceHeader: true,
  principal: true,
});

/** One `Queue.sendBatch` entry. */
export const SEND_BATCH_ENTRY_KEYS = defineOptionKeys<SendBatchEntry>('sendBatch entries', {
  id: true,
  body: true,
  messageAttributes: true,
  delaySeconds: true,
  messageGroupId: true,
  messageDeduplicationId: true,
  awsTraceHeader: true,
});

/** The options of `Queue.sendBatch` and `Topic.publishBatch` (the caller's identity only). */
export const BATCH_OPTION_KEYS = defineOptionKeys<Pick<SendOptions, 'principal'>>('batch options', {
  principal: true,
});

/** `Queue.receive` options. */
export const RECEIVE_OPTION_KEYS = defineOptionKeys<ReceiveOptions>('receive options', {
  maxMessages: true,
  waitTimeSeconds: true,
  visibilityTimeoutSeconds: true,
  principal: true,
  signal: true,
});

/** `Topic.publish` options. */
export const PUBLISH_OPTION_KEYS = defineOptionKeys<PublishOptions>('publish options', {
  messageAttributes: true,
  subject: true,
  messageGroupId: true,
  messageDeduplicationId: true,
  principal: true,
});

/** `Broker.publishSms` options. */
export const SMS_PUBLISH_OPTION_KEYS = defineOptionKeys<SmsPublishOptions>('publishSms options', {
  messageAttributes: true,
  subject: true,
});

/** One `Topic.publishBatch` entry. */
export const PUBLISH_BATCH_ENTRY_KEYS = defineOptionKeys<PublishBatchEntry>(
  'publishBatch entries',
  {
    id: true,
    body: true,
    messageAttributes: true,
    subject: true,
    messageGroupId: true,
    messageDeduplicationId: true,
  },
);

/** `Topic.subscribe` options. */
export const SUBSCRIBE_OPTION_KEYS = defineOptionKeys<SubscribeOptions>('subscribe options', {
  filterPolicy: true,
  filterPolicyScope: true,
  rawMessageDelivery: true,
  deliveryPolicy: true,
  redrivePolicy: true,
});
