import {
  decodeMessageAttributes,
  type QueueRecord,
  type StoredMessage,
  type SubscriptionRecord,
  type TopicRecord,
} from '@sealbus/broker-engine';
import type { SubscriptionAttributes, SubscriptionProtocol } from '@sealbus/core';

/**
 * The `messages` columns a `StoredMessage` is built from, in the order `toStoredMessage` reads
 * them. Statements selecting them run in raw mode (arrays): building an 18-property object per
 * row costs better-sqlite3 about twice as much as an array, and receive does it for every message.
 */
export const MESSAGE_COLUMNS = `message_id, body, message_attributes, sent_ts, visible_at,
  receive_count, first_receive_ts, receipt_handle, group_id, deduplication_id, sequence_number,
  sender_id, trace_header, dead_letter_source_arn, encryption_context, md5_of_body`;

/** A row of `MESSAGE_COLUMNS` in raw mode. */
export type MessageRow = [
  messageId: string,
  body: Uint8Array,
  messageAttributes: string | null,
  sentTs: number,
  visibleAt: number,
  receiveCount: number,
  firstReceiveTs: number | null,
  receiptHandle: string | null,
  groupId: string | null,
  deduplicationId: string | null,
  sequenceNumber: string | null,
  senderId: string | null,
  traceHeader: string | null,
  deadLetterSourceArn: string | null,
  encryptionContext: string | null,
  md5OfBody: string | null,
];

export interface QueueRow {
  id: number;
  name: string;
  arn: string;
  attributes: string;
  tags: string;
  created_ts: number;
  modified_ts: number;
  next_sequence: number;
  sealing_since: number | null;
}

export interface TopicRow {
  name: string;
  arn: string;
  attributes: string;
  tags: string;
  created_ts: number;
}

export interface SubscriptionRow {
  arn: string;
  topic_arn: string;
  protocol: string;
  endpoint: string;
  attributes: string;
  confirmation_digest: string | null;
}

type EncryptionContext = Readonly<Record<string, string>>;

/** JSON of each context object the sealer hands out: it reuses one frozen object per queue. */
const encodedContexts = new WeakMap<EncryptionContext, string>();

/** Parsed contexts by their JSON: as many as there are queues and topics that seal bodies. */
const decodedContexts = new Map<string, EncryptionContext>();
const MAX_DECODED_CONTEXTS = 1024;

/** The encryption context as stored: JSON, computed once per context object. */
export function encodeEncryptionContext(context: EncryptionContext | undefined): string | null {
  if (context === undefined) return null;
  let json = encodedContexts.get(context);
  if (json === undefined) {
    json = JSON.stringify(context);
    encodedContexts.set(context, json);
  }
  return json;
}

/** The stored context as a frozen object, parsed once per distinct JSON. */
export function decodeEncryptionContext(json: string): EncryptionContext {
  let context = decodedContexts.get(json);
  if (context === undefined) {
    if (decodedContexts.size >= MAX_DECODED_CONTEXTS) decodedContexts.clear();
    context = Object.freeze(JSON.parse(json) as Record<string, string>);
    decodedContexts.set(json, context);
  }
  return context;
}

export function toStoredMessage(row: MessageRow): StoredMessage {
  const [
    messageId,
    body,
    messageAttributes,
    sentTs,
    visibleAt,
    receiveCount,
    firstReceiveTs,
    receiptHandle,
    groupId,
    deduplicationId,
    sequenceNumber,
    senderId,
    traceHeader,
    deadLetterSourceArn,
    encryptionContext,
    md5OfBody,
  ] = row;
  const message: StoredMessage = {
    messageId,
    // A plain view over the Buffer's bytes (no copy): callers compare and hand on Uint8Arrays.
    body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength),
    messageAttributes: decodeMessageAttributes(messageAttributes),
    sentTimestamp: sentTs,
    visibleAt,
    receiveCount,
  };
  if (firstReceiveTs !== null) message.firstReceiveTimestamp = firstReceiveTs;
  if (receiptHandle !== null) message.receiptHandle = receiptHandle;
  if (groupId !== null) message.messageGroupId = groupId;
  if (deduplicationId !== null) message.messageDeduplicationId = deduplicationId;
  if (sequenceNumber !== null) message.sequenceNumber = sequenceNumber;
  if (senderId !== null) message.senderId = senderId;
  if (traceHeader !== null) message.awsTraceHeader = traceHeader;
  if (deadLetterSourceArn !== null) message.deadLetterQueueSourceArn = deadLetterSourceArn;
  if (md5OfBody !== null) message.md5OfBody = md5OfBody;
  if (encryptionContext !== null)
    message.encryptionContext = decodeEncryptionContext(encryptionContext);
  return message;
}

export function toQueueRecord(row: QueueRow): QueueRecord {
  const record: QueueRecord = {
    name: row.name,
    arn: row.arn,
    attributes: JSON.parse(row.attributes) as QueueRecord['attributes'],
    tags: JSON.parse(row.tags) as Record<string, string>,
    createdTimestamp: row.created_ts,
    lastModifiedTimestamp: row.modified_ts,
  };
  if (row.sealing_since !== null) record.sealingSince = row.sealing_since;
  return record;
}

export function toTopicRecord(row: TopicRow): TopicRecord {
  return {
    name: row.name,
    arn: row.arn,
    attributes: JSON.parse(row.attributes) as TopicRecord['attributes'],
    tags: JSON.parse(row.tags) as Record<string, string>,
    createdTimestamp: row.created_ts,
  };
}

export function toSubscriptionRecord(row: SubscriptionRow): SubscriptionRecord {
  return {
    arn: row.arn,
    topicArn: row.topic_arn,
    protocol: row.protocol as SubscriptionProtocol,
    endpoint: row.endpoint,
    attributes: JSON.parse(row.attributes) as SubscriptionAttributes,
    ...(row.confirmation_digest === null ? {} : { confirmationDigest: row.confirmation_digest }),
  };
}

/** FIFO sequence numbers: SQS sends 20-digit decimal strings that sort as text. */
export function formatSequenceNumber(value: number): string {
  return value.toString().padStart(20, '0');
}
