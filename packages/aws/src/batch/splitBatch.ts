import {
  BatchEntryIdsNotDistinctError,
  type BatchResult,
  describeValue,
  EmptyBatchRequestError,
  validateBatchEntryId,
} from '@sealbus/core';

/** SQS and SNS accept at most this many entries per batch call. */
export const MAX_ENTRIES_PER_CALL = 10;

/**
 * Runs `entries` in calls of at most 10 (in parallel) and merges their per-entry results in
 * one `BatchResult`. Ids are checked once over the whole list, since they must be distinct
 * across the calls for the merged result to be unambiguous.
 */
export async function splitBatch<E extends { id: string }, T>(
  entries: readonly E[],
  field: string,
  call: (chunk: E[]) => Promise<BatchResult<T>>,
): Promise<BatchResult<T>> {
  checkIds(entries, field);
  const chunks: E[][] = [];
  for (let start = 0; start < entries.length; start += MAX_ENTRIES_PER_CALL) {
    chunks.push(entries.slice(start, start + MAX_ENTRIES_PER_CALL));
  }
  const outcomes = await Promise.all(chunks.map((chunk) => call(chunk)));
  const merged: BatchResult<T> = { successful: [], failed: [] };
  for (const outcome of outcomes) {
    merged.successful.push(...outcome.successful);
    merged.failed.push(...outcome.failed);
  }
  return merged;
}

function checkIds(entries: readonly { id: string }[], field: string): void {
  if (!Array.isArray(entries) || entries.length === 0) {
    throw new EmptyBatchRequestError(
      `${field} must hold at least one entry; got ${Array.isArray(entries) ? 'none' : describeValue(entries)}`,
      { field },
    );
  }
  const seen = new Map<string, number>();
  entries.forEach((entry, index) => {
    const idField = `${field}[${index}].Id`;
    validateBatchEntryId(entry.id, idField);
    const first = seen.get(entry.id);
    if (first !== undefined) {
      throw new BatchEntryIdsNotDistinctError(
        `${idField} repeats the id ${describeValue(entry.id)} of ${field}[${first}]; every entry needs its own Id`,
        { field: idField },
      );
    }
    seen.set(entry.id, index);
  });
}
