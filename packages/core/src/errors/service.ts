import { SealbusError } from './SealbusError.js';

/**
 * Errors any AWS service (or the network in front of it) can answer with, whatever the
 * operation. The AWS backend maps SDK failures onto them; local backends never throw them.
 */

/** The service or the connection to it is unavailable (HTTP 503, timeouts, refused connections). Retry later. */
export class ServiceUnavailableError extends SealbusError {
  override readonly name = 'ServiceUnavailableError';
  readonly code = 'ServiceUnavailable';
  override readonly fault = 'server' as const;
  override readonly retryable = true;
}

/** The service failed internally (HTTP 500). Retry later. */
export class InternalFailureError extends SealbusError {
  override readonly name = 'InternalFailureError';
  readonly code = 'InternalFailure';
  override readonly fault = 'server' as const;
  override readonly retryable = true;
}

/** The request rate exceeds the account's or resource's limit (SQS `RequestThrottled`, SNS `Throttled`). Slow down and retry. */
export class RequestThrottledError extends SealbusError {
  override readonly name = 'RequestThrottledError';
  readonly code = 'RequestThrottled';
  override readonly retryable = true;
}

/** IAM or a resource policy denies the caller this action (SQS `AccessDenied`, SNS `AuthorizationError`). */
export class AccessDeniedError extends SealbusError {
  override readonly name = 'AccessDeniedError';
  readonly code = 'AccessDenied';
}
