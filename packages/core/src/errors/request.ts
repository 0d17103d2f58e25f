import { errorBase } from './SealbusError.js';

/**
 * Errors about the request itself, before any action runs: SigV4 authentication and the action name. `code` is the Query protocol code;
 * JSON protocols report the same cases under their own names (e.g. `InvalidSignatureException`).
 */

/** The SigV4 signature does not match the request and the secret of its access key. */
export class SignatureDoesNotMatchError extends errorBase('SignatureDoesNotMatch') {}

/** The access key id is not one of the configured credentials. */
export class InvalidClientTokenIdError extends errorBase('InvalidClientTokenId') {}

/** `X-Amz-Date` is more than 15 minutes away from the server clock. */
export class RequestExpiredError extends errorBase('RequestExpired') {}

/** The request carries no `Authorization` header (nor presigned query parameters). */
export class MissingAuthenticationTokenError extends errorBase('MissingAuthenticationToken') {}

/** The `Authorization` header is malformed or lacks a part (Credential, SignedHeaders, Signature). */
export class IncompleteSignatureError extends errorBase('IncompleteSignature') {}

/** The request names no action, or one the endpoint does not implement. */
export class InvalidActionError extends errorBase('InvalidAction') {}
