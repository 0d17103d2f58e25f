import { createTraceState, isSpanContextValid, type SpanContext } from '@opentelemetry/api';

/**
 * W3C Trace Context `traceparent`: `version-traceId-parentId-flags` in lowercase hex. Version
 * `00` has exactly these four fields; a later version may append more, which a version-00 parser
 * ignores, and `ff` is never valid.
 */
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-[^\s]*)?$/;
/** Longer values are not trace context; the limit stops a hostile attribute from costing work. */
const MAX_TRACEPARENT_LENGTH = 256;
/** W3C: vendors must propagate at least 512 characters of `tracestate`. */
const MAX_TRACESTATE_LENGTH = 512;

/** The `traceparent` of a span context (version 00). */
export function formatTraceparent(spanContext: SpanContext): string {
  const flags = (spanContext.traceFlags & 0xff).toString(16).padStart(2, '0');
  return `00-${spanContext.traceId}-${spanContext.spanId}-${flags}`;
}

/**
 * The remote span context in a `traceparent` (and optional `tracestate`), or undefined when the
 * value is not valid trace context: wrong shape, version `ff`, extra fields on version 00, or an
 * all-zero trace or span id. A bad `tracestate` is dropped, the `traceparent` still counts.
 */
export function parseTraceparent(
  traceparent: string,
  tracestate?: string,
): SpanContext | undefined {
  if (traceparent.length > MAX_TRACEPARENT_LENGTH) return undefined;
  const match = TRACEPARENT.exec(traceparent);
  if (match === null) return undefined;
  const [, version, traceId, spanId, flags, rest] = match;
  if (version === 'ff' || (version === '00' && rest !== undefined)) return undefined;
  const spanContext: SpanContext = {
    traceId: traceId!,
    spanId: spanId!,
    traceFlags: Number.parseInt(flags!, 16),
    isRemote: true,
  };
  if (!isSpanContextValid(spanContext)) return undefined;
  if (tracestate !== undefined && tracestate.length <= MAX_TRACESTATE_LENGTH) {
    const traceState = createTraceState(tracestate);
    if (traceState.serialize() !== '') spanContext.traceState = traceState;
  }
  return spanContext;
}
