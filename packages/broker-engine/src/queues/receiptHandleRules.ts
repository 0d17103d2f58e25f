import { InvalidParameterValueError, ReceiptHandleIsInvalidError } from '@sealbus/core';
import { isWellFormedReceiptHandle } from '../engine/ids.js';

/**
 * SQS's receipt-handle rules, written once for every store. A store only says that a handle is
 * not the current one of a message (`receiptStale`); what that means depends on the action, as
 * the SQS API reference has it.
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

/**
 * ChangeMessageVisibility(Batch) with a handle of a deleted or since re-received message. SQS
 * answers `InvalidParameterValue` with this text (not `ReceiptHandleIsInvalid`).
 */
export function staleForVisibility(receiptHandle: string): Error {
  return new InvalidParameterValueError(
    `Value ${receiptHandle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.`,
    { field: 'ReceiptHandle' },
  );
}
