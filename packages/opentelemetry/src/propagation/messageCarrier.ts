import type { SpanContext } from '@opentelemetry/api';
import type { MessageAttributes, SystemAttributes } from '@sealbus/core';
import { formatTraceparent, parseTraceparent } from './traceparent.js';
import { parseXRayTraceHeader } from './xrayTraceHeader.js';

/** The message attributes carrying W3C trace context, named as the W3C headers are. */
export const TRACEPARENT_ATTRIBUTE = 'traceparent';
export const TRACESTATE_ATTRIBUTE = 'tracestate';

/** SQS and SNS raw delivery allow at most 10 message attributes per message. */
export const MAX_MESSAGE_ATTRIBUTES = 10;

/** What a consumer looks at to find a message's creation context. */
export interface TraceCarrier {
  /** Absent for a sealed message: an envelope carries no readable SNS notification. */
  readonly body?: string;
  readonly messageAttributes: MessageAttributes;
  readonly attributes: Pick<SystemAttributes, 'AWSTraceHeader'>;
}

/** Whether the producer (the application) already put a creation context into the message. */
export function hasTraceparent(attributes: MessageAttributes | undefined): boolean {
  return isAttributeMap(attributes) && attributes[TRACEPARENT_ATTRIBUTE] !== undefined;
}

/** Attributes the wrapper may add to; anything else is left for the backend to refuse. */
export function isAttributeMap(attributes: unknown): attributes is MessageAttributes {
  return attributes !== null && typeof attributes === 'object' && !Array.isArray(attributes);
}

/**
 * A copy of `attributes` with `traceparent`, plus `tracestate` when the context has one, or
 * undefined when `traceparent` would take the message past `maxAttributes` attributes (a
 * `tracestate` that does not fit is left out on its own). The caller's object is never changed.
 */
export function injectTraceContext(
  spanContext: SpanContext,
  attributes: MessageAttributes | undefined,
  maxAttributes: number,
): MessageAttributes | undefined {
  const count = attributes === undefined ? 0 : Object.keys(attributes).length;
  if (count + 1 > maxAttributes) return undefined;
  const injected: MessageAttributes = {
    ...attributes,
    [TRACEPARENT_ATTRIBUTE]: { dataType: 'String', stringValue: formatTraceparent(spanContext) },
  };
  const tracestate = spanContext.traceState?.serialize();
  if (tracestate !== undefined && tracestate !== '' && count + 2 <= maxAttributes) {
    injected[TRACESTATE_ATTRIBUTE] = { dataType: 'String', stringValue: tracestate };
  }
  return injected;
}

/**
 * The creation context a producer attached to a message, looked up in this order:
 * 1. the `traceparent`/`tracestate` message attributes (direct sends, raw SNS deliveries);
 * 2. the same attributes inside the JSON body of a non-raw SNS delivery, where SNS puts the
 *    published message attributes (`MessageAttributes.traceparent.Value`);
 * 3. the X-Ray `AWSTraceHeader` system attribute (no `tracestate` there).
 * Anything malformed counts as absent: a forged value can start no more than a new trace.
 */
export function extractCreationContext(message: TraceCarrier): SpanContext | undefined {
  const fromAttributes = fromMessageAttributes(message.messageAttributes);
  if (fromAttributes !== undefined) return fromAttributes;
  const fromEnvelope = message.body === undefined ? undefined : fromSnsEnvelope(message.body);
  if (fromEnvelope !== undefined) return fromEnvelope;
  const header = message.attributes.AWSTraceHeader;
  return header === undefined ? undefined : parseXRayTraceHeader(header);
}

function fromMessageAttributes(attributes: MessageAttributes): SpanContext | undefined {
  const traceparent = attributes[TRACEPARENT_ATTRIBUTE]?.stringValue;
  if (traceparent === undefined) return undefined;
  return parseTraceparent(traceparent, attributes[TRACESTATE_ATTRIBUTE]?.stringValue);
}

/** The notification fields this reads; everything else in the envelope is left alone. */
interface SnsEnvelope {
  Type?: unknown;
  MessageAttributes?: Record<string, { Type?: unknown; Value?: unknown } | undefined>;
}

function fromSnsEnvelope(body: string): SpanContext | undefined {
  // Cheap tests first: most bodies are not SNS envelopes with trace context.
  if (body.charCodeAt(0) !== 123 /* { */ || !body.includes(`"${TRACEPARENT_ATTRIBUTE}"`)) {
    return undefined;
  }
  let envelope: SnsEnvelope;
  try {
    envelope = JSON.parse(body) as SnsEnvelope;
  } catch {
    return undefined;
  }
  if (envelope === null || typeof envelope !== 'object' || envelope.Type !== 'Notification') {
    return undefined;
  }
  const traceparent = envelope.MessageAttributes?.[TRACEPARENT_ATTRIBUTE]?.Value;
  if (typeof traceparent !== 'string') return undefined;
  const tracestate = envelope.MessageAttributes?.[TRACESTATE_ATTRIBUTE]?.Value;
  return parseTraceparent(traceparent, typeof tracestate === 'string' ? tracestate : undefined);
}
