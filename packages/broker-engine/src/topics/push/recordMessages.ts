import type { EngineContext } from '../../engine/EngineContext.js';
import { newMessageId } from '../../engine/ids.js';
import type { SmsDetails } from '../../sms/smsDelivery.js';
import type { SubscriptionRecord, TopicRecord } from '../../store/MessageStore.js';
import { notificationFields, renderedMessageAttributes } from '../snsNotification.js';
import type { PublishedMessage } from './PushDeliveries.js';
import type { RecordedDelivery } from './RecordedDeliveries.js';

type RecordedProtocol = RecordedDelivery['protocol'];

export function isRecordedProtocol(protocol: string): protocol is RecordedProtocol {
  return protocol === 'email' || protocol === 'email-json' || protocol === 'sms';
}

/** The base of the links in recorded messages: the gateway's URL when it serves them. */
function serviceUrl(ctx: EngineContext): string {
  return ctx.push?.options.serviceUrl() || ctx.baseUrl;
}

/** Records the confirmation SNS would email to a new `email`/`email-json` subscription. */
export function recordConfirmation(
  ctx: EngineContext,
  topic: TopicRecord,
  subscription: SubscriptionRecord & { protocol: RecordedProtocol },
  token: string,
): void {
  const messageId = newMessageId();
  const now = ctx.clock.now();
  ctx.recorded.record({
    kind: 'SubscriptionConfirmation',
    protocol: subscription.protocol,
    endpoint: subscription.endpoint,
    topicArn: topic.arn,
    subscriptionArn: subscription.arn,
    messageId,
    body: JSON.stringify({
      Type: 'SubscriptionConfirmation',
      MessageId: messageId,
      Token: token,
      TopicArn: topic.arn,
      Message: `You have chosen to subscribe to the topic ${topic.arn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`,
      SubscribeURL: `${serviceUrl(ctx)}/?Action=ConfirmSubscription&TopicArn=${encodeURIComponent(topic.arn)}&Token=${token}`,
      Timestamp: new Date(now).toISOString(),
    }),
    timestamp: now,
  });
}

/**
 * Records what SNS would send: the text (email, sms) or the JSON notification (email-json); an
 * SMS with its type and sender id (`sms`).
 */
export function recordNotification(
  ctx: EngineContext,
  topic: TopicRecord,
  subscription: SubscriptionRecord & { protocol: RecordedProtocol },
  message: PublishedMessage,
  sms?: SmsDetails,
): void {
  let body = message.body;
  if (subscription.protocol === 'email-json') {
    const fields = notificationFields({
      messageId: message.messageId,
      topicArn: topic.arn,
      subscriptionArn: subscription.arn,
      region: ctx.region,
      message: message.body,
      subject: message.options.subject,
      timestamp: message.now,
    });
    fields.UnsubscribeURL = `${serviceUrl(ctx)}/?Action=Unsubscribe&SubscriptionArn=${encodeURIComponent(subscription.arn)}`;
    const attributes = renderedMessageAttributes(message.options.messageAttributes);
    if (attributes !== undefined) fields.MessageAttributes = attributes;
    body = JSON.stringify(fields);
  }
  ctx.recorded.record({
    kind: 'Notification',
    protocol: subscription.protocol,
    endpoint: subscription.endpoint,
    topicArn: topic.arn,
    subscriptionArn: subscription.arn,
    messageId: message.messageId,
    body,
    timestamp: message.now,
    ...sms,
  });
}

/** Records an SMS published straight to a number: no topic or subscription took part. */
export function recordSms(
  ctx: EngineContext,
  sms: { phoneNumber: string; messageId: string; body: string; details: SmsDetails },
): void {
  ctx.recorded.record({
    kind: 'Notification',
    protocol: 'sms',
    endpoint: sms.phoneNumber,
    topicArn: '',
    subscriptionArn: '',
    messageId: sms.messageId,
    body: sms.body,
    timestamp: ctx.clock.now(),
    ...sms.details,
  });
}
