import { context, type Link, type Span, SpanKind, type Tracer } from '@opentelemetry/api';
import type { ReceivedMessage } from '@sealbus/core';
import { extractCreationContext } from '../propagation/messageCarrier.js';
import { ATTR_MESSAGING_BATCH_MESSAGE_COUNT, ATTR_MESSAGING_MESSAGE_ID } from '../semconv.js';
import { isInert, runInSpan } from '../tracing/activeSpan.js';
import type { SpanTemplate } from '../tracing/SpanTemplate.js';
import { recordFailure } from '../tracing/spanStatus.js';

/** Epoch milliseconds with the sub-millisecond part, as span start times take them. */
function now(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * A receive: a CLIENT span linked to the creation context of every message it returned. The span
 * is recorded when the call has returned, so that an empty long poll (most of them, for an idle
 * worker) costs no span unless `recordEmpty` asks for it; a failed receive is always recorded.
 */
export async function traceReceive(
  tracer: Tracer,
  template: SpanTemplate,
  recordEmpty: boolean,
  call: () => Promise<ReceivedMessage[]>,
): Promise<ReceivedMessage[]> {
  const startTime = now();
  let messages: ReceivedMessage[];
  try {
    messages = await call();
  } catch (error) {
    const span = tracer.startSpan(template.name, {
      kind: SpanKind.CLIENT,
      attributes: template.attributes,
      startTime,
    });
    recordFailure(span, error);
    span.end();
    throw error;
  }
  if (messages.length === 0 && !recordEmpty) return messages;
  const span = tracer.startSpan(template.name, {
    kind: SpanKind.CLIENT,
    attributes: template.attributes,
    startTime,
  });
  // Links cost a parse per message: only a recording span gets them.
  if (span.isRecording()) {
    span.setAttribute(ATTR_MESSAGING_BATCH_MESSAGE_COUNT, messages.length);
    const links: Link[] = [];
    for (const message of messages) {
      const creation = extractCreationContext(message);
      if (creation !== undefined) {
        links.push({
          context: creation,
          attributes: { [ATTR_MESSAGING_MESSAGE_ID]: message.messageId },
        });
      }
    }
    if (links.length > 0) span.addLinks(links);
  }
  span.end();
  return messages;
}

/** A settlement (delete or visibility change): a CLIENT span around the call. */
export function traceSettle<R>(
  tracer: Tracer,
  template: SpanTemplate,
  batchSize: number | undefined,
  call: () => Promise<R>,
): Promise<R> {
  const span = tracer.startSpan(template.name, {
    kind: SpanKind.CLIENT,
    attributes: template.attributes,
  });
  if (isInert(span)) {
    span.end();
    return call();
  }
  if (batchSize !== undefined && span.isRecording()) {
    span.setAttribute(ATTR_MESSAGING_BATCH_MESSAGE_COUNT, batchSize);
  }
  return settleTraced(span, call);
}

async function settleTraced<R>(span: Span, call: () => Promise<R>): Promise<R> {
  try {
    return await runInSpan(span, context.active(), call);
  } catch (error) {
    recordFailure(span, error);
    throw error;
  } finally {
    span.end();
  }
}
