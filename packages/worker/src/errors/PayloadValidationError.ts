import type { StandardIssue } from '../schema/StandardSchema.js';
import { UnrecoverableError } from './UnrecoverableError.js';

export const PAYLOAD_VALIDATION_ERROR = 'Sealbus.PayloadValidationError' as const;

/** A body that is not JSON or fails the handler's schema: retrying cannot fix it. */
export class PayloadValidationError extends UnrecoverableError {
  override readonly name = 'PayloadValidationError';
  override readonly code = PAYLOAD_VALIDATION_ERROR;
  readonly issues: ReadonlyArray<StandardIssue>;

  constructor(message: string, options: { issues: ReadonlyArray<StandardIssue>; cause?: unknown }) {
    super(message, options.cause === undefined ? {} : { cause: options.cause });
    this.issues = options.issues;
  }
}
