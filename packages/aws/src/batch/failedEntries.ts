import { type BatchResultErrorEntry, isSealbusError } from '@sealbus/core';
import { type AwsService, normalizeAwsCode } from '../errors/mapAwsError.js';

/** The wire shape of SQS `BatchResultErrorEntry` and SNS `BatchResultErrorEntry`. */
export interface WireFailedEntry {
  Id?: string | undefined;
  Code?: string | undefined;
  Message?: string | undefined;
  SenderFault?: boolean | undefined;
}

/** Per-entry failures with the same codes the local backends report. */
export function toFailedEntries(
  failed: readonly WireFailedEntry[] | undefined,
  service: AwsService,
): BatchResultErrorEntry[] {
  return (failed ?? []).map((entry) => {
    const code = normalizeAwsCode(entry.Code ?? 'InternalFailure', service);
    return {
      id: entry.Id ?? '',
      code,
      message: entry.Message ?? `${service.toUpperCase()} rejected this entry with ${code}`,
      senderFault: entry.SenderFault ?? false,
    };
  });
}

/**
 * A batch entry that failed before reaching AWS (sealing, a bad body) as a per-entry failure;
 * anything but a `SealbusError` is a bug and is rethrown.
 */
export function failedBeforeSending(id: string, error: unknown): BatchResultErrorEntry {
  if (!isSealbusError(error)) throw error;
  return { id, code: error.code, message: error.message, senderFault: error.fault === 'client' };
}
