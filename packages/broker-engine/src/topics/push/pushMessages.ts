import type { MessageAttributes } from '@sealbus/core';
import { notificationFields, renderedMessageAttributes } from '../snsNotification.js';
import { type NotificationSigner, signMessage } from './signedMessage.js';

export interface PushContext {
  signer: NotificationSigner;
  serviceUrl: string;
  signatureVersion: '1' | '2';
  topicArn: string;
}

/** The `SubscriptionConfirmation` SNS posts to a new http/https subscription. */
export function confirmationMessage(
  ctx: PushContext,
  messageId: string,
  token: string,
  timestamp: number,
): string {
  const subscribeUrl = `${ctx.serviceUrl}/?Action=ConfirmSubscription&TopicArn=${encodeURIComponent(ctx.topicArn)}&Token=${token}`;
  const message = {
    Type: 'SubscriptionConfirmation',
    MessageId: messageId,
    Token: token,
    TopicArn: ctx.topicArn,
    Message: `You have chosen to subscribe to the topic ${ctx.topicArn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`,
    SubscribeURL: subscribeUrl,
    Timestamp: new Date(timestamp).toISOString(),
  };
  return JSON.stringify(signMessage(message, ctx.signer, ctx.signatureVersion, ctx.serviceUrl));
}

export interface PushNotificationInput {
  messageId: string;
  subscriptionArn: string;
  message: string;
  subject?: string;
  timestamp: number;
  messageAttributes?: MessageAttributes;
}

/** A signed `Notification` as SNS posts it to http/https endpoints. */
export function notificationMessage(ctx: PushContext, input: PushNotificationInput): string {
  const fields = notificationFields({ ...input, topicArn: ctx.topicArn, region: '' });
  const signed = signMessage(fields, ctx.signer, ctx.signatureVersion, ctx.serviceUrl);
  signed.UnsubscribeURL = `${ctx.serviceUrl}/?Action=Unsubscribe&SubscriptionArn=${encodeURIComponent(input.subscriptionArn)}`;
  const attributes = renderedMessageAttributes(input.messageAttributes);
  if (attributes !== undefined) signed.MessageAttributes = attributes;
  return JSON.stringify(signed);
}

/** The headers SNS sends with every http/https POST. */
export function pushHeaders(
  type: 'SubscriptionConfirmation' | 'Notification',
  messageId: string,
  topicArn: string,
  subscriptionArn: string | undefined,
  options: { raw?: boolean; contentType?: string } = {},
): Record<string, string> {
  return {
    'content-type': options.contentType ?? 'text/plain; charset=UTF-8',
    'user-agent': 'Amazon Simple Notification Service Agent',
    'x-amz-sns-message-type': type,
    'x-amz-sns-message-id': messageId,
    'x-amz-sns-topic-arn': topicArn,
    ...(subscriptionArn === undefined ? {} : { 'x-amz-sns-subscription-arn': subscriptionArn }),
    ...(options.raw ? { 'x-amz-sns-rawdelivery': 'true' } : {}),
  };
}
