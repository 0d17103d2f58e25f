import { type AwsService, awsBatchEntryCode, type BatchResultErrorEntry } from '@sealbus/core';

/** Per-entry batch failures on the wire (`Failed` of SQS and SNS batches), codes in the service's spelling. */
export function wireBatchFailures(
  failed: readonly BatchResultErrorEntry[],
  service: AwsService,
): Array<Record<string, unknown>> {
  return failed.map((entry) => ({
    Id: entry.id,
    SenderFault: entry.senderFault,
    Code: awsBatchEntryCode(entry.code, service),
    Message: entry.message,
  }));
}
