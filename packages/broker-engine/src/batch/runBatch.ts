import { type BatchResult, type BatchResultErrorEntry, isSealbusError } from '@sealbus/core';

/**
 * Runs each entry of a validated batch, collecting per-entry failures the way SQS and SNS
 * report them: a `SealbusError` becomes a failed entry; anything else is a bug and rejects.
 */
export async function runBatch<E extends { id: string }, R>(
  entries: readonly E[],
  run: (entry: E, index: number) => Promise<R>,
): Promise<BatchResult<R>> {
  const outcomes = await Promise.allSettled(entries.map((entry, index) => run(entry, index)));
  const result: BatchResult<R> = { successful: [], failed: [] };
  outcomes.forEach((outcome, index) => {
    const id = entries[index]!.id;
    if (outcome.status === 'fulfilled') {
      result.successful.push({ id, ...outcome.value } as BatchResult<R>['successful'][number]);
    } else {
      result.failed.push(failedEntry(id, outcome.reason));
    }
  });
  return result;
}

export function failedEntry(id: string, error: unknown): BatchResultErrorEntry {
  if (!isSealbusError(error)) throw error;
  return { id, code: error.code, message: error.message, senderFault: error.fault === 'client' };
}
