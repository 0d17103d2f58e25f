import {
  md5OfMessageAttributes,
  md5OfMessageBody,
  type Principal,
  type ReceivedMessage,
  type SystemAttributes,
} from '@sealbus/core';
import type { EngineContext } from '../engine/EngineContext.js';
import type { OpenedBody } from '../sse/BodySealer.js';
import type { QueueRecord, StoredMessage } from '../store/MessageStore.js';

/**
 * A claimed message as the consumer sees it: opened for `principal`, or sealed with the reason.
 * Synchronous for a body stored in the clear.
 */
export function toReceivedMessage(
  ctx: EngineContext,
  queue: QueueRecord,
  stored: StoredMessage,
  principal: Principal | undefined,
): ReceivedMessage | Promise<ReceivedMessage> {
  const opened = ctx.sealer.open(
    stored.body,
    stored.encryptionContext ?? ctx.sealer.queueContext(queue.arn),
    principal,
    queue.attributes.KmsDataKeyReusePeriodSeconds,
  );
  return opened instanceof Promise
    ? opened.then((body) => received(stored, body))
    : received(stored, opened);
}

function received(stored: StoredMessage, opened: OpenedBody): ReceivedMessage {
  const message: ReceivedMessage = {
    messageId: stored.messageId,
    receiptHandle: stored.receiptHandle ?? '',
    body: opened.body,
    // A body stored in the clear may carry its MD5 from the send; anything opened is hashed.
    md5OfBody:
      opened.bytes === stored.body && stored.md5OfBody !== undefined
        ? stored.md5OfBody
        : md5OfMessageBody(opened.bytes ?? opened.body),
    attributes: systemAttributes(stored),
    messageAttributes: stored.messageAttributes,
  };
  const md5OfAttributes = md5OfMessageAttributes(stored.messageAttributes);
  if (md5OfAttributes !== undefined) message.md5OfMessageAttributes = md5OfAttributes;
  if (opened.sealed !== undefined) message.sealed = opened.sealed;
  return message;
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
