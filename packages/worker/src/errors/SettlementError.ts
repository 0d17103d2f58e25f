import { SealbusError } from '@sealbus/core';

/** One entry of a `deleteBatch` failed; `code` is the broker's AWS error code for it. */
export class SettlementError extends SealbusError {
  override readonly name = 'SettlementError';
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}
