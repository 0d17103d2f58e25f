import type { QueueRecord, StoredMessage } from '@sealbus/broker-engine';
import type { MessageAttributes } from '@sealbus/core';

/** A `messages` row as better-sqlite3 returns it. */
export interface MessageRow {
  rowid: number;
  queue_id: number;
  message_id: string;
  body: Uint8Array;
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
  attributes: string;
  tags: string;
  created_ts: number;
  modified_ts: number;
  next_sequence: number;
}

/** Message attributes as JSON; binary values travel as base64 because JSON has no bytes. */
export function encodeMessageAttributes(attributes: MessageAttributes): string | null {
  const names = Object.keys(attributes);
  if (names.length === 0) return null;
  const encoded: Record<string, { t: string; s?: string; b?: string }> = {};
  for (const name of names) {
    const value = attributes[name]!;
    encoded[name] = {
      t: value.dataType,
      ...(value.stringValue === undefined ? {} : { s: value.stringValue }),
      ...(value.binaryValue === undefined
        ? {}
        : { b: Buffer.from(value.binaryValue).toString('base64') }),
    };
  }
  return JSON.stringify(encoded);
}

export function decodeMessageAttributes(json: string | null): MessageAttributes {
  if (json === null) return {};
  const encoded = JSON.parse(json) as Record<string, { t: string; s?: string; b?: string }>;
  const attributes: MessageAttributes = {};
  for (const [name, value] of Object.entries(encoded)) {
    attributes[name] = {
      dataType: value.t,
      ...(value.s === undefined ? {} : { stringValue: value.s }),
      ...(value.b === undefined
        ? {}
        : { binaryValue: new Uint8Array(Buffer.from(value.b, 'base64')) }),
    };
  }
  return attributes;
}

export function toStoredMessage(row: MessageRow): StoredMessage {
  const message: StoredMessage = {
    messageId: row.message_id,
    // A plain view over the Buffer's bytes (no copy): callers compare and hand on Uint8Arrays.
    body: new Uint8Array(row.body.buffer, row.body.byteOffset, row.body.byteLength),
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
    message.encryptionContext = JSON.parse(row.encryption_context) as Record<string, string>;
  }
  return message;
}

export function toQueueRecord(row: QueueRow): QueueRecord {
  return {
    name: row.name,
    arn: row.arn,
    attributes: JSON.parse(row.attributes) as QueueRecord['attributes'],
    tags: JSON.parse(row.tags) as Record<string, string>,
    createdTimestamp: row.created_ts,
    lastModifiedTimestamp: row.modified_ts,
  };
}

/** FIFO sequence numbers: SQS sends 20-digit decimal strings that sort as text. */
export function formatSequenceNumber(value: number): string {
  return value.toString().padStart(20, '0');
}
