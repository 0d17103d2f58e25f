import {
  context,
  isSpanContextValid,
  type Link,
  type Span,
  type SpanContext,
  SpanKind,
  SpanStatusCode,
  type Tracer,
} from '@opentelemetry/api';
import type { BatchResult, MessageAttributes } from '@sealbus/core';
import {
  hasTraceparent,
  injectTraceContext,
  isAttributeMap,
  TRACEPARENT_ATTRIBUTE,
  TRACESTATE_ATTRIBUTE,
} from '../propagation/messageCarrier.js';
import { parseTraceparent } from '../propagation/traceparent.js';
import { formatXRayTraceHeader } from '../propagation/xrayTraceHeader.js';
import {
  ATTR_ERROR_TYPE,
  ATTR_MESSAGING_BATCH_MESSAGE_COUNT,
  ATTR_MESSAGING_MESSAGE_ID,
  ATTR_SEALBUS_TRACE_CONTEXT_CARRIERS,
} from '../semconv.js';
import { isInert, runInSpan } from '../tracing/activeSpan.js';
import type { SpanTemplate } from '../tracing/SpanTemplate.js';
import { recordFailure } from '../tracing/spanStatus.js';

/** The message fields trace context goes into; `awsTraceHeader` exists on SQS sends only. */
export interface Carried {
  messageAttributes?: MessageAttributes;
  awsTraceHeader?: string;
}

export interface CarrierRules {
  maxMessageAttributes: number;
  /** Write `awsTraceHeader` too (SQS sends; SNS publish has no such field). */
  awsTraceHeader: boolean;
}

/**
 * Puts the context of `span` into a copy of `message`: `traceparent`/`tracestate` attributes when
 * they fit, and the X-Ray header when the rules ask for it and the caller set none. A span
 * without a valid context (the no-op API) leaves the message as it is.
 */
export function carryContext<M extends Carried>(span: Span, message: M, rules: CarrierRules): M {
  if (isInert(span)) return message;
  const spanContext = span.spanContext();
  if (!isSpanContextValid(spanContext)) return message;
  const carriers: string[] = [];
  let carried = message;
  const given = message.messageAttributes;
  const attributes =
    given === undefined || isAttributeMap(given)
      ? injectTraceContext(spanContext, given, rules.maxMessageAttributes)
      : undefined;
  if (attributes !== undefined) {
    carried = { ...carried, messageAttributes: attributes };
    carriers.push(TRACEPARENT_ATTRIBUTE);
  }
  if (rules.awsTraceHeader && message.awsTraceHeader === undefined) {
    carried = { ...carried, awsTraceHeader: formatXRayTraceHeader(spanContext) };
    carriers.push('AWSTraceHeader');
  }
  if (span.isRecording()) span.setAttribute(ATTR_SEALBUS_TRACE_CONTEXT_CARRIERS, carriers);
  return carried;
}

/** A creation context the application put into the message itself, which is kept as it is. */
function customCreationContext(message: Carried): SpanContext | undefined {
  const attributes = message.messageAttributes;
  if (!hasTraceparent(attributes)) return undefined;
  return parseTraceparent(
    attributes![TRACEPARENT_ATTRIBUTE]!.stringValue ?? '',
    attributes![TRACESTATE_ATTRIBUTE]?.stringValue,
  );
}

/**
 * One message sent or published: a PRODUCER span whose context becomes the message's creation
 * context. When the application already set `traceparent`, that stays the creation context: the
 * span is then a CLIENT span linking to it, as the conventions ask.
 */
export function produceOne<M extends Carried, R extends { messageId: string }>(
  tracer: Tracer,
  template: SpanTemplate,
  message: M,
  rules: CarrierRules,
  call: (message: M) => Promise<R>,
): Promise<R> {
  // Bad options are the backend's to refuse, with its own error.
  if (message === null || typeof message !== 'object') return call(message);
  const custom = hasTraceparent(message.messageAttributes);
  const customContext = custom ? customCreationContext(message) : undefined;
  const span = tracer.startSpan(template.name, {
    kind: custom ? SpanKind.CLIENT : SpanKind.PRODUCER,
    attributes: template.attributes,
    ...(customContext === undefined ? {} : { links: [{ context: customContext }] }),
  });
  if (isInert(span)) {
    span.end();
    return call(message);
  }
  return produceTraced(span, custom ? message : carryContext(span, message, rules), call);
}

async function produceTraced<M, R extends { messageId: string }>(
  span: Span,
  carried: M,
  call: (message: M) => Promise<R>,
): Promise<R> {
  try {
    const result = await runInSpan(span, context.active(), () => call(carried));
    if (span.isRecording()) span.setAttribute(ATTR_MESSAGING_MESSAGE_ID, result.messageId);
    return result;
  } catch (error) {
    recordFailure(span, error);
    throw error;
  } finally {
    span.end();
  }
}

/**
 * A batch: one PRODUCER "create" span per entry, whose context goes into that entry, and one
 * CLIENT span for the call that links to every entry's creation context. Each create span ends
 * with its entry's outcome (message id, or the entry's error code).
 */
export function produceBatch<E extends Carried & { id: string }, R extends { messageId: string }>(
  tracer: Tracer,
  templates: { call: SpanTemplate; create: SpanTemplate },
  entries: E[],
  rules: CarrierRules,
  call: (entries: E[]) => Promise<BatchResult<R>>,
): Promise<BatchResult<R>> {
  const creates = new Map<string, Span>();
  const links: Link[] = [];
  const carried = entries.map((entry) => {
    if (entry === null || typeof entry !== 'object') return entry;
    if (hasTraceparent(entry.messageAttributes)) {
      const custom = customCreationContext(entry);
      if (custom !== undefined) links.push({ context: custom });
      return entry;
    }
    const create = tracer.startSpan(templates.create.name, {
      kind: SpanKind.PRODUCER,
      attributes: templates.create.attributes,
    });
    if (isInert(create)) {
      create.end();
      return entry;
    }
    creates.set(entry.id, create);
    links.push({ context: create.spanContext() });
    return carryContext(create, entry, rules);
  });
  const span = tracer.startSpan(templates.call.name, {
    kind: SpanKind.CLIENT,
    attributes: templates.call.attributes,
    links,
  });
  if (creates.size === 0 && isInert(span)) {
    span.end();
    return call(entries);
  }
  if (span.isRecording()) span.setAttribute(ATTR_MESSAGING_BATCH_MESSAGE_COUNT, entries.length);
  return batchTraced(span, creates, carried, call);
}

async function batchTraced<E, R extends { messageId: string }>(
  span: Span,
  creates: Map<string, Span>,
  carried: E[],
  call: (entries: E[]) => Promise<BatchResult<R>>,
): Promise<BatchResult<R>> {
  try {
    const result = await runInSpan(span, context.active(), () => call(carried));
    for (const sent of result.successful) {
      creates.get(sent.id)?.setAttribute(ATTR_MESSAGING_MESSAGE_ID, sent.messageId);
    }
    for (const failed of result.failed) {
      const create = creates.get(failed.id);
      create?.setAttribute(ATTR_ERROR_TYPE, failed.code);
      create?.setStatus({ code: SpanStatusCode.ERROR, message: failed.message });
    }
    return result;
  } catch (error) {
    recordFailure(span, error);
    for (const create of creates.values()) recordFailure(create, error);
    throw error;
  } finally {
    for (const create of creates.values()) create.end();
    span.end();
  }
}
