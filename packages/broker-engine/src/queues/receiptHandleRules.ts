import {
  InvalidParameterValueError,
  isSealbusError,
  ReceiptHandleIsInvalidError,
} from '@sealbus/core';
import { isWellFormedReceiptHandle } from '../engine/ids.js';

/**
 * SQS's receipt-handle rules, written once for every store. A store only says that a handle is
 * not the current one of a message (today by throwing `ReceiptHandleIsInvalid`); what that
 * means depends on the action, as the SQS API reference has it.
 */

/** A handle SQS cannot decode: `ReceiptHandleIsInvalid` on every action. */
export function checkWellFormed(receiptHandle: string): void {
  if (!isWellFormedReceiptHandle(receiptHandle)) {
    throw new ReceiptHandleIsInvalidError(
      `The input receipt handle ${JSON.stringify(String(receiptHandle))} is not a valid receipt handle.`,
      { field: 'ReceiptHandle' },
    );
  }
}

/** Whether a store refused a well-formed handle because it is no longer current. */
export function isStaleHandle(error: unknown): boolean {
  return isSealbusError(error) && error.code === 'ReceiptHandleIsInvalid';
}

/**
 * ChangeMessageVisibility(Batch) with a handle of a deleted or since re-received message. SQS
 * answers `InvalidParameterValue` with this text (not `ReceiptHandleIsInvalid`).
 */
export function staleForVisibility(receiptHandle: string, cause: unknown): Error {
  return new InvalidParameterValueError(
    `Value ${receiptHandle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.`,
    { field: 'ReceiptHandle', cause },
  );
}
