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

/** Characters of base64url (the random part and a store key) and of base 36 (the counter). */
const BASE64URL = charTable('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-');
const BASE36 = charTable('0123456789abcdefghijklmnopqrstuvwxyz');
const RANDOM_LENGTH = 24;
const MAX_KEY_LENGTH = 64;
const MAX_COUNTER_LENGTH = 16;

function charTable(chars: string): Uint8Array {
  const table = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = 1;
  return table;
}

function allIn(table: Uint8Array, text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    if (table[text.charCodeAt(i)] !== 1) return false;
  }
  return true;
}

/**
 * Whether `value` has the shape of a receipt handle (current or stale): what
 * `receiptHandleFactory` mints (24 base64url characters, a dot, a base-36 counter of at most 16
 * digits), optionally after a store's own key of at most 64 base64url characters and a dot (see
 * `ClaimRequest.newReceiptHandle`). SQS answers `ReceiptHandleIsInvalid` only for a handle it
 * cannot decode, and treats a well-formed handle of a gone or re-received message by each
 * action's own rule. One pass over the characters: every delete checks a handle, and the
 * equivalent regular expression cost about 4 % of a plain send→receive→delete.
 */
export function isWellFormedReceiptHandle(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const counterDot = value.lastIndexOf('.');
  const counterLength = value.length - counterDot - 1;
  const randomStart = counterDot - RANDOM_LENGTH;
  if (counterLength < 1 || counterLength > MAX_COUNTER_LENGTH || randomStart < 0) return false;
  if (randomStart > 0) {
    const keyLength = randomStart - 1;
    if (keyLength < 1 || keyLength > MAX_KEY_LENGTH || value[keyLength] !== '.') return false;
    if (!allIn(BASE64URL, value, 0, keyLength)) return false;
  }
  return (
    allIn(BASE64URL, value, randomStart, counterDot) &&
    allIn(BASE36, value, counterDot + 1, value.length)
  );
}

/** SQS and SNS message ids are UUIDs. */
export function newMessageId(): string {
  return randomUUID();
}
