import { describeValue } from '../errors/SealbusError.js';
import {
  BatchEntryIdsNotDistinctError,
  BatchRequestTooLongError,
  EmptyBatchRequestError,
  TooManyEntriesInBatchRequestError,
} from '../errors/sqs.js';
import type { MessageAttributes, SendBatchEntry } from '../types/messages.js';
import { SEND_BATCH_ENTRY_KEYS } from './callOptionKeys.js';
import { messageSize } from './message.js';
import { validateBatchEntryId } from './names.js';
import { checkEntryKeys, type OptionKeys } from './optionKeys.js';

export const MAX_BATCH_ENTRIES = 10;
/** SQS: the sum of all message sizes in a `SendMessageBatch`. */
export const MAX_SQS_BATCH_PAYLOAD_BYTES = 1_048_576;
/** SNS: the sum of all message sizes in a `PublishBatch`. */
export const MAX_SNS_BATCH_PAYLOAD_BYTES = 262_144;

/**
 * The request-level rules of every SQS/SNS batch call: 1–10 entries, each an object with only
 * the keys of `entryKeys` (when given), each `Id` 1–80 of `[A-Za-z0-9_-]`, all ids distinct.
 * Per-entry content is checked per entry by the caller, so one bad entry fails alone as SQS
 * does.
 */
export function validateBatch<T>(
  entries: readonly T[],
  idOf: (entry: T) => string,
  field = 'Entries',
  entryKeys?: OptionKeys,
): void {
  if (!Array.isArray(entries) || entries.length === 0) {
    throw new EmptyBatchRequestError(
      `${field} must hold at least one entry; got ${Array.isArray(entries) ? 'none' : describeValue(entries)}`,
      { field },
    );
  }
  if (entries.length > MAX_BATCH_ENTRIES) {
    throw new TooManyEntriesInBatchRequestError(
      `${field} may hold at most ${MAX_BATCH_ENTRIES} entries; got ${entries.length}. Split the batch`,
      { field, params: { count: entries.length } },
    );
  }
  if (entryKeys !== undefined) checkEntryKeys(entries, entryKeys, field);
  const seen = new Map<string, number>();
  entries.forEach((entry, i) => {
    const id = idOf(entry);
    const idField = `${field}[${i}].Id`;
    validateBatchEntryId(id, idField);
    const first = seen.get(id);
    if (first !== undefined) {
      throw new BatchEntryIdsNotDistinctError(
        `${idField} repeats the id ${describeValue(id)} of ${field}[${first}]; every entry needs its own Id`,
        { field: idField, params: { id } },
      );
    }
    seen.set(id, i);
  });
}

/** A batch's total payload (bodies plus attributes) against the service's limit. */
export function validateBatchPayload(
  entries: readonly {
    body: string | Uint8Array;
    messageAttributes?: MessageAttributes | undefined;
  }[],
  maxBytes: number,
  field = 'Entries',
): void {
  const total = entries.reduce(
    (sum, entry) => sum + messageSize(entry.body, entry.messageAttributes),
    0,
  );
  if (total > maxBytes) {
    throw new BatchRequestTooLongError(
      `${field} total ${total} bytes, over the batch limit of ${maxBytes} bytes (bodies plus message attributes); send fewer or smaller entries`,
      { field },
    );
  }
}

/** `SendMessageBatch` request-level rules: entry count, ids, and at most 1 MiB in total. */
export function validateSendBatch(entries: readonly SendBatchEntry[]): void {
  validateBatch(entries, (entry) => entry.id, 'Entries', SEND_BATCH_ENTRY_KEYS);
  validateBatchPayload(entries, MAX_SQS_BATCH_PAYLOAD_BYTES);
}
