import {
  context,
  createTraceState,
  SpanKind,
  SpanStatusCode,
  TraceFlags,
  trace,
} from '@opentelemetry/api';
import type { Broker, Queue, ReceivedMessage } from '@sealbus/core';
import { createMemoryBroker } from '@sealbus/memory';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { instrumentBroker, tracing } from '../src/index.js';
import { spanId, startTracingSdk } from './support/sdk.js';

const sdk = startTracingSdk();
afterAll(() => sdk.shutdown());
const tracerProvider = sdk.provider;
const tracer = tracerProvider.getTracer('application');

let plain: Broker;
let broker: Broker;
beforeEach(() => {
  sdk.exporter.reset();
  plain = createMemoryBroker();
  broker = instrumentBroker(plain, { tracerProvider });
});

const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

function attributes(count: number) {
  return Object.fromEntries(
    Array.from({ length: count }, (_, i) => [`a${i}`, { dataType: 'String', stringValue: `${i}` }]),
  );
}

async function receiveAll(queue: Queue): Promise<ReceivedMessage[]> {
  return (await plain.getQueue(queue.name)).receive({
    maxMessages: 10,
    visibilityTimeoutSeconds: 0,
  });
}

function named(name: string) {
  return sdk.spans().filter((span) => span.name === name);
}

describe('producer spans', () => {
  it('a batch gets a create span per entry, each entry its own context, and a CLIENT span linking them', async () => {
    const queue = await broker.createQueue('orders');
    const result = await queue.sendBatch([
      { id: 'ok', body: 'one' },
      { id: 'bad', body: 'two\u0000' },
      { id: 'ok2', body: 'three' },
    ]);
    expect(result.failed.map((f) => f.id)).toEqual(['bad']);
    const creates = named('create orders');
    expect(creates).toHaveLength(3);
    expect(creates.every((span) => span.kind === SpanKind.PRODUCER)).toBe(true);
    const [call] = named('send orders');
    expect(call).toMatchObject({
      kind: SpanKind.CLIENT,
      attributes: { 'messaging.batch.message_count': 3, 'messaging.operation.type': 'send' },
    });
    expect(call!.links.map((link) => link.context.spanId).sort()).toEqual(
      creates.map(spanId).sort(),
    );

    // Each stored message carries the context of its own create span.
    const stored = await receiveAll(queue);
    const byId = new Map(result.successful.map((s) => [s.messageId, s.id]));
    for (const message of stored) {
      const create = creates.find(
        (span) => span.attributes['messaging.message.id'] === message.messageId,
      );
      expect(byId.has(message.messageId)).toBe(true);
      expect(message.messageAttributes.traceparent?.stringValue).toBe(
        `00-${create!.spanContext().traceId}-${spanId(create!)}-01`,
      );
    }
    const failed = creates.find((span) => span.status.code === SpanStatusCode.ERROR);
    expect(failed?.attributes['error.type']).toBe(result.failed[0]!.code);
  });

  it('keeps a creation context the application set itself, and links the CLIENT send span to it', async () => {
    const queue = await broker.createQueue('orders');
    await queue.send('x', {
      messageAttributes: { traceparent: { dataType: 'String', stringValue: TRACEPARENT } },
    });
    const [send] = named('send orders');
    expect(send!.kind).toBe(SpanKind.CLIENT);
    expect(send!.links[0]!.context.spanId).toBe('b7ad6b7169203331');
    const [stored] = await receiveAll(queue);
    expect(stored!.messageAttributes.traceparent?.stringValue).toBe(TRACEPARENT);
    expect(stored!.attributes.AWSTraceHeader).toBeUndefined();
  });

  it('carries tracestate next to traceparent, and the process span continues with it', async () => {
    const queue = await broker.createQueue('orders');
    const remote = trace.setSpanContext(context.active(), {
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      traceFlags: TraceFlags.SAMPLED,
      traceState: createTraceState('vendor=abc'),
      isRemote: true,
    });
    await context.with(remote, () => queue.send('x'));
    const [stored] = await receiveAll(queue);
    expect(stored!.messageAttributes.tracestate?.stringValue).toBe('vendor=abc');
    await tracing({ tracerProvider })(async () => ({ status: 'consumed' }))(
      { ...stored!, queueName: 'orders' },
      undefined,
    );
    const [processed] = named('process orders');
    expect(processed!.spanContext().traceState?.get('vendor')).toBe('abc');
  });

  it('publishing with ten attributes adds none, so a raw subscription still gets the message', async () => {
    const topic = await broker.createTopic('events');
    const queue = await broker.createQueue('raw');
    await topic.subscribe(queue, { rawMessageDelivery: true });
    await topic.publish('x', { messageAttributes: attributes(10) });
    const [publish] = named('publish events');
    expect(publish!.attributes['sealbus.trace_context.carriers']).toEqual([]);
    const [delivered] = await receiveAll(queue);
    expect(delivered!.messageAttributes).toEqual(attributes(10));
  });

  it('writes only what the options allow: maxMessageAttributes 0, or awsTraceHeader false', async () => {
    const headerOnly = instrumentBroker(plain, { tracerProvider, maxMessageAttributes: 0 });
    await (await headerOnly.createQueue('a')).send('x');
    const [a] = await receiveAll(await plain.getQueue('a'));
    expect(a!.messageAttributes).toEqual({});
    expect(a!.attributes.AWSTraceHeader).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=/);

    const attributesOnly = instrumentBroker(plain, { tracerProvider, awsTraceHeader: false });
    await (await attributesOnly.createQueue('b')).send('x');
    const [b] = await receiveAll(await plain.getQueue('b'));
    expect(Object.keys(b!.messageAttributes)).toEqual(['traceparent']);
    expect(b!.attributes.AWSTraceHeader).toBeUndefined();
  });

  it('leaves malformed options to the backend, which refuses them with its own error', async () => {
    const queue = await broker.createQueue('orders');
    await expect(queue.send('x', { messageAttributes: null as never })).rejects.toMatchObject({
      code: 'InvalidParameterValue',
    });
    await expect(queue.send('x', { messageAttributes: 'tenant' as never })).rejects.toThrow(
      'MessageAttributes must be an object of named attributes; got "tenant"',
    );
  });

  it('a failed send ends its span with ERROR, the AWS error code as error.type and the exception', async () => {
    const queue = await broker.createQueue('gone');
    await plain.deleteQueue('gone');
    const error = (await queue.send('x').then(
      () => undefined,
      (e: unknown) => e,
    )) as { code: string };
    const [send] = named('send gone');
    expect(send!.status.code).toBe(SpanStatusCode.ERROR);
    expect(send!.attributes['error.type']).toBe(error.code);
    expect(send!.events.map((event) => event.name)).toEqual(['exception']);
  });
});

