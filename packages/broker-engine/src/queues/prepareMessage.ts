import { createHash } from 'node:crypto';
import type { MessageAttributes, Principal } from '@sealbus/core';
import type { EngineContext } from '../engine/EngineContext.js';
import { newMessageId } from '../engine/ids.js';
import { queueSealsBodies, type SealedForQueue } from '../sse/BodySealer.js';
import { messageBindingOf } from '../sse/messageBinding.js';
import type { NewMessage, QueueRecord } from '../store/MessageStore.js';

const NO_BODY = new Uint8Array(0);

/** SQS FIFO deduplication window. */
export const DEDUPLICATION_WINDOW_MS = 5 * 60_000;

/** One message bound for one queue, already validated (`validateSendMessage`/`validatePublish`). */
export interface MessageInput {
  body: string;
  /** The UTF-8 bytes of `body`, when the caller has them already (else `body` is encoded). */
  bodyBytes?: Uint8Array;
  /** `MD5OfMessageBody`, when the caller computed it; kept with a body stored in the clear. */
  md5OfBody?: string;
  messageAttributes?: MessageAttributes;
  delaySeconds?: number;
  messageGroupId?: string;
  messageDeduplicationId?: string;
  awsTraceHeader?: string;
  /** Who sends: needs `kms:GenerateDataKey` on an SSE-KMS queue's key. */
  principal?: Principal;
  senderId?: string;
}

/**
 * Turns a validated message into what the store keeps: FIFO deduplication id, delay resolved,
 * the body sealed when the queue has SSE. Shared by queue sends and topic fanout.
 */
export async function prepareMessage(
  ctx: EngineContext,
  queue: QueueRecord,
  input: MessageInput,
  now: number,
): Promise<NewMessage> {
  const ready = preparedNow(ctx, queue, input, now);
  if (ready !== undefined) return ready;
  const message = newMessage(queue, input, now);
  const sealed = await ctx.sealer.sealForQueue(
    queue.attributes,
    queue.arn,
    input.bodyBytes ?? input.body,
    input.principal,
    messageBindingOf(message.messageId, message.messageAttributes),
  );
  return sealedWith(message, sealed);
}

/**
 * `prepareMessage` without a promise: in the clear, or sealed with a cached data key;
 * `undefined` when sealing needs KMS (then call `prepareMessage`). The await per message cost
 * memory batches about a fifth of their throughput (same-run A/B against the sync path of
 * 981ddfd), so senders try this first.
 */
export function preparedNow(
  ctx: EngineContext,
  queue: QueueRecord,
  input: MessageInput,
  now: number,
): NewMessage | undefined {
  const message = newMessage(queue, input, now);
  if (!queueSealsBodies(queue.attributes)) return inTheClear(message, input);
  const sealed = ctx.sealer.sealForQueueNow(
    queue.attributes,
    queue.arn,
    input.bodyBytes ?? input.body,
    input.principal,
    // The envelope belongs to this message id and these attributes only.
    messageBindingOf(message.messageId, message.messageAttributes),
  );
  return sealed === undefined ? undefined : sealedWith(message, sealed);
}

const utf8 = new TextEncoder();

function inTheClear(message: NewMessage, input: MessageInput): NewMessage {
  message.body = input.bodyBytes ?? utf8.encode(input.body);
  if (input.md5OfBody !== undefined) message.md5OfBody = input.md5OfBody;
  return message;
}

function sealedWith(message: NewMessage, sealed: SealedForQueue): NewMessage {
  message.body = sealed.body;
  message.encryptionContext = sealed.encryptionContext;
  return message;
}

function newMessage(queue: QueueRecord, input: MessageInput, now: number): NewMessage {
  const attributes = queue.attributes;
  const message: NewMessage = {
    messageId: newMessageId(),
    // Set by the caller to the bytes the store keeps: the plain body or its envelope.
    body: NO_BODY,
    messageAttributes: input.messageAttributes ?? {},
    visibleAt: now + (input.delaySeconds ?? attributes.DelaySeconds) * 1000,
  };
  if (input.messageGroupId !== undefined) message.messageGroupId = input.messageGroupId;
  if (attributes.FifoQueue) {
    // Explicit, or with ContentBasedDeduplication the SHA-256 of the body, as SQS does.
    const id =
      input.messageDeduplicationId ?? createHash('sha256').update(input.body).digest('hex');
    message.messageDeduplicationId = id;
    message.fifo = true;
    message.deduplication = {
      scope: attributes.DeduplicationScope === 'messageGroup' ? (input.messageGroupId ?? '') : '',
      id,
      expiresAt: now + DEDUPLICATION_WINDOW_MS,
    };
  }
  if (input.awsTraceHeader !== undefined) message.awsTraceHeader = input.awsTraceHeader;
  if (input.senderId !== undefined) message.senderId = input.senderId;
  return message;
}
