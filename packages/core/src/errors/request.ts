import { SealbusError } from './SealbusError.js';

/**
 * Errors about the request itself, before any action runs: SigV4 authentication and the action name. `code` is the Query protocol code;
 * JSON protocols report the same cases under their own names (e.g. `InvalidSignatureException`).
 */

/** The SigV4 signature does not match the request and the secret of its access key. */
export class SignatureDoesNotMatchError extends SealbusError {
  override readonly name = 'SignatureDoesNotMatchError';
  readonly code = 'SignatureDoesNotMatch';
}

/** The access key id is not one of the configured credentials. */
export class InvalidClientTokenIdError extends SealbusError {
  override readonly name = 'InvalidClientTokenIdError';
  readonly code = 'InvalidClientTokenId';
}

/** `X-Amz-Date` is more than 15 minutes away from the server clock. */
export class RequestExpiredError extends SealbusError {
  override readonly name = 'RequestExpiredError';
  readonly code = 'RequestExpired';
}

/** The request carries no `Authorization` header (nor presigned query parameters). */
export class MissingAuthenticationTokenError extends SealbusError {
  override readonly name = 'MissingAuthenticationTokenError';
  readonly code = 'MissingAuthenticationToken';
}

/** The `Authorization` header is malformed or lacks a part (Credential, SignedHeaders, Signature). */
export class IncompleteSignatureError extends SealbusError {
  override readonly name = 'IncompleteSignatureError';
  readonly code = 'IncompleteSignature';
}

/** The request names no action, or one the endpoint does not implement. */
export class InvalidActionError extends SealbusError {
  override readonly name = 'InvalidActionError';
  readonly code = 'InvalidAction';
}
