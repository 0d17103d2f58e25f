import { randomBytes, randomUUID } from 'node:crypto';

/**
 * Receipt handles: a random per-engine prefix plus a counter. Unique across processes sharing a
 * store (the prefix) and cheap to mint on the receive path (no random bytes per message).
 */
export function receiptHandleFactory(): () => string {
  const prefix = randomBytes(18).toString('base64url');
  let counter = 0;
  return () => `${prefix}.${(counter++).toString(36)}`;
}

/**
 * What `receiptHandleFactory` mints, optionally after a store's own key and a dot (see
 * `ClaimRequest.newReceiptHandle`). Anything else was never a handle of an engine broker.
 */
const RECEIPT_HANDLE = /^(?:[0-9A-Za-z_-]{1,64}\.)?[A-Za-z0-9_-]{24}\.[0-9a-z]{1,16}$/;

/**
 * Whether `value` has the shape of a receipt handle (current or stale): SQS answers
 * `ReceiptHandleIsInvalid` only for a handle it cannot decode, and treats a well-formed
 * handle of a gone or re-received message by each action's own rule.
 */
export function isWellFormedReceiptHandle(value: unknown): value is string {
  return typeof value === 'string' && RECEIPT_HANDLE.test(value);
}

/** SQS and SNS message ids are UUIDs. */
export function newMessageId(): string {
  return randomUUID();
}
