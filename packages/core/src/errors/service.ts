import { errorBase } from './SealbusError.js';

/**
 * Errors any AWS service (or the network in front of it) can answer with, whatever the
 * operation. The AWS backend maps SDK failures onto them; local backends never throw them.
 */

/** The service or the connection to it is unavailable (HTTP 503, timeouts, refused connections). Retry later. */
export class ServiceUnavailableError extends errorBase('ServiceUnavailable') {}

/** The service failed internally (HTTP 500). Retry later. */
export class InternalFailureError extends errorBase('InternalFailure') {}

/** The request rate exceeds the account's or resource's limit (SQS `RequestThrottled`, SNS `Throttled`). Slow down and retry. */
export class RequestThrottledError extends errorBase('RequestThrottled') {}

/** IAM or a resource policy denies the caller this action (SQS `AccessDenied`, SNS `AuthorizationError`). */
export class AccessDeniedError extends errorBase('AccessDenied') {}
