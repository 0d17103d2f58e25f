import { type Span, SpanStatusCode } from '@opentelemetry/api';
import { ATTR_ERROR_TYPE, ERROR_TYPE_OTHER } from '../semconv.js';

/**
 * A low-cardinality `error.type`: the sealbus/AWS error code when there is one
 * (`QueueDoesNotExist`, `KMS.DisabledException`), else the error class name, else `_OTHER`.
 */
export function errorType(error: unknown): string {
  if (error !== null && typeof error === 'object') {
    const { code, name } = error as { code?: unknown; name?: unknown };
    if (typeof code === 'string' && code !== '') return code;
    if (typeof name === 'string' && name !== '' && name !== 'Error') return name;
  }
  return ERROR_TYPE_OTHER;
}

/** Marks a span failed by a thrown error: status ERROR, `error.type`, and an exception event. */
export function recordFailure(span: Span, error: unknown): void {
  if (!span.isRecording()) return;
  span.setAttribute(ATTR_ERROR_TYPE, errorType(error));
  if (error instanceof Error) span.recordException(error);
  span.setStatus({
    code: SpanStatusCode.ERROR,
    message: error instanceof Error ? error.message : String(error),
  });
}
