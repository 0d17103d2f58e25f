import type { MessageAttributes, SealedBody, SystemAttributes } from '@sealbus/core';

/** What every stage sees of a received message, opened or sealed. */
interface InboundMessageBase {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly queueName: string;
  readonly queueArn: string;
  readonly attributes: SystemAttributes;
  readonly messageAttributes: MessageAttributes;
  /** `ApproximateReceiveCount`: 1 on the first delivery. */
  readonly receiveCount: number;
}

/** A received message the broker opened for this worker's principal, before its payload is parsed. */
export interface InboundOpenMessage extends InboundMessageBase {
  readonly state: 'open';
  /** The plaintext body. */
  readonly body: string;
}

/**
 * A message the worker could not decrypt (this principal may not, the key is unusable, or it
 * failed the broker's integrity checks): its stored bytes and why. Handed to a handler only
 * with `sealedPolicy: 'consume'`.
 */
export interface SealedMessage extends InboundMessageBase, Readonly<SealedBody> {
  readonly state: 'sealed';
}

/** What every stage of the pipeline sees: the received message, before its payload is parsed. */
export type InboundMessage = InboundOpenMessage | SealedMessage;

/** A decrypted message whose payload passed the handler's schema. */
export interface OpenMessage<T> extends InboundOpenMessage {
  readonly payload: T;
}

/** What a handler with `sealedPolicy: 'consume'` receives: narrow on `state`. */
export type WorkerMessage<T> = OpenMessage<T> | SealedMessage;
