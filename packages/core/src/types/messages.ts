import { Buffer } from 'node:buffer';
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

/**
 * The code of a KMS error class in `@sealbus/core` (`KMS.AccessDeniedException`,
 * `KMS.NotFoundException`, …); messages.test.ts checks it against the classes.
 */
export type KmsErrorCode =
  | 'KMS.AccessDeniedException'
  | 'KMS.AlreadyExistsException'
  | 'KMS.DisabledException'
  | 'KMS.IncorrectKeyException'
  | 'KMS.InvalidAliasNameException'
  | 'KMS.InvalidArnException'
  | 'KMS.InvalidCiphertextException'
  | 'KMS.InvalidGrantIdException'
  | 'KMS.InvalidGrantTokenException'
  | 'KMS.InvalidKeyUsageException'
  | 'KMS.InvalidMarkerException'
  | 'KMS.InvalidStateException'
  | 'KMS.KMSInternalException'
  | 'KMS.KMSInvalidMacException'
  | 'KMS.KMSInvalidSignatureException'
  | 'KMS.KeyUnavailableException'
  | 'KMS.LimitExceededException'
  | 'KMS.MalformedPolicyDocumentException'
  | 'KMS.NotAuthorizedException'
  | 'KMS.NotFoundException'
  | 'KMS.OptInRequired'
  | 'KMS.TagException'
  | 'KMS.ThrottlingException'
  | 'KMS.UnsupportedOperationException'
  | 'KMS.ValidationException';

/** Why a received message stays sealed: the KMS refusal, or the integrity check it failed. */
export type SealedReason = KmsErrorCode | IntegrityReason;

/** Whether an error code can be a `SealedReason` (a KMS error code or an `IntegrityReason`). */
export function isSealedReason(code: string): code is SealedReason {
  return code.startsWith('KMS.') || isIntegrityReason(code);
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
  reason: SealedReason;
}

/** What every received message carries, opened or sealed. */
export interface ReceivedMessageBase {
  messageId: string;
  receiptHandle: string;
  /** MD5 of the body as delivered: the plaintext, or for a sealed message the base64 envelope. */
  md5OfBody: string;
  attributes: SystemAttributes;
  messageAttributes: MessageAttributes;
  md5OfMessageAttributes?: string;
}

/** A message opened for the receiving principal (or stored in the clear). */
export interface OpenReceivedMessage extends ReceivedMessageBase {
  state: 'open';
  /** The plaintext body. */
  body: string;
}

/**
 * A message this principal may not decrypt, whose key is unusable, or that failed the
 * broker's integrity checks: its stored bytes and why. There is no `body` to mistake for
 * plaintext; `envelope` is what an authorised consumer (or the console) can open later.
 */
export interface SealedReceivedMessage extends ReceivedMessageBase, SealedBody {
  state: 'sealed';
}

/** A received message: narrow on `state` before reading `body`. */
export type ReceivedMessage = OpenReceivedMessage | SealedReceivedMessage;

/** The envelope of a sealed message in base64, as SQS's wire `Body` carries it. */
export function sealedBodyBase64(message: SealedBody): string {
  const { envelope } = message;
  return Buffer.from(envelope.buffer, envelope.byteOffset, envelope.byteLength).toString('base64');
}

export interface PublishOptions {
  messageAttributes?: MessageAttributes;
  /** < 100 characters. */
  subject?: string;
  messageGroupId?: string;
  messageDeduplicationId?: string;
  /**
   * `json`: the body is a JSON object of per-protocol texts (`sqs`, `http`, `email`, a push
   * platform such as `GCM`, …) with a `default` text for the rest, as SNS `MessageStructure`.
   */
  messageStructure?: 'json';
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
