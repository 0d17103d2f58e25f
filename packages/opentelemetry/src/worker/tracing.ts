import {
  type Context,
  context,
  isSpanContextValid,
  type Link,
  type Span,
  SpanKind,
  SpanStatusCode,
  type TracerProvider,
  trace,
} from '@opentelemetry/api';
import { checkOneOf, checkProvider, rejectUnknownKeys } from '../options/checks.js';
import { extractCreationContext, type TraceCarrier } from '../propagation/messageCarrier.js';
import {
  ATTR_ERROR_TYPE,
  ATTR_MESSAGING_MESSAGE_ID,
  ATTR_SEALBUS_HANDLER_STATUS,
  ATTR_SEALBUS_RECEIVE_COUNT,
  ERROR_TYPE_OTHER,
  MESSAGING_SYSTEM,
  OperationType,
} from '../semconv.js';
import { isInert, runInSpan } from '../tracing/activeSpan.js';
import { sealbusTracer } from '../tracing/instrumentationScope.js';
import { type SpanTemplate, spanTemplate } from '../tracing/SpanTemplate.js';
import { recordFailure } from '../tracing/spanStatus.js';

/**
 * The parent of a process span:
 * - `message`: the message's creation context (the producer's span), so one trace runs from
 *   publish through fanout to every handler; an active span, if any, is linked instead.
 * - `active`: the context active when the worker runs the handler (the conventions' default),
 *   with the creation context as a link only.
 */
export type ProcessParent = 'message' | 'active';

export interface TracingMiddlewareOptions {
  /** @defaultValue the global tracer provider */
  tracerProvider?: TracerProvider;
  /** @defaultValue 'message' */
  parent?: ProcessParent;
}

/** What the middleware reads of a message; the worker's `InboundMessage` has all of it. */
export interface TracedMessage extends TraceCarrier {
  readonly messageId: string;
  readonly queueName: string;
  readonly receiveCount?: number;
}

/** What it reads of a handler's result; the worker's `HandlerResult` is one. */
export interface TracedResult {
  readonly status: string;
  readonly errorReason?: string;
}

/**
 * A worker middleware (`(next) => handler`), generic so that this package does not depend on
 * `@sealbus/worker`: it fits the worker's `Middleware` type as it is.
 */
export type TracingMiddleware = <M extends TracedMessage, C, R extends TracedResult>(
  next: (message: M, context: C) => Promise<R>,
) => (message: M, context: C) => Promise<R>;

const KEYS = ['tracerProvider', 'parent'];

/**
 * The worker middleware that records a CONSUMER `process <queue>` span around each delivery and
 * runs the rest of the chain, the handler included, in that span's context: spans the handler
 * starts (HTTP calls, database queries, messages it sends) become its children. The span links
 * to the message's creation context, ends with the handler's outcome (`sealbus.handler.status`;
 * status ERROR for a thrown error or an `error` result) and carries `messaging.message.id`.
 *
 * Register it as worker middleware: `new Worker(deps, { middleware: [tracing()] })`.
 */
export function tracing(options: TracingMiddlewareOptions = {}): TracingMiddleware {
  rejectUnknownKeys('tracing options', options, KEYS);
  const parentMode = checkOneOf<ProcessParent>('parent', options.parent ?? 'message', [
    'message',
    'active',
  ]);
  const tracer = sealbusTracer(
    options.tracerProvider === undefined
      ? undefined
      : checkProvider<TracerProvider>('tracerProvider', options.tracerProvider, 'getTracer'),
  );
  // One template per queue a worker consumes: a handful, built on first use.
  const templates = new Map<string, SpanTemplate>();
  const templateFor = (queueName: string): SpanTemplate => {
    let template = templates.get(queueName);
    if (template === undefined) {
      template = spanTemplate(MESSAGING_SYSTEM.queue, queueName, 'process', OperationType.process);
      templates.set(queueName, template);
    }
    return template;
  };

  return (next) => (message, handlerContext) => {
    const template = templateFor(message.queueName);
    const creation = extractCreationContext(message);
    const active = context.active();
    const links: Link[] = creation === undefined ? [] : [{ context: creation }];
    let parent: Context = active;
    if (parentMode === 'message' && creation !== undefined) {
      parent = trace.setSpanContext(active, creation);
      const ambient = trace.getSpanContext(active);
      if (ambient !== undefined && isSpanContextValid(ambient)) links.push({ context: ambient });
    }
    const span = tracer.startSpan(
      template.name,
      { kind: SpanKind.CONSUMER, attributes: template.attributes, links },
      parent,
    );
    if (isInert(span)) {
      span.end();
      return next(message, handlerContext);
    }
    if (span.isRecording()) {
      span.setAttribute(ATTR_MESSAGING_MESSAGE_ID, message.messageId);
      if (message.receiveCount !== undefined) {
        span.setAttribute(ATTR_SEALBUS_RECEIVE_COUNT, message.receiveCount);
      }
    }
    return processTraced(span, parent, () => next(message, handlerContext));
  };
}

async function processTraced<R extends TracedResult>(
  span: Span,
  parent: Context,
  handle: () => Promise<R>,
): Promise<R> {
  try {
    const result = await runInSpan(span, parent, handle);
    if (span.isRecording()) {
      span.setAttribute(ATTR_SEALBUS_HANDLER_STATUS, result.status);
      if (result.status === 'error') {
        span.setAttribute(ATTR_ERROR_TYPE, ERROR_TYPE_OTHER);
        span.setStatus({ code: SpanStatusCode.ERROR, message: result.errorReason ?? 'error' });
      }
    }
    return result;
  } catch (error) {
    recordFailure(span, error);
    throw error;
  } finally {
    span.end();
  }
}
