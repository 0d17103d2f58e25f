import { InvalidParameterValueError, ReceiptHandleIsInvalidError } from '@sealbus/core';
import { isWellFormedReceiptHandle } from '../engine/ids.js';
import type { QueueMissing, ReceiptStale } from '../store/StoreMiss.js';
import { storeMissError } from '../store/storeMissError.js';

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

/**
 * SQS DeleteMessage: "if you don't provide the most recently received receipt handle for the
 * message, the request will still succeed, but the message might not be deleted". Only a
 * malformed handle fails (`checkWellFormed`). Whether the store deleted a message.
 */
export function wasDeleted(outcome: undefined | QueueMissing | ReceiptStale): boolean {
  if (outcome === undefined) return true;
  if (outcome.miss === 'receiptStale') return false;
  throw storeMissError(outcome);
}
