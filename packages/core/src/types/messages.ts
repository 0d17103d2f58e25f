import type { Principal } from './keys.js';

/** An SQS/SNS message attribute. `dataType` is `String`, `Number` or `Binary`, optionally with a `.custom` suffix. */
export interface MessageAttributeValue {
  dataType: string;
  stringValue?: string;
  binaryValue?: Uint8Array;
}

export type MessageAttributes = Record<string, MessageAttributeValue>;

/** SQS message system attributes (SQS names). Timestamps are epoch milliseconds. */
export interface SystemAttributes {
  ApproximateReceiveCount: number;
  ApproximateFirstReceiveTimestamp?: number;
  SentTimestamp: number;
  SenderId?: string;
  MessageGroupId?: string;
  MessageDeduplicationId?: string;
  SequenceNumber?: string;
  DeadLetterQueueSourceArn?: string;
  AWSTraceHeader?: string;
}

export interface SendOptions {
  messageAttributes?: MessageAttributes;
  /** 0–900; overrides the queue's `DelaySeconds`. Not allowed per message on FIFO queues. */
  delaySeconds?: number;
  /** Required on FIFO queues. */
  messageGroupId?: string;
  /** FIFO only; required unless the queue has `ContentBasedDeduplication`. */
  messageDeduplicationId?: string;
  /** `AWSTraceHeader` system attribute. */
  awsTraceHeader?: string;
  /** The producer's identity: needs `kms:GenerateDataKey` on an SSE queue's key. */
  principal?: Principal;
}

export interface SendResult {
  messageId: string;
  md5OfMessageBody: string;
  md5OfMessageAttributes?: string;
  /** FIFO only. */
  sequenceNumber?: string;
}

export interface SendBatchEntry extends Omit<SendOptions, 'principal'> {
  /** Unique within the batch: ≤ 80 characters of `[A-Za-z0-9_-]`. */
  id: string;
  body: string | Uint8Array;
}

export interface BatchResultErrorEntry {
  id: string;
  /** The AWS error code, e.g. `InvalidParameterValue`. */
  code: string;
  message: string;
  senderFault: boolean;
}

export interface BatchResult<T> {
  successful: Array<{ id: string } & (T extends void ? unknown : T)>;
  failed: BatchResultErrorEntry[];
}

export interface DeleteBatchEntry {
  id: string;
  receiptHandle: string;
}

export interface ChangeVisibilityBatchEntry {
  id: string;
  receiptHandle: string;
  visibilityTimeoutSeconds: number;
}

export interface ReceiveOptions {
  /** 1–10. @defaultValue 1 */
  maxMessages?: number;
  /** Long polling, 0–20. @defaultValue the queue's `ReceiveMessageWaitTimeSeconds` */
  waitTimeSeconds?: number;
  /** 0–43,200. @defaultValue the queue's `VisibilityTimeout` */
  visibilityTimeoutSeconds?: number;
  /** The consumer's identity: needs `kms:Decrypt`, otherwise messages arrive `sealed`. */
  principal?: Principal;
  /** Ends a long poll early (returns what was received so far, usually nothing). */
  signal?: AbortSignal;
}

/**
 * Why a stored body failed the broker's integrity checks: it is delivered sealed with this
 * reason, never as a normal body (docs/security-model.md, "Tamper evidence").
 */
export const IntegrityReason = {
  /** The envelope does not authenticate: bytes altered, swapped with another message's, or edited attributes. */
  EnvelopeIntegrity: 'EnvelopeIntegrity',
  /** The row was sealed at send, but its bytes are not a well-formed envelope (truncated, header bytes changed). */
  EnvelopeFormat: 'EnvelopeFormat',
  /** Sealed for a queue whose messages cannot reach this one (no redrive policy or move task leads here). */
  ForeignEncryptionContext: 'ForeignEncryptionContext',
  /** A plaintext row in a queue that sealed every message sent at that time. */
  UnsealedInSseQueue: 'UnsealedInSseQueue',
} as const;
export type IntegrityReason = (typeof IntegrityReason)[keyof typeof IntegrityReason];

const INTEGRITY_REASONS: ReadonlySet<string> = new Set(Object.values(IntegrityReason));

/** Whether a `SealedBody.reason` says the stored message was tampered with (not a KMS refusal). */
export function isIntegrityReason(reason: string): reason is IntegrityReason {
  return INTEGRITY_REASONS.has(reason);
}

export interface SealedBody {
  /** The CMK named by the envelope header; '' when there is no readable envelope. */
  keyArn: string;
  /** The stored bytes: an envelope, or whatever a tampered row holds. */
  envelope: Uint8Array;
  /**
   * The KMS error code that kept the body sealed (e.g. `KMS.AccessDeniedException`, or
   * `KMS.NotFoundException` for a deleted key), or an `IntegrityReason`.
   */
  reason: string;
}

export interface ReceivedMessage {
  messageId: string;
  receiptHandle: string;
  /** The plaintext body, or for a `sealed` message the envelope in base64. */
  body: string;
  md5OfBody: string;
  attributes: SystemAttributes;
  messageAttributes: MessageAttributes;
  md5OfMessageAttributes?: string;
  /** Set when this principal may not decrypt (or the key is unusable): the body stays ciphertext. */
  sealed?: SealedBody;
}

export interface PublishOptions {
  messageAttributes?: MessageAttributes;
  /** < 100 characters. */
  subject?: string;
  messageGroupId?: string;
  messageDeduplicationId?: string;
  principal?: Principal;
}

export interface PublishResult {
  messageId: string;
  sequenceNumber?: string;
}

export interface PublishBatchEntry extends Omit<PublishOptions, 'principal'> {
  id: string;
  body: string;
}
