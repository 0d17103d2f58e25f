import { type ErrorFault, SealbusError, type SealbusErrorOptions } from '@sealbus/core';

export interface AwsServiceErrorOptions extends SealbusErrorOptions {
  fault: ErrorFault;
  retryable: boolean;
}

/**
 * An AWS error code sealbus has no class for (e.g. `QueueDeletedRecently`,
 * `TopicLimitExceeded`): keeps the service's own code, fault and retryability.
 */
export class AwsServiceError extends SealbusError {
  override readonly name = 'AwsServiceError';
  readonly code: string;
  override readonly fault: ErrorFault;
  override readonly retryable: boolean;

  constructor(code: string, message: string, options: AwsServiceErrorOptions) {
    super(message, options);
    this.code = code;
    this.fault = options.fault;
    this.retryable = options.retryable;
  }
}
