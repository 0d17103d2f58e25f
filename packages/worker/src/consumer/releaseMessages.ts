import type { Queue } from '@sealbus/core';
import { SettlementError } from '../errors/SettlementError.js';

/**
 * Makes messages visible again at once (`changeVisibilityBatch` with 0, ten per call). Failures
 * per entry or per call go to `onError`; a handle that no longer works needs no release.
 */
export async function releaseMessages(
  queue: Queue,
  receiptHandles: readonly string[],
  onError: (error: unknown) => void,
): Promise<void> {
  for (let i = 0; i < receiptHandles.length; i += 10) {
    const chunk = receiptHandles.slice(i, i + 10);
    try {
      const result = await queue.changeVisibilityBatch(
        chunk.map((receiptHandle, j) => ({
          id: String(j),
          receiptHandle,
          visibilityTimeoutSeconds: 0,
        })),
      );
      for (const failure of result.failed)
        onError(new SettlementError(failure.code, failure.message));
    } catch (error) {
      onError(error);
    }
  }
}
