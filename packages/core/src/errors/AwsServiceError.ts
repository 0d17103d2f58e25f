import { type ErrorFault, errorBase, type SealbusErrorOptions } from './SealbusError.js';

export interface AwsServiceErrorOptions extends SealbusErrorOptions {
  fault: ErrorFault;
  retryable: boolean;
}

/**
 * An AWS error code sealbus has no catalogue entry for (e.g. `QueueDeletedRecently`,
 * `TopicLimitExceeded`): `code` is `AwsServiceError`, `awsCode` the service's own code, with
 * its fault and retryability.
 */
export class AwsServiceError extends errorBase('AwsServiceError') {
  readonly awsCode: string;
  override readonly fault: ErrorFault;
  override readonly retryable: boolean;

  constructor(awsCode: string, message: string, options: AwsServiceErrorOptions) {
    super(message, options);
    this.awsCode = awsCode;
    this.fault = options.fault;
    this.retryable = options.retryable;
  }
}
