/**
 * Where a message row lives. Queue `q` owns the rowids `(q << SEQUENCE_BITS) + 1` up to
 * `(q << SEQUENCE_BITS) + MAX_SEQUENCE`, and a row's sequence within that range is its delivery
 * order. A queue's rows are then one contiguous run of the table b-tree, so FIFO walks, peek,
 * purge and retention read them in order without an index of their own, and a receipt handle
 * that carries the sequence finds its row without a receipt-handle index: every index costs
 * each message a page write in each of its three transactions (send, receive, delete).
 *
 * JavaScript only ever sees (queue id, sequence) pairs, both safe integers; SQL builds the
 * 64-bit rowid from them.
 */
export const SEQUENCE_BITS = 43;

/** Messages a queue can hold before its range is full: ~8.8 × 10^12 sends without ever draining. */
export const MAX_SEQUENCE = 2 ** SEQUENCE_BITS - 1;

/** The largest queue id whose range fits a signed 64-bit rowid. */
export const MAX_QUEUE_ID = 2 ** (63 - SEQUENCE_BITS) - 1;

/** SQL for the rowid of (queue id, sequence), both bound as parameters in that order. */
export const ROWID = `((? << ${SEQUENCE_BITS}) + ?)`;

/** SQL for the last rowid of the queue's range; binds the queue id. */
export const LAST_ROWID = `((? << ${SEQUENCE_BITS}) + ${MAX_SEQUENCE})`;

/** SQL for "rowid is in the queue's range"; binds the queue id twice. */
export const IN_QUEUE = `rowid BETWEEN (? << ${SEQUENCE_BITS}) AND ${LAST_ROWID}`;

/** SQL for the sequence of the current row within its queue's range; binds the queue id once. */
export const SEQUENCE = `rowid - (? << ${SEQUENCE_BITS})`;

/** A receipt handle names its row: the sequence in base 36, a dot, then the engine's handle. */
export function composeReceiptHandle(sequence: number, engineHandle: string): string {
  return `${sequence.toString(36)}.${engineHandle}`;
}

const HANDLE_SEQUENCE = /^[0-9a-z]{1,9}\./;

/** The sequence a receipt handle names, or `undefined` when it is not one of this store's handles. */
export function sequenceOfReceiptHandle(receiptHandle: string): number | undefined {
  const match = HANDLE_SEQUENCE.exec(receiptHandle);
  if (match === null) return undefined;
  const sequence = Number.parseInt(match[0].slice(0, -1), 36);
  return sequence >= 1 && sequence <= MAX_SEQUENCE ? sequence : undefined;
}
