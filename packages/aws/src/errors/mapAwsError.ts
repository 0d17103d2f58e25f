import {
  type AwsService,
  AwsServiceError,
  catalogueEntry,
  createSealbusError,
  InternalFailureError,
  isPlainErrorCode,
  isSealbusError,
  type PlainErrorCode,
  SEALBUS_ERROR_CODES,
  ServiceUnavailableError,
} from '@sealbus/core';

export type { AwsService };

/** Node socket errors and SDK timeouts: the request never got an answer. */
const NETWORK_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const NETWORK_ERROR_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'NetworkingError']);

/**
 * Every name a service reports, mapped to its sealbus code, read from the catalogue: the
 * entry's AWS code, its SQS JSON shape, the SDK exception name (`<code>Exception`, as the SNS
 * SDK names them) and its `accepts`. An entry `reportedAs` another code gives way to that one.
 */
function inboundIndex(service: AwsService): ReadonlyMap<string, PlainErrorCode> {
  const index = new Map<string, PlainErrorCode>();
  const add = (name: string, code: PlainErrorCode) => {
    if (!index.has(name)) index.set(name, code);
  };
  for (const code of SEALBUS_ERROR_CODES) {
    if (!isPlainErrorCode(code)) continue;
    const entry = catalogueEntry(code);
    const spec = entry.wire[service];
    if (spec !== undefined && spec.reportedAs !== true) {
      for (const name of [spec.code, spec.json, `${spec.code}Exception`]) {
        if (name !== undefined) add(name, code);
      }
    }
    for (const name of entry.accepts?.[service] ?? []) add(name, code);
  }
  return index;
}

const INBOUND: Record<AwsService, ReadonlyMap<string, PlainErrorCode>> = {
  sqs: inboundIndex('sqs'),
  sns: inboundIndex('sns'),
  kms: inboundIndex('kms'),
};

/** The fields of an AWS SDK v3 service exception that the mapping reads. */
interface AwsSdkErrorShape {
  name?: unknown;
  message?: unknown;
  Code?: unknown;
  code?: unknown;
  $fault?: unknown;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: number; requestId?: string };
}

/**
 * Turns an AWS SDK v3 failure into the sealbus error with the same code as the local backends
 * (`QueueDoesNotExist`, `KMS.DisabledException`, …), keeping the SDK error as `cause`. Codes
 * without a sealbus class keep their AWS code in an `AwsServiceError`; network failures become
 * `ServiceUnavailableError`. Errors that did not come from AWS or the network (programming
 * errors) are returned unchanged.
 */
export function mapAwsError(error: unknown, service: AwsService, operation: string): Error {
  if (isSealbusError(error)) return error;
  if (typeof error !== 'object' || error === null) {
    return new InternalFailureError(`${label(service, operation)} failed with a non-error value`, {
      cause: error,
    });
  }
  const shape = error as AwsSdkErrorShape;
  // Without its final period, so the hint reads on as the next sentence.
  const awsMessage =
    typeof shape.message === 'string' && shape.message !== ''
      ? shape.message.replace(/\.+$/, '')
      : undefined;
  const code = findCode(shape, service);
  if (code !== undefined) {
    return createSealbusError(
      code,
      `${label(service, operation)} failed: ${awsMessage ?? code}. ${catalogueEntry(code).hint}`,
      { cause: error },
    );
  }
  if (isNetworkError(shape)) {
    return new ServiceUnavailableError(
      `${label(service, operation)} got no answer (${networkReason(shape)}). Check the endpoint and network; the SDK retries per its retry strategy`,
      { cause: error },
    );
  }
  if (shape.$metadata !== undefined || shape.$fault !== undefined) {
    const code = awsCodeOf(shape) ?? 'UnknownError';
    const fault = shape.$fault === 'server' ? 'server' : 'client';
    return new AwsServiceError(
      code,
      `${label(service, operation)} failed with ${code}: ${awsMessage ?? 'no message'}`,
      {
        cause: error,
        fault,
        retryable: shape.$retryable !== undefined || fault === 'server',
      },
    );
  }
  return error as Error;
}

/**
 * The sealbus code for a code AWS reports per batch entry (`Failed[].Code`), so batch results
 * carry the same codes on every backend; unknown codes pass through.
 */
export function normalizeAwsCode(code: string, service: AwsService): string {
  return INBOUND[service].get(code) ?? code;
}

/** Runs one SDK call and rethrows its failure mapped by `mapAwsError`. */
export async function callAws<T>(
  service: AwsService,
  operation: string,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw mapAwsError(error, service, operation);
  }
}

function findCode(shape: AwsSdkErrorShape, service: AwsService): PlainErrorCode | undefined {
  for (const candidate of [shape.name, shape.Code]) {
    if (typeof candidate !== 'string') continue;
    const code = INBOUND[service].get(candidate);
    if (code !== undefined) return code;
  }
  return undefined;
}

function awsCodeOf(shape: AwsSdkErrorShape): string | undefined {
  if (typeof shape.Code === 'string') return shape.Code;
  return typeof shape.name === 'string' && shape.name !== 'Error' ? shape.name : undefined;
}

function isNetworkError(shape: AwsSdkErrorShape): boolean {
  if (typeof shape.code === 'string' && NETWORK_ERROR_CODES.has(shape.code)) return true;
  if (typeof shape.name === 'string' && NETWORK_ERROR_NAMES.has(shape.name)) return true;
  const cause = (shape as { cause?: AwsSdkErrorShape }).cause;
  return typeof cause?.code === 'string' && NETWORK_ERROR_CODES.has(cause.code);
}

function networkReason(shape: AwsSdkErrorShape): string {
  const cause = (shape as { cause?: AwsSdkErrorShape }).cause;
  const code = typeof shape.code === 'string' ? shape.code : cause?.code;
  return typeof code === 'string' ? code : String(shape.name);
}

function label(service: AwsService, operation: string): string {
  return `${service.toUpperCase()} ${operation}`;
}
