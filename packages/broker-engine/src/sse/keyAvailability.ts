import { isSealbusError } from '@sealbus/core';

/** Key states that end when someone acts (enable the key, cancel its deletion): not the message's fault. */
const KEY_STATE_CODES: ReadonlySet<string> = new Set([
  'KMS.DisabledException',
  'KMS.InvalidStateException',
  'KMS.KeyUnavailableException',
]);

/**
 * Whether a failure to open a body says nothing about the message: the key is disabled or
 * pending deletion, KMS throttles or cannot be reached (retryable), or something untyped broke.
 * Such a message is held back uncounted instead of being delivered sealed, so a KMS outage
 * never feeds the dead-letter queue. `AccessDenied`, a deleted key and integrity failures
 * concern the message (or this consumer) and are delivered sealed.
 */
export function isKeyUnavailable(error: unknown): boolean {
  return !isSealbusError(error) || error.retryable || KEY_STATE_CODES.has(error.code);
}
