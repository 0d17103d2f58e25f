import { isKmsKeyUnavailable, isSealbusError } from '@sealbus/core';

/**
 * Whether a failure to open a body says nothing about the message: the key is unavailable
 * (`isKmsKeyUnavailable`), something else retryable failed, or something untyped broke. Such a
 * message is held back uncounted instead of being delivered sealed, so a KMS outage never feeds
 * the dead-letter queue. `AccessDenied`, a deleted key and integrity failures concern the
 * message (or this consumer) and are delivered sealed.
 */
export function isKeyUnavailable(error: unknown): boolean {
  return !isSealbusError(error) || error.retryable || isKmsKeyUnavailable(error);
}
