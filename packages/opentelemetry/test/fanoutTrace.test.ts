import { type SpanContext, SpanKind, trace } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { type MessageAttributes, silentLogger } from '@sealbus/core';
import { Worker } from '@sealbus/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instrumentBroker, tracing } from '../src/index.js';
import {
  awsBackend,
  type BackendUnderTest,
  memoryBackend,
  sqliteBackend,
} from './support/backends.js';
import { spanId, startTracingSdk, traceId } from './support/sdk.js';

const sdk = startTracingSdk();
afterAll(() => sdk.shutdown());
const tracerProvider = sdk.provider;
const tracer = tracerProvider.getTracer('application');

let run = 0;
function unique(base: string): string {
  run++;
  return `otel${process.pid}-${Date.now().toString(36)}-${run}-${base}`;
}

function spansOn(destinations: readonly string[]): ReadableSpan[] {
  return sdk
    .spans()
    .filter((span) =>
      destinations.includes(String(span.attributes['messaging.destination.name'] ?? '')),
    );
}

function userAttributes(count: number): MessageAttributes {
  return Object.fromEntries(
    Array.from({ length: count }, (_, i) => [`a${i}`, { dataType: 'String', stringValue: `${i}` }]),
  );
}

const BACKENDS: Array<[string, () => Promise<BackendUnderTest> | BackendUnderTest]> = [
  ['memory', memoryBackend],
  ['sqlite', sqliteBackend],
  ['aws (through the gateway)', awsBackend],
];

describe.each(BACKENDS)('tracing on the %s backend', (_name, open) => {
  let backend: BackendUnderTest;

  beforeAll(async () => {
    backend = await open();
  }, 90_000);

  afterAll(() => backend?.close());

  it('one trace runs from a publish through SNS fanout to three handlers, each in its process span', async () => {
    // Producer and consumer use brokers of their own, as two processes would (one store on memory).
    const producer = instrumentBroker(backend.broker(), { tracerProvider });
    const consumer = instrumentBroker(backend.broker(), { tracerProvider });
    const topic = await producer.createTopic(unique('orders'));
    const names = ['billing', 'scheduling', 'audit'].map(unique);
    const queues = await Promise.all(names.map((name) => producer.createQueue(name)));
    // Raw delivery carries the context as message attributes; the others inside the SNS envelope.
    await topic.subscribe(queues[0]!, { rawMessageDelivery: true });
    await topic.subscribe(queues[1]!);
    await topic.subscribe(queues[2]!);

    const handled = new Map<string, { active: SpanContext | undefined; messageId: string }>();
    let allHandled!: () => void;
    const three = new Promise<void>((resolve) => {
      allHandled = resolve;
    });
    const worker = new Worker(
      { broker: consumer, logger: silentLogger },
      {
        middleware: [tracing({ tracerProvider })],
        handlerDefaults: { waitTimeSeconds: 1, bodyFormat: 'text' },
      },
    );
    for (const name of names) {
      worker.handle(name, async (message) => {
        handled.set(name, {
          active: trace.getActiveSpan()?.spanContext(),
          messageId: message.messageId,
        });
        if (handled.size === names.length) allHandled();
      });
    }
    await worker.start();
    const root = await tracer.startActiveSpan('POST /orders', async (span) => {
      try {
        await topic.publish('{"orderId":7}');
        return span.spanContext();
      } finally {
        span.end();
      }
    });
    await three;
    await worker.close();

    const [publish, ...others] = spansOn([topic.name]);
    expect(others).toEqual([]);
    expect(publish).toMatchObject({
      name: `publish ${topic.name}`,
      kind: SpanKind.PRODUCER,
      attributes: {
        'messaging.system': 'aws.sns',
        'messaging.destination.name': topic.name,
        'messaging.operation.name': 'publish',
        'messaging.operation.type': 'send',
        'aws.sns.topic.arn': topic.arn,
        'sealbus.trace_context.carriers': ['traceparent'],
      },
    });
    expect(publish!.parentSpanContext?.spanId).toBe(root.spanId);
    expect(traceId(publish!)).toBe(root.traceId);

    const spans = spansOn(names);
    const processSpans = spans.filter((span) => span.kind === SpanKind.CONSUMER);
    expect(processSpans.map((span) => span.name).sort()).toEqual(
      names.map((name) => `process ${name}`).sort(),
    );
    for (const span of processSpans) {
      const queueName = String(span.attributes['messaging.destination.name']);
      // A child of the publish span, in its trace, and linked to it as the conventions ask.
      expect(traceId(span)).toBe(root.traceId);
      expect(span.parentSpanContext?.spanId).toBe(spanId(publish!));
      expect(span.links.map((link) => link.context.spanId)).toContain(spanId(publish!));
      expect(span.attributes).toMatchObject({
        'messaging.system': 'aws_sqs',
        'messaging.operation.type': 'process',
        'messaging.message.id': handled.get(queueName)?.messageId,
        'sealbus.handler.status': 'consumed',
      });
      // The handler ran in the process span's context.
      expect(handled.get(queueName)?.active?.spanId).toBe(spanId(span));
    }

    // Each queue's receive is linked to the creation context, and each delivery was settled.
    for (const name of names) {
      const receives = spans.filter(
        (span) => span.name === `receive ${name}` && span.links.length > 0,
      );
      expect(receives.length).toBe(1);
      expect(receives[0]!.kind).toBe(SpanKind.CLIENT);
      expect(receives[0]!.links[0]!.context.spanId).toBe(spanId(publish!));
      expect(receives[0]!.attributes['messaging.batch.message_count']).toBe(1);
      expect(spans.some((span) => span.name === `delete ${name}`)).toBe(true);
    }
  });

  it('with ten user attributes a send leaves them alone and carries the context in AWSTraceHeader', async () => {
    const producer = instrumentBroker(backend.broker(), { tracerProvider });
    const queue = await producer.createQueue(unique('full'));
    const attributes = userAttributes(10);
    await tracer.startActiveSpan('job', async (span) => {
      await queue.send('{"n":1}', { messageAttributes: attributes });
      span.end();
    });
    const [send] = spansOn([queue.name]);
    expect(send).toMatchObject({
      name: `send ${queue.name}`,
      kind: SpanKind.PRODUCER,
      attributes: { 'sealbus.trace_context.carriers': ['AWSTraceHeader'] },
    });

    // On the wire (read without instrumentation): the ten attributes as sent, the X-Ray header.
    const plain = await backend.broker().getQueue(queue.url);
    const [message] = await plain.receive({ waitTimeSeconds: 1 });
    expect(message!.messageAttributes).toEqual(attributes);
    const { traceId: id, spanId: parent } = send!.spanContext();
    expect(message!.attributes.AWSTraceHeader).toBe(
      `Root=1-${id.slice(0, 8)}-${id.slice(8)};Parent=${parent};Sampled=1`,
    );

    // The consumer's process span still becomes a child of the send span.
    const process = tracing({ tracerProvider })(async () => ({ status: 'consumed' }));
    await process({ ...message!, queueName: queue.name }, undefined);
    const processed = spansOn([queue.name]).find((span) => span.kind === SpanKind.CONSUMER);
    expect(processed?.parentSpanContext?.spanId).toBe(parent);
    expect(traceId(processed!)).toBe(id);
  });
});
