import {
  IntegrityReason,
  md5OfMessageAttributes,
  md5OfMessageBody,
  type Principal,
  type ReceivedMessage,
  type SystemAttributes,
  sealedBodyBase64,
} from '@sealbus/core';
import { isSealed } from '@sealbus/envelope';
import type { EngineContext } from '../engine/EngineContext.js';
import {
  envelopeKeyArn,
  type OpenedBody,
  queueSealsBodies,
  sealedBody,
} from '../sse/BodySealer.js';
import { messageBinding } from '../sse/messageBinding.js';
import type { QueueSources } from '../sse/queueSources.js';
import type { QueueRecord, StoredMessage } from '../store/MessageStore.js';

/**
 * A plaintext row sent this soon after SSE was turned on for an existing queue is still
 * accepted: a send that read the queue's attributes just before the switch stores its body in
 * the clear. A queue created with SSE gets no grace.
 */
export const SSE_SWITCH_GRACE_MS = 5_000;

/** A claimed message that is not delivered because its key is unavailable (see `isKeyUnavailable`). */
export class HeldBack {
  constructor(
    readonly receiptHandle: string,
    readonly keyArn: string,
    readonly error: unknown,
  ) {}
}

/** The queue's sources, read at most once per receive and only when a message needs them. */
export type SourcesLookup = () => Promise<QueueSources>;

/**
 * A claimed message as the consumer sees it: opened for `principal`, sealed with the reason
 * (a KMS refusal or an `IntegrityReason`), or held back. Checks what the row claims about
 * itself before anything is opened: a row sealed at send (it has an encryption context) must
 * still be an envelope, sealed for this queue or for one whose messages can reach it, and
 * bound to this message id and attributes; a plaintext row must not postdate SSE on every
 * queue it could come from.
 */
export async function toReceivedMessage(
  ctx: EngineContext,
  queue: QueueRecord,
  stored: StoredMessage,
  principal: Principal | undefined,
  sources: SourcesLookup,
): Promise<ReceivedMessage | HeldBack> {
  const attributesMd5 = md5OfMessageAttributes(stored.messageAttributes);
  const context = stored.encryptionContext;
  if (context === undefined) {
    if (plainRow(queue, stored)) return received(stored, plaintext(stored), attributesMd5);
    if (isSealed(stored.body)) {
      const ownContext = ctx.sealer.queueContext(queue.arn);
      return opened(ctx, queue, stored, principal, ownContext, attributesMd5);
    }
    // Plaintext this queue may not hold itself: fine if it came from a source that could.
    if (
      [...(await sources()).sources.values()].some((source) =>
        mayHoldPlaintext(source, stored.sentTimestamp),
      )
    ) {
      return received(stored, plaintext(stored), attributesMd5);
    }
    return received(
      stored,
      sealedBody(stored.body, IntegrityReason.UnsealedInSseQueue),
      attributesMd5,
    );
  }
  if (!isSealed(stored.body)) {
    return received(stored, sealedBody(stored.body, IntegrityReason.EnvelopeFormat), attributesMd5);
  }
  const origin = sealingQueueArn(context);
  if (origin === queue.arn) return opened(ctx, queue, stored, principal, context, attributesMd5);
  const { sources: all, existing } = await sources();
  const allowed =
    origin !== undefined &&
    (all.has(origin) ||
      // Its queue was deleted since it dead-lettered the message: the row says where it came from.
      (!existing.has(origin) && stored.deadLetterQueueSourceArn === origin));
  return allowed
    ? opened(ctx, queue, stored, principal, context, attributesMd5)
    : received(
        stored,
        sealedBody(stored.body, IntegrityReason.ForeignEncryptionContext),
        attributesMd5,
      );
}

/**
 * `toReceivedMessage` without a promise, for the rows that need no lookup: sent in the clear to
 * a queue that may hold plaintext, or sealed for this very queue with a data key this consumer
 * has cached. `undefined` for any other row (then call `toReceivedMessage`). The awaits per
 * message cost memory receives about a fifth of their throughput (same-run A/B), so receivers
 * try this first.
 */
