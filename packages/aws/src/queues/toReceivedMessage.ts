import type { Message } from '@aws-sdk/client-sqs';
import {
  type MessageAttributes,
  md5OfMessageAttributes,
  md5OfMessageBody,
  type Principal,
  type ReceivedMessage,
  type SealedBody,
} from '@sealbus/core';
import type { AwsContext } from '../AwsContext.js';
import { ENVELOPE_ATTRIBUTE } from '../sse/envelopeMarker.js';
import { serverSealedEnvelope } from '../sse/serverSealedBody.js';
import { notificationAttributes, parseSnsNotification } from '../topics/snsNotification.js';
import { fromSqsMessageAttributes } from '../wire/messageAttributes.js';
import { fromSqsSystemAttributes } from '../wire/systemAttributes.js';

interface Content {
  body: string;
  messageAttributes: MessageAttributes;
  sealed?: SealedBody;
}

/**
 * An SQS message as the local backends deliver it: client-side sealed bodies opened (or
 * delivered `sealed` when KMS refuses), a body the sealbus gateway delivered sealed tried once more
 * with this caller's KMS access (KMS then names the reason), and with `unwrapSnsNotifications`
 * the SNS envelope removed.
 */
export async function toReceivedMessage(
  ctx: AwsContext,
  queueArn: string,
  message: Message,
  principal: Principal | undefined,
): Promise<ReceivedMessage> {
  const wireBody = message.Body ?? '';
  const attributes = fromSqsSystemAttributes(message.Attributes);
  const content = await openContent(
    ctx,
    { body: wireBody, messageAttributes: fromSqsMessageAttributes(message.MessageAttributes) },
    principal,
  );
  const serverSealed =
    content.sealed === undefined ? serverSealedEnvelope(content.body) : undefined;
  if (serverSealed !== undefined) {
    // SSE context: the queue the message was first sent to (a DLQ keeps the source's context).
    const context = { 'aws:sqs:arn': attributes.DeadLetterQueueSourceArn ?? queueArn };
    Object.assign(
      content,
      await ctx.sealer.openEnvelope(serverSealed, context, content.body, principal),
    );
  }
  const base = {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    md5OfBody:
      content.body === wireBody && message.MD5OfBody !== undefined
        ? message.MD5OfBody
        : md5OfMessageBody(content.body),
    attributes,
    messageAttributes: content.messageAttributes,
  };
  const received: ReceivedMessage =
    content.sealed === undefined
      ? { state: 'open', ...base, body: content.body }
      : { state: 'sealed', ...base, ...content.sealed };
  const md5OfAttributes = md5OfMessageAttributes(content.messageAttributes);
  if (md5OfAttributes !== undefined) received.md5OfMessageAttributes = md5OfAttributes;
  return received;
}

async function openContent(
  ctx: AwsContext,
  content: Content,
  principal: Principal | undefined,
): Promise<Content> {
  if (ENVELOPE_ATTRIBUTE in content.messageAttributes) {
    return ctx.sealer.open(content.body, content.messageAttributes, principal);
  }
  const notification = parseSnsNotification(content.body);
  if (notification === undefined) return content;
  const inner = notificationAttributes(notification);
  const sealedInside = ENVELOPE_ATTRIBUTE in inner;
  if (!sealedInside && !ctx.unwrapSnsNotifications) return content;
  const opened = sealedInside
    ? await ctx.sealer.open(notification.Message, inner, principal)
    : { body: notification.Message, messageAttributes: inner };
  if (ctx.unwrapSnsNotifications) {
    return {
      ...opened,
      messageAttributes: { ...content.messageAttributes, ...opened.messageAttributes },
    };
  }
  // Keep the SNS envelope, as the local backends deliver it, with the opened message inside.
  const { [ENVELOPE_ATTRIBUTE]: _marker, ...wireAttributes } = notification.MessageAttributes ?? {};
  const rewrapped = { ...notification, Message: opened.body };
  if (Object.keys(wireAttributes).length > 0) rewrapped.MessageAttributes = wireAttributes;
  else delete rewrapped.MessageAttributes;
  return {
    body: opened.sealed === undefined ? JSON.stringify(rewrapped, null, 2) : content.body,
    messageAttributes: content.messageAttributes,
    ...(opened.sealed === undefined ? {} : { sealed: opened.sealed }),
  };
}
