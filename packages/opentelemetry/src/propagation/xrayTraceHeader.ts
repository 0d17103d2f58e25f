import { isSpanContextValid, type SpanContext, TraceFlags } from '@opentelemetry/api';

/**
 * The AWS X-Ray trace header SQS carries in the `AWSTraceHeader` system attribute:
 * `Root=1-{8 hex epoch seconds}-{24 hex};Parent={16 hex};Sampled={0|1}`. A W3C trace id maps
 * onto `Root` by splitting its 32 hex digits 8 + 24, as the AWS X-Ray propagator does.
 */
const ROOT = /^1-([0-9a-f]{8})-([0-9a-f]{24})$/;
const PARENT = /^[0-9a-f]{16}$/;
const MAX_HEADER_LENGTH = 1024;

export function formatXRayTraceHeader(spanContext: SpanContext): string {
  const { traceId, spanId } = spanContext;
  const sampled = (spanContext.traceFlags & TraceFlags.SAMPLED) === TraceFlags.SAMPLED ? 1 : 0;
  return `Root=1-${traceId.slice(0, 8)}-${traceId.slice(8)};Parent=${spanId};Sampled=${sampled}`;
}

/**
 * The remote span context of an X-Ray trace header, or undefined without a valid `Root` and
 * `Parent`. Other fields (`Lineage`, `Self`, …) are ignored; `Sampled` other than `1` (`0`, `?`
 * or missing) means not sampled.
 */
export function parseXRayTraceHeader(header: string): SpanContext | undefined {
  if (header.length > MAX_HEADER_LENGTH) return undefined;
  let root: RegExpExecArray | null = null;
  let parent: string | undefined;
  let sampled = false;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    const key = part.slice(0, separator).trim();
    const value = part
      .slice(separator + 1)
      .trim()
      .toLowerCase();
    if (key === 'Root') root = ROOT.exec(value);
    else if (key === 'Parent' && PARENT.test(value)) parent = value;
    else if (key === 'Sampled') sampled = value === '1';
  }
  if (root === null || parent === undefined) return undefined;
  const spanContext: SpanContext = {
    traceId: `${root[1]}${root[2]}`,
    spanId: parent,
    traceFlags: sampled ? TraceFlags.SAMPLED : TraceFlags.NONE,
    isRemote: true,
  };
  return isSpanContextValid(spanContext) ? spanContext : undefined;
}
