import { ERROR_CATALOGUE, type SealbusErrorCode } from './catalogue.js';
import type { SealbusErrorOf } from './registry.js';

export type ErrorFault = 'client' | 'server';

/** A value an AWS message text carries (`Value 5 for parameter DelaySeconds ...`). */
export type ErrorParamValue = string | number;

export interface SealbusErrorOptions {
  cause?: unknown;
  /** The request field the error is about, e.g. `VisibilityTimeout` or `Entries[3].Id`. */
  field?: string;
  /**
   * The values AWS's message text for this error names (`{value}`, `{reason}`, …; see
   * `ERROR_CATALOGUE`). They go on the wire inside that text only, never into logs.
   */
  params?: Readonly<Record<string, ErrorParamValue>>;
}

/**
 * Base of every sealbus error. `code` is the AWS error code (`QueueDoesNotExist`,
 * `KMS.DisabledException`, …) so callers handle one set of codes on every backend; fault,
 * retryability and `hint` come from `ERROR_CATALOGUE`.
 */
export abstract class SealbusError<C extends SealbusErrorCode = SealbusErrorCode> extends Error {
  abstract override readonly name: string;
  abstract readonly code: C;
  abstract readonly fault: ErrorFault;
  abstract readonly retryable: boolean;
  readonly field?: string;
  readonly params?: Readonly<Record<string, ErrorParamValue>>;

  constructor(message: string, options: SealbusErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    if (options.field !== undefined) this.field = options.field;
    if (options.params !== undefined) this.params = options.params;
  }

  /** What to do about it, from the catalogue. */
  get hint(): string {
    return ERROR_CATALOGUE[this.code].hint;
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

/** A concrete sealbus error of code `C`: what the classes `errorBase` returns build. */
export interface CatalogueError<C extends SealbusErrorCode> extends SealbusError<C> {
  readonly name: string;
  readonly code: C;
  readonly fault: ErrorFault;
  readonly retryable: boolean;
}

/** The class `errorBase` returns. */
export type CatalogueErrorClass<C extends SealbusErrorCode> = new (
  message: string,
  options?: SealbusErrorOptions,
) => CatalogueError<C>;

/**
 * The base class of one catalogue entry: code, literal class name, fault and retryability
 * read from `ERROR_CATALOGUE`. `class QueueDoesNotExistError extends errorBase('QueueDoesNotExist') {}`
 * is the whole class of an error without fields of its own.
 */
export function errorBase<C extends SealbusErrorCode>(code: C): CatalogueErrorClass<C> {
  const entry = ERROR_CATALOGUE[code];
  const fault: ErrorFault = entry.fault === 'Receiver' ? 'server' : 'client';
  return class extends SealbusError<C> {
    override readonly name: string = entry.className;
    readonly code: C = code;
    readonly fault: ErrorFault = fault;
    readonly retryable: boolean = entry.retryable;
  };
}

/**
 * Whether `error` is a sealbus error; with a code, whether it is that error, narrowed to its
 * class (`isSealbusError(e, 'QueueDoesNotExist')` gives a `QueueDoesNotExistError`).
 */
export function isSealbusError(error: unknown): error is SealbusError;
export function isSealbusError<C extends SealbusErrorCode>(
  error: unknown,
  code: C,
): error is SealbusErrorOf<C>;
export function isSealbusError(error: unknown, code?: SealbusErrorCode): boolean {
  return error instanceof SealbusError && (code === undefined || error.code === code);
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
