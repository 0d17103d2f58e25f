import type { MessageAttributes } from '@sealbus/core';
import { EnvelopeFormatError, isSealed, readEnvelopeHeader } from '@sealbus/envelope';
import type { StoredMessage } from '../store/MessageStore.js';

export interface PeekOptions {
  /** 1–1,000. @defaultValue 10 */
  limit?: number;
  /** Continue after this message id (the last one of the previous page). */
  afterMessageId?: string;
}

/** A message as stored, for consoles and at-rest audits: never decrypted. */
export interface PeekedMessage {
  messageId: string;
  /** Whether the stored body is an envelope. */
  sealed: boolean;
  /** The CMK of a sealed body, read from its envelope header (absent if the header is damaged). */
  keyArn?: string;
  envelopeVersion?: number;
  /** The stored bytes: ciphertext for a sealed body. */
  storedBody: Uint8Array;
  /** The body text, only when it is stored in the clear. */
  plaintextBody?: string;
  messageAttributes: MessageAttributes;
  receiveCount: number;
  /** Epoch ms. */
  sentTimestamp: number;
  firstReceiveTimestamp?: number;
  /** Epoch ms until which the message is invisible (delayed or in flight). */
  visibleAt: number;
  messageGroupId?: string;
  sequenceNumber?: string;
  deadLetterQueueSourceArn?: string;
}

const utf8 = new TextDecoder();

export function toPeekedMessage(stored: StoredMessage): PeekedMessage {
  const sealed = isSealed(stored.body);
  const peeked: PeekedMessage = {
    messageId: stored.messageId,
    sealed,
    storedBody: stored.body,
    messageAttributes: stored.messageAttributes,
    receiveCount: stored.receiveCount,
    sentTimestamp: stored.sentTimestamp,
    visibleAt: stored.visibleAt,
  };
  if (sealed) {
    try {
      const header = readEnvelopeHeader(stored.body);
      peeked.keyArn = header.keyArn;
      peeked.envelopeVersion = header.version;
    } catch (error) {
      // A damaged envelope is still worth listing: it shows up without key ARN and version.
      if (!(error instanceof EnvelopeFormatError)) throw error;
    }
  } else {
    peeked.plaintextBody = utf8.decode(stored.body);
  }
  if (stored.firstReceiveTimestamp !== undefined) {
    peeked.firstReceiveTimestamp = stored.firstReceiveTimestamp;
  }
  if (stored.messageGroupId !== undefined) peeked.messageGroupId = stored.messageGroupId;
  if (stored.sequenceNumber !== undefined) peeked.sequenceNumber = stored.sequenceNumber;
  if (stored.deadLetterQueueSourceArn !== undefined) {
    peeked.deadLetterQueueSourceArn = stored.deadLetterQueueSourceArn;
  }
  return peeked;
}
