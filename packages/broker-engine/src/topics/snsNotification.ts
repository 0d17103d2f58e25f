import type { MessageAttributes } from '@sealbus/core';

/**
 * sealbus does not sign notifications; this fixed value fills the `Signature` field so
 * consumers that only parse the envelope work. Verify nothing against it.
 */
const UNSIGNED_SIGNATURE = Buffer.from('sealbus local delivery: not signed').toString('base64');
const SIGNING_CERT_ID = '0000000000000000000000000000000000000000';

export interface SnsNotificationInput {
  messageId: string;
  topicArn: string;
  subscriptionArn: string;
  region: string;
  message: string;
  subject?: string;
  /** Epoch ms. */
  timestamp: number;
  messageAttributes?: MessageAttributes;
}

/** The fields every SNS notification starts with, in SNS's order (the signed ones). */
export function notificationFields(input: SnsNotificationInput): Record<string, unknown> {
  const notification: Record<string, unknown> = {
    Type: 'Notification',
    MessageId: input.messageId,
    TopicArn: input.topicArn,
  };
  if (input.subject !== undefined) notification.Subject = input.subject;
  notification.Message = input.message;
  notification.Timestamp = new Date(input.timestamp).toISOString();
  return notification;
}

/** `MessageAttributes` as SNS renders them in a notification; undefined when there are none. */
export function renderedMessageAttributes(
  attributes: MessageAttributes | undefined,
): Record<string, { Type: string; Value: string }> | undefined {
  if (attributes === undefined || Object.keys(attributes).length === 0) return undefined;
  const rendered: Record<string, { Type: string; Value: string }> = {};
  for (const [name, value] of Object.entries(attributes)) {
    rendered[name] = {
      Type: value.dataType,
      Value:
        value.binaryValue === undefined
          ? (value.stringValue ?? '')
          : Buffer.from(value.binaryValue).toString('base64'),
    };
  }
  return rendered;
}

/**
 * The SQS body of a non-raw SNS delivery, field for field as SNS writes it (pretty-printed);
 * `Subject` and `MessageAttributes` are omitted when the publish had none.
 */
export function snsNotification(input: SnsNotificationInput): string {
  const notification = notificationFields(input);
  notification.SignatureVersion = '1';
  notification.Signature = UNSIGNED_SIGNATURE;
  notification.SigningCertURL = `https://sns.${input.region}.amazonaws.com/SimpleNotificationService-${SIGNING_CERT_ID}.pem`;
  notification.UnsubscribeURL = `https://sns.${input.region}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${input.subscriptionArn}`;
  const attributes = renderedMessageAttributes(input.messageAttributes);
  if (attributes !== undefined) notification.MessageAttributes = attributes;
  return JSON.stringify(notification, null, 2);
}
