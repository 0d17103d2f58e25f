import {
  type Context,
  context,
  INVALID_SPAN_CONTEXT,
  isSpanContextValid,
  type Span,
  trace,
} from '@opentelemetry/api';

/**
 * A span that records nothing and carries no context: what the no-op API (no SDK installed)
 * returns. Such a span changes nothing for the code it would wrap, so callers skip the context
 * switch, the injection and the async frame for it. The identity test against the API's
 * `INVALID_SPAN_CONTEXT`, which the no-op tracer hands out, spares the id regexes on that path.
 */
export function isInert(span: Span): boolean {
  if (span.isRecording()) return false;
  const spanContext = span.spanContext();
  return spanContext === INVALID_SPAN_CONTEXT || !isSpanContextValid(spanContext);
}

/** Runs `fn` with `span` active in `parent`. */
export function runInSpan<T>(span: Span, parent: Context, fn: () => Promise<T>): Promise<T> {
  return context.with(trace.setSpan(parent, span), fn);
}