describe('consumer spans', () => {
  it('records no span for an empty receive unless asked, and always one for a failed receive', async () => {
    const queue = await broker.createQueue('idle');
    await queue.receive({ waitTimeSeconds: 0 });
    expect(named('receive idle')).toEqual([]);

    const recording = instrumentBroker(plain, { tracerProvider, recordEmptyReceives: true });
    await (await recording.getQueue('idle')).receive({ waitTimeSeconds: 0 });
    expect(named('receive idle')[0]!.attributes['messaging.batch.message_count']).toBe(0);

    await plain.deleteQueue('idle');
    await expect(queue.receive({ waitTimeSeconds: 0 })).rejects.toThrow();
    expect(named('receive idle')[1]!.status.code).toBe(SpanStatusCode.ERROR);
  });

  it('a receive of several messages links each creation context with its message id', async () => {
    const queue = await broker.createQueue('work');
    await queue.sendBatch(['a', 'b', 'c'].map((body, i) => ({ id: `${i}`, body })));
    const received = await queue.receive({ maxMessages: 10 });
    const [receive] = named('receive work');
    expect(receive!.attributes['messaging.batch.message_count']).toBe(3);
    const creates = new Map(
      named('create work').map((span) => [span.attributes['messaging.message.id'], spanId(span)]),
    );
    expect(receive!.links).toHaveLength(3);
    for (const link of receive!.links) {
      expect(link.context.spanId).toBe(creates.get(link.attributes?.['messaging.message.id']));
    }
    expect(received).toHaveLength(3);
  });

  it('what a handler sends continues the trace: its send span is a child of the process span', async () => {
    const inbox = await broker.createQueue('inbox');
    const outbox = await broker.createQueue('outbox');
    await inbox.send('x');
    const [message] = await inbox.receive();
    await tracing({ tracerProvider })(async () => {
      await outbox.send('follow-up');
      return { status: 'consumed' };
    })({ ...message!, queueName: 'inbox' }, undefined);
    const [processed] = named('process inbox');
    const [followUp] = named('send outbox');
    expect(followUp!.parentSpanContext?.spanId).toBe(spanId(processed!));
    expect(followUp!.spanContext().traceId).toBe(named('send inbox')[0]!.spanContext().traceId);
  });

  it('settlements are CLIENT settle spans with the batch size', async () => {
    const queue = await broker.createQueue('work');
    await queue.sendBatch([
      { id: '1', body: 'a' },
      { id: '2', body: 'b' },
    ]);
    const received = await queue.receive({ maxMessages: 10 });
    await queue.changeVisibility(received[0]!.receiptHandle, 5);
    await queue.deleteBatch(received.map((m) => m.receiptHandle));
    expect(named('change_visibility work')[0]).toMatchObject({
      kind: SpanKind.CLIENT,
      attributes: { 'messaging.operation.type': 'settle' },
    });
    expect(named('delete work')[0]!.attributes['messaging.batch.message_count']).toBe(2);
  });

  it('a throwing handler fails its process span; parent "active" keeps the ambient parent and links the message', async () => {
    const queue = await broker.createQueue('work');
    const ambient = tracer.startSpan('poll loop');
    await tracer.startActiveSpan('producer', async (span) => {
      await queue.send('x');
      span.end();
    });
    const [message] = await queue.receive();
    const failing = tracing({ tracerProvider, parent: 'active' })(async () => {
      throw new TypeError('boom');
    });
    await expect(
      context.with(trace.setSpan(context.active(), ambient), () =>
        failing({ ...message!, queueName: 'work' }, undefined),
      ),
    ).rejects.toThrow('boom');
    ambient.end();
    const [processed] = named('process work');
    const [send] = named('send work');
    expect(processed!.parentSpanContext?.spanId).toBe(ambient.spanContext().spanId);
    expect(processed!.links.map((link) => link.context.spanId)).toEqual([spanId(send!)]);
    expect(processed!.status.code).toBe(SpanStatusCode.ERROR);
    expect(processed!.attributes['error.type']).toBe('TypeError');
    expect(processed!.events[0]!.name).toBe('exception');
  });

  it('an error result fails the span too, a retryLater result does not', async () => {
    const message = {
      messageId: 'm',
      queueName: 'q',
      body: 'x',
      messageAttributes: {},
      attributes: {},
    };
    await tracing({ tracerProvider })(async () => ({ status: 'error', errorReason: 'bad record' }))(
      message,
      undefined,
    );
    await tracing({ tracerProvider })(async () => ({ status: 'retryLater' }))(message, undefined);
    const [error, later] = named('process q');
    expect(error!.status).toEqual({ code: SpanStatusCode.ERROR, message: 'bad record' });
    expect(error!.attributes['sealbus.handler.status']).toBe('error');
    expect(later!.status.code).toBe(SpanStatusCode.UNSET);
    expect(later!.attributes['sealbus.handler.status']).toBe('retryLater');
  });
});

describe('options', () => {
  it('refuses unknown keys, naming the one meant, and values out of range', () => {
    expect(() => instrumentBroker(plain, { maxMessageAtributes: 5 } as never)).toThrow(
      /no option "maxMessageAtributes"; did you mean "maxMessageAttributes"\?/,
    );
    expect(() => instrumentBroker(plain, { maxMessageAttributes: 11 })).toThrow(
      /maxMessageAttributes must be an integer from 0 to 10; got 11/,
    );
    expect(() => instrumentBroker(plain, { awsTraceHeader: 'yes' as never })).toThrow(
      /awsTraceHeader must be true or false/,
    );
    expect(() => tracing({ parent: 'producer' as never })).toThrow(
      /parent must be one of 'message', 'active'; got "producer"/,
    );
    expect(() => instrumentBroker({} as never)).toThrow(/needs a sealbus Broker/);
  });
});
