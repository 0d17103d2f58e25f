import type { MessageAttributes } from '@sealbus/core';

/** The fields of an SNS `Notification` delivered to SQS without raw delivery. */
export interface SnsNotification {
  Type: 'Notification';
  MessageId: string;
  TopicArn: string;
  Message: string;
  Subject?: string;
  Timestamp?: string;
  MessageAttributes?: Record<string, { Type: string; Value: string }>;
  [field: string]: unknown;
}

/**
 * The SNS notification a body holds, or undefined. Detection is by shape (`Type`
 * `Notification`, string `MessageId`, `TopicArn` and `Message`), so ordinary JSON bodies are
 * never mistaken for one.
 */
export function parseSnsNotification(body: string): SnsNotification | undefined {
  if (!body.startsWith('{') || !body.includes('"Notification"')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const candidate = parsed as Partial<SnsNotification> | null;
  if (
    typeof candidate !== 'object' ||
    candidate === null ||
    candidate.Type !== 'Notification' ||
    typeof candidate.MessageId !== 'string' ||
    typeof candidate.TopicArn !== 'string' ||
    typeof candidate.Message !== 'string' ||
    !candidate.TopicArn.startsWith('arn:')
  ) {
    return undefined;
  }
  return candidate as SnsNotification;
}

/** The notification's `MessageAttributes` as sealbus attributes (`Binary` values are base64 there). */
export function notificationAttributes(notification: SnsNotification): MessageAttributes {
  const attributes: MessageAttributes = {};
  for (const [name, value] of Object.entries(notification.MessageAttributes ?? {})) {
    if (typeof value?.Type !== 'string' || typeof value.Value !== 'string') continue;
    attributes[name] = value.Type.startsWith('Binary')
      ? { dataType: value.Type, binaryValue: new Uint8Array(Buffer.from(value.Value, 'base64')) }
      : { dataType: value.Type, stringValue: value.Value };
  }
  return attributes;
}
