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

/** SQS and SNS message ids are UUIDs. */
export function newMessageId(): string {
  return randomUUID();
}
