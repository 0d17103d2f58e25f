import { trace } from '@opentelemetry/api';
import { type Broker, type Queue, silentLogger } from '@sealbus/core';
import { createMemoryBroker } from '@sealbus/memory';
import { Worker } from '@sealbus/worker';
import { describe, expect, it } from 'vitest';
import { instrumentBroker, OpenTelemetryMetricsSink, tracing } from '../src/index.js';

/**
 * What a user gets who installs no OpenTelemetry SDK: the API's global no-op providers and no
 * context manager. Nothing may be written into messages and nothing may fail. This file
 * registers nothing globally, and vitest runs each test file in its own module graph.
 */
describe('with the no-op OpenTelemetry API (no SDK installed)', () => {
  it('is really the no-op API here', () => {
    expect(trace.getTracer('probe').startSpan('probe').isRecording()).toBe(false);
  });

  it("adds no async frame and no context: a traced call returns the backend's own promise", async () => {
    const sent = Promise.resolve({ messageId: 'm-1', md5OfMessageBody: '' });
    const deleted = Promise.resolve();
    const batch = Promise.resolve({ successful: [], failed: [] });
    const inner = {
      name: 'orders',
      arn: 'arn:aws:sqs:us-east-1:000000000000:orders',
      url: 'http://localhost/000000000000/orders',
      send: () => sent,
      delete: () => deleted,
      sendBatch: () => batch,
    } as unknown as Queue;
    const queue = await instrumentBroker({
      getQueue: async () => inner,
    } as unknown as Broker).getQueue('orders');
    expect(queue.send('x')).toBe(sent);
    expect(queue.delete('rh')).toBe(deleted);
    expect(queue.sendBatch([{ id: '1', body: 'x' }])).toBe(batch);
    const handled = Promise.resolve({ status: 'consumed' });
    const message = {
      messageId: 'm',
      queueName: 'q',
      body: '{}',
      messageAttributes: {},
      attributes: {},
    };
    expect(tracing()(() => handled)(message, undefined)).toBe(handled);
  });

  it('publishes, fans out, sends and handles as before, and puts nothing into the messages', async () => {
    const plain = createMemoryBroker();
    const broker = instrumentBroker(plain);
    const topic = await broker.createTopic('orders');
    const raw = await broker.createQueue('billing');
    const enveloped = await broker.createQueue('audit');
    await topic.subscribe(raw, { rawMessageDelivery: true });
    await topic.subscribe(enveloped);
    const direct = await broker.createQueue('direct');
    const attributes = { tenant: { dataType: 'String', stringValue: 't-1' } };

    await topic.publish('{"orderId":1}', { messageAttributes: attributes });
    await direct.send('{"orderId":2}', { messageAttributes: attributes });
    await direct.sendBatch([{ id: 'a', body: '{"orderId":3}' }]);

    // The stored messages, read without instrumentation: only what the application sent.
    const [fromTopic] = await (await plain.getQueue('billing')).receive({
      visibilityTimeoutSeconds: 0,
    });
    expect(fromTopic!.messageAttributes).toEqual(attributes);
    const [fromEnvelope] = await (await plain.getQueue('audit')).receive({
      visibilityTimeoutSeconds: 0,
    });
    expect(fromEnvelope?.state).toBe('open');
    expect(
      JSON.parse(fromEnvelope?.state === 'open' ? fromEnvelope.body : '').MessageAttributes,
    ).toEqual({
      tenant: { Type: 'String', Value: 't-1' },
    });
    const sent = await (await plain.getQueue('direct')).receive({
      maxMessages: 10,
      visibilityTimeoutSeconds: 0,
    });
    expect(sent).toHaveLength(2);
    for (const message of sent) {
      expect(message.attributes.AWSTraceHeader).toBeUndefined();
      expect(message.messageAttributes.traceparent).toBeUndefined();
    }

    // The worker with the tracing middleware and the OpenTelemetry metrics sink handles them all.
    const recording: boolean[] = [];
    const worker = new Worker(
      { broker, logger: silentLogger, metrics: new OpenTelemetryMetricsSink() },
      { middleware: [tracing()], handlerDefaults: { waitTimeSeconds: 0, pollingWaitTimeMs: 5 } },
    );
    let handled = 0;
    let allHandled!: () => void;
    const four = new Promise<void>((resolve) => {
      allHandled = resolve;
    });
    for (const name of ['billing', 'audit', 'direct']) {
      worker.handle(name, async () => {
        recording.push(trace.getActiveSpan()?.isRecording() ?? false);
        handled++;
        if (handled === 4) allHandled();
      });
    }
    await worker.start();
    await four;
    await worker.close();
    expect(recording).toEqual([false, false, false, false]);
    expect(worker.metrics.snapshot().direct?.counters.succeeded).toBe(2);
    await broker.close();
  });
});
