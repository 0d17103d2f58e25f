export type ErrorFault = 'client' | 'server';

export interface SealbusErrorOptions {
  cause?: unknown;
  /** The request field the error is about, e.g. `VisibilityTimeout` or `Entries[3].Id`. */
  field?: string;
}

/**
 * Base of every sealbus error. `code` is the AWS error code (`QueueDoesNotExist`,
 * `KMS.DisabledException`, …) so callers handle one set of codes on every backend.
 */
export abstract class SealbusError extends Error {
  abstract override readonly name: string;
  abstract readonly code: string;
  readonly fault: ErrorFault = 'client';
  readonly retryable: boolean = false;
  readonly field?: string;

  constructor(message: string, options: SealbusErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    if (options.field !== undefined) this.field = options.field;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      fault: this.fault,
      retryable: this.retryable,
      ...(this.field === undefined ? {} : { field: this.field }),
    };
  }
}

export function isSealbusError(error: unknown): error is SealbusError {
  return error instanceof SealbusError;
}

/** Renders a value for an error message: strings quoted and cut to 80 characters. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  }
  if (value instanceof Uint8Array) return `<${value.byteLength} bytes>`;
  if (typeof value === 'object' && value !== null) {
    const json = JSON.stringify(value);
    return json.length > 80 ? `${json.slice(0, 77)}...` : json;
  }
  return String(value);
}
