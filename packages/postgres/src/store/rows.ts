import {
  decodeMessageAttributes,
  encodeMessageAttributes,
  type NewMessage,
  type QueueRecord,
  type StoredMessage,
  type SubscriptionRecord,
  type TopicRecord,
} from '@sealbus/broker-engine';
import type { SubscriptionAttributes, SubscriptionProtocol } from '@sealbus/core';

/** The `sb_messages` columns a `StoredMessage` is built from. */
export const MESSAGE_COLUMNS = `message_id, body, message_attributes, sent_ts, visible_at,
  receive_count, first_receive_ts, receipt_handle, group_id, deduplication_id, sequence_number,
  sender_id, trace_header, dead_letter_source_arn, encryption_context, md5_of_body`;

/** The same columns qualified with `alias.`, for statements joining other tables. */
export function messageColumns(alias: string): string {
  return MESSAGE_COLUMNS.split(',')
    .map((column) => `${alias}.${column.trim()}`)
    .join(', ');
}

export interface MessageRow {
  message_id: string;
  body: Buffer;
  message_attributes: string | null;
  sent_ts: number;
  visible_at: number;
  receive_count: number;
  first_receive_ts: number | null;
  receipt_handle: string | null;
  group_id: string | null;
  deduplication_id: string | null;
  sequence_number: string | null;
  sender_id: string | null;
  trace_header: string | null;
  dead_letter_source_arn: string | null;
  encryption_context: string | null;
  md5_of_body: string | null;
}

export interface QueueRow {
  id: number;
  name: string;
  arn: string;
  attributes: QueueRecord['attributes'];
  tags: Record<string, string>;
  created_ts: number;
  modified_ts: number;
  sealing_since: number | null;
}

export interface TopicRow {
  name: string;
  arn: string;
  attributes: TopicRecord['attributes'];
  tags: Record<string, string>;
  created_ts: number;
}

export interface SubscriptionRow {
  arn: string;
  topic_arn: string;
  protocol: string;
  endpoint: string;
  attributes: SubscriptionAttributes;
  confirmation_digest: string | null;
}

/** The values of one new message for the columns of `NEW_MESSAGE_COLUMNS`, in that order. */
export const NEW_MESSAGE_COLUMNS = [
  'message_id',
  'body',
  'message_attributes',
  'visible_at',
  'group_id',
  'deduplication_id',
  'sender_id',
  'trace_header',
  'encryption_context',
  'md5_of_body',
] as const;

/** The SQL array type of each `NEW_MESSAGE_COLUMNS` column, for `unnest`. */
export const NEW_MESSAGE_TYPES = [
  'text[]',
  'bytea[]',
  'text[]',
  'bigint[]',
  'text[]',
  'text[]',
  'text[]',
  'text[]',
  'text[]',
  'text[]',
] as const;

export function newMessageValues(message: NewMessage): unknown[] {
  return [
    message.messageId,
    Buffer.from(message.body.buffer, message.body.byteOffset, message.body.byteLength),
    encodeMessageAttributes(message.messageAttributes),
    message.visibleAt,
    message.messageGroupId ?? null,
    message.messageDeduplicationId ?? null,
    message.senderId ?? null,
    message.awsTraceHeader ?? null,
    message.encryptionContext === undefined ? null : JSON.stringify(message.encryptionContext),
    message.md5OfBody ?? null,
  ];
}

export function toStoredMessage(row: MessageRow): StoredMessage {
  const body = row.body;
  const message: StoredMessage = {
    messageId: row.message_id,
    body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength),
    messageAttributes: decodeMessageAttributes(row.message_attributes),
    sentTimestamp: row.sent_ts,
    visibleAt: row.visible_at,
    receiveCount: row.receive_count,
  };
  if (row.first_receive_ts !== null) message.firstReceiveTimestamp = row.first_receive_ts;
  if (row.receipt_handle !== null) message.receiptHandle = row.receipt_handle;
  if (row.group_id !== null) message.messageGroupId = row.group_id;
  if (row.deduplication_id !== null) message.messageDeduplicationId = row.deduplication_id;
  if (row.sequence_number !== null) message.sequenceNumber = row.sequence_number;
  if (row.sender_id !== null) message.senderId = row.sender_id;
  if (row.trace_header !== null) message.awsTraceHeader = row.trace_header;
  if (row.dead_letter_source_arn !== null) {
    message.deadLetterQueueSourceArn = row.dead_letter_source_arn;
  }
  if (row.md5_of_body !== null) message.md5OfBody = row.md5_of_body;
  if (row.encryption_context !== null) {
    message.encryptionContext = Object.freeze(
      JSON.parse(row.encryption_context) as Record<string, string>,
    );
  }
  return message;
}

export function toQueueRecord(row: QueueRow): QueueRecord {
  const record: QueueRecord = {
    name: row.name,
    arn: row.arn,
    attributes: row.attributes,
    tags: row.tags,
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
    attributes: row.attributes,
    tags: row.tags,
    createdTimestamp: row.created_ts,
  };
}

export function toSubscriptionRecord(row: SubscriptionRow): SubscriptionRecord {
  return {
    arn: row.arn,
    topicArn: row.topic_arn,
    protocol: row.protocol as SubscriptionProtocol,
    endpoint: row.endpoint,
    attributes: row.attributes,
    ...(row.confirmation_digest === null ? {} : { confirmationDigest: row.confirmation_digest }),
  };
}

/** FIFO sequence numbers: SQS sends 20-digit decimal strings that sort as text. */
export function formatSequenceNumber(value: number): string {
  return value.toString().padStart(20, '0');
}
