import { ERROR_CATALOGUE, SealbusError, type SealbusErrorOptions } from '@sealbus/core';

export const UNRECOVERABLE_ERROR = 'Sealbus.UnrecoverableError' as const;

/** The codes of `UnrecoverableError` and its subclasses. */
export type UnrecoverableErrorCode = typeof UNRECOVERABLE_ERROR | 'Sealbus.PayloadValidationError';

/**
 * Thrown by a handler (like BullMQ's) to skip the remaining retries: the worker gives the message
 * up at once and leaves it for the queue's redrive, which dead-letters it once its receive count
 * passes `maxReceiveCount`. The worker never deletes or re-publishes it.
 */
export class UnrecoverableError extends SealbusError<UnrecoverableErrorCode> {
  override readonly name: string = 'UnrecoverableError';
  readonly code: UnrecoverableErrorCode = UNRECOVERABLE_ERROR;
  readonly fault = 'client' as const;
  readonly retryable: boolean = ERROR_CATALOGUE[UNRECOVERABLE_ERROR].retryable;

  constructor(message: string, options?: SealbusErrorOptions) {
    super(message, options);
  }
}
