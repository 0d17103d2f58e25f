import {
  ERROR_CATALOGUE,
  type ErrorFault,
  isSealbusErrorCode,
  SealbusError,
  type SealbusErrorCode,
} from '@sealbus/core';

/**
 * One entry of a `deleteBatch` failed; `code` is the broker's error code for it (`batchCode`
 * keeps a code the catalogue does not list, which then reads `InternalFailure`).
 */
export class SettlementError extends SealbusError {
  override readonly name = 'SettlementError';
  readonly code: SealbusErrorCode;
  readonly batchCode: string;
  readonly fault: ErrorFault;
  readonly retryable: boolean;

  constructor(code: string, message: string) {
    super(message);
    this.batchCode = code;
    this.code = isSealbusErrorCode(code) ? code : 'InternalFailure';
    const entry = ERROR_CATALOGUE[this.code];
    this.fault = entry.fault === 'Receiver' ? 'server' : 'client';
    this.retryable = entry.retryable;
  }
}