export function receivedNow(
  ctx: EngineContext,
  queue: QueueRecord,
  stored: StoredMessage,
  principal: Principal | undefined,
): ReceivedMessage | HeldBack | undefined {
  const context = stored.encryptionContext;
  if (context === undefined) {
    if (!plainRow(queue, stored)) return undefined;
    return received(stored, plaintext(stored), md5OfMessageAttributes(stored.messageAttributes));
  }
  if (sealingQueueArn(context) !== queue.arn || !isSealed(stored.body)) return undefined;
  const attributesMd5 = md5OfMessageAttributes(stored.messageAttributes);
  const body = ctx.sealer.openNow(
    stored.body,
    context,
    principal,
    queue.attributes.KmsDataKeyReusePeriodSeconds,
    messageBinding(stored.messageId, attributesMd5),
  );
  return body === undefined ? undefined : received(stored, body, attributesMd5);
}

function plainRow(queue: QueueRecord, stored: StoredMessage): boolean {
  return (
    stored.encryptionContext === undefined &&
    mayHoldPlaintext(queue, stored.sentTimestamp) &&
    !isSealed(stored.body)
  );
}

const utf8 = new TextDecoder();

function plaintext(stored: StoredMessage): OpenedBody {
  return { state: 'open', body: utf8.decode(stored.body), bytes: stored.body };
}

/**
 * Whether `queue` may have stored plaintext sent at `sentTimestamp`: it has no SSE, or its SSE
 * was turned on after that (plus the grace), or since when is unknown (an older file). A queue
 * created with SSE never did, whatever the timestamp says.
 */
function mayHoldPlaintext(queue: QueueRecord, sentTimestamp: number): boolean {
  const since = queue.sealingSince;
  if (!queueSealsBodies(queue.attributes) || since === undefined) return true;
  return since > queue.createdTimestamp && sentTimestamp < since + SSE_SWITCH_GRACE_MS;
}

/** The queue ARN of an SQS encryption context (`{"aws:sqs:arn": arn}` and nothing else). */
function sealingQueueArn(context: Readonly<Record<string, string>>): string | undefined {
  let arn: string | undefined;
  for (const key in context) {
    if (key !== 'aws:sqs:arn') return undefined;
    arn = context[key];
  }
  return arn;
}

async function opened(
  ctx: EngineContext,
  queue: QueueRecord,
  stored: StoredMessage,
  principal: Principal | undefined,
  context: Readonly<Record<string, string>>,
  attributesMd5: string | undefined,
): Promise<ReceivedMessage | HeldBack> {
  const body = await ctx.sealer.open(
    stored.body,
    context,
    principal,
    queue.attributes.KmsDataKeyReusePeriodSeconds,
    messageBinding(stored.messageId, attributesMd5),
  );
  return received(stored, body, attributesMd5);
}

function received(
  stored: StoredMessage,
  opened: OpenedBody,
  attributesMd5: string | undefined,
): ReceivedMessage | HeldBack {
  if (opened.state === 'unavailable') {
    return new HeldBack(stored.receiptHandle ?? '', envelopeKeyArn(stored.body), opened.error);
  }
  const receiptHandle = stored.receiptHandle ?? '';
  const attributes = systemAttributes(stored);
  const message: ReceivedMessage =
    opened.state === 'sealed'
      ? {
          state: 'sealed',
          messageId: stored.messageId,
          receiptHandle,
          // The digest of what the wire carries for a sealed message: its envelope in base64.
          md5OfBody: md5OfMessageBody(sealedBodyBase64(opened)),
          attributes,
          messageAttributes: stored.messageAttributes,
          keyArn: opened.keyArn,
          envelope: opened.envelope,
          reason: opened.reason,
        }
      : {
          state: 'open',
          messageId: stored.messageId,
          receiptHandle,
          body: opened.body,
          // A body stored in the clear may carry its MD5 from the send; anything opened is hashed.
          md5OfBody:
            opened.bytes === stored.body && stored.md5OfBody !== undefined
              ? stored.md5OfBody
              : md5OfMessageBody(opened.bytes),
          attributes,
          messageAttributes: stored.messageAttributes,
        };
  if (attributesMd5 !== undefined) message.md5OfMessageAttributes = attributesMd5;
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
