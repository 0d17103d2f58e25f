import type { BatchResultErrorEntry } from '@sealbus/core';

/** Per-entry batch failures on the wire (`Failed` of SQS and SNS batches), codes in the service's spelling. */
export function wireBatchFailures(
  failed: readonly BatchResultErrorEntry[],
  codeOf: (coreCode: string) => string,
): Array<Record<string, unknown>> {
  return failed.map((entry) => ({
    Id: entry.id,
    SenderFault: entry.senderFault,
    Code: codeOf(entry.code),
    Message: entry.message,
  }));
}
