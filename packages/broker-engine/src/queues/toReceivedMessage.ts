import {
  md5OfMessageAttributes,
  md5OfMessageBody,
  type Principal,
  type ReceivedMessage,
  type SystemAttributes,
} from '@sealbus/core';
import type { EngineContext } from '../engine/EngineContext.js';
import { queueEncryptionContext } from '../sse/BodySealer.js';
import type { QueueRecord, StoredMessage } from '../store/MessageStore.js';

/** A claimed message as the consumer sees it: opened for `principal`, or sealed with the reason. */
export async function toReceivedMessage(
  ctx: EngineContext,
  queue: QueueRecord,
  stored: StoredMessage,
  principal: Principal | undefined,
): Promise<ReceivedMessage> {
  const opened = await ctx.sealer.open(
    stored.body,
    stored.encryptionContext ?? queueEncryptionContext(queue.arn),
    principal,
  );
  const received: ReceivedMessage = {
    messageId: stored.messageId,
    receiptHandle: stored.receiptHandle ?? '',
    body: opened.body,
    md5OfBody: md5OfMessageBody(opened.body),
    attributes: systemAttributes(stored),
    messageAttributes: stored.messageAttributes,
  };
  const md5OfAttributes = md5OfMessageAttributes(stored.messageAttributes);
  if (md5OfAttributes !== undefined) received.md5OfMessageAttributes = md5OfAttributes;
  if (opened.sealed !== undefined) received.sealed = opened.sealed;
  return received;
}

function systemAttributes(stored: StoredMessage): SystemAttributes {
  const attributes: SystemAttributes = {
    ApproximateReceiveCount: stored.receiveCount,
    SentTimestamp: stored.sentTimestamp,
  };
  if (stored.firstReceiveTimestamp !== undefined) {
    attributes.ApproximateFirstReceiveTimestamp = stored.firstReceiveTimestamp;
  }
  if (stored.senderId !== undefined) attributes.SenderId = stored.senderId;
  if (stored.messageGroupId !== undefined) attributes.MessageGroupId = stored.messageGroupId;
  if (stored.messageDeduplicationId !== undefined) {
    attributes.MessageDeduplicationId = stored.messageDeduplicationId;
  }
  if (stored.sequenceNumber !== undefined) attributes.SequenceNumber = stored.sequenceNumber;
  if (stored.deadLetterQueueSourceArn !== undefined) {
    attributes.DeadLetterQueueSourceArn = stored.deadLetterQueueSourceArn;
  }
  if (stored.awsTraceHeader !== undefined) attributes.AWSTraceHeader = stored.awsTraceHeader;
  return attributes;
}
