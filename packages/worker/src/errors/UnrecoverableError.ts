import { SealbusError, type SealbusErrorOptions } from '@sealbus/core';

export const UNRECOVERABLE_ERROR = 'Sealbus.UnrecoverableError';

/**
 * Thrown by a handler (like BullMQ's) to skip the remaining retries: the worker gives the message
 * up at once and leaves it for the queue's redrive, which dead-letters it once its receive count
 * passes `maxReceiveCount`. The worker never deletes or re-publishes it.
 */
export class UnrecoverableError extends SealbusError {
  override readonly name: string = 'UnrecoverableError';
  readonly code: string = UNRECOVERABLE_ERROR;

  constructor(message: string, options?: SealbusErrorOptions) {
    super(message, options);
  }
}
