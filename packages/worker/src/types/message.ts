import type { MessageAttributes, SealedBody, SystemAttributes } from '@sealbus/core';

/** What every stage of the pipeline sees: the received message, before its payload is parsed. */
export interface InboundMessage {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly queueName: string;
  readonly queueArn: string;
  /** The plaintext body, or for a sealed message the envelope in base64. */
  readonly body: string;
  readonly attributes: SystemAttributes;
  readonly messageAttributes: MessageAttributes;
  /** `ApproximateReceiveCount`: 1 on the first delivery. */
  readonly receiveCount: number;
  /** Set when this principal may not decrypt or the key is unusable: `body` stays ciphertext. */
  // `| undefined` so that OpenMessage's `sealed?: undefined` extends it under exactOptionalPropertyTypes.
  readonly sealed?: SealedBody | undefined;
}

/** A decrypted message whose payload passed the handler's schema. */
export interface OpenMessage<T> extends InboundMessage {
  readonly sealed?: undefined;
  readonly payload: T;
}

/** A message the worker could not decrypt, handed over only with `sealedPolicy: 'consume'`. */
export interface SealedMessage extends InboundMessage {
  readonly sealed: NonNullable<InboundMessage['sealed']>;
  readonly payload?: undefined;
}

/** What a handler with `sealedPolicy: 'consume'` receives. */
export type WorkerMessage<T> = OpenMessage<T> | SealedMessage;
