import type { Queue } from '@sealbus/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CORRELATION_ID_ATTRIBUTE } from '../src/middleware/correlationId.js';
import type { Middleware } from '../src/types/handler.js';
import { BACKENDS } from './helpers/backends.js';
import { eventually } from './helpers/eventually.js';
import { type Harness, harness, MANUAL_CLOCK_POLLING, uniqueName } from './helpers/scenario.js';

describe.each(BACKENDS)('middleware chain on $name', (backend) => {
  let h: Harness;
  let queue: Queue;
  beforeEach(async () => {
    h = await harness(backend);
    queue = await h.broker.createQueue(uniqueName('chain'));
  });
  afterEach(async () => {
    await h.dispose();
  });

  const trace: string[] = [];
  const tracer =
    (name: string): Middleware =>
    (next) =>
    async (message, context) => {
      trace.push(`${name}>${context.correlationId}`);
      const result = await next(message, context);
      trace.push(`<${name}:${result.status}`);
      return result;
    };

  it('runs router middleware outside handler middleware, inside the built-ins, first listed outermost', async () => {
    trace.length = 0;
    const worker = h.worker({ middleware: [tracer('router1'), tracer('router2')] }).handle(
      queue.name,
      async () => {
        trace.push('handler');
      },
      { middleware: [tracer('handler1')], waitTimeSeconds: 1 },
    );
    await worker.start();
    const { messageId } = await queue.send('{}', {
      messageAttributes: {
        [CORRELATION_ID_ATTRIBUTE]: { dataType: 'String', stringValue: 'req-9' },
      },
    });
    const record = await worker.waitFor(messageId);
    expect(record.correlationId).toBe('req-9');
    expect(trace).toEqual([
      'router1>req-9',
      'router2>req-9',
      'handler1>req-9',
      'handler',
      '<handler1:consumed',
      '<router2:consumed',
      '<router1:consumed',
    ]);
  });

  it('lets a middleware short-circuit the handler and its result settles the message', async () => {
    let handled = 0;
    const gate: Middleware = () => async () => ({
      status: 'discarded',
      reason: 'tenant is suspended',
    });
    const worker = h.worker({ middleware: [gate] }).handle(
      queue.name,
      async () => {
        handled += 1;
      },
      { waitTimeSeconds: 1 },
    );
    await worker.start();
    const { messageId } = await queue.send('{}');
    await worker.waitFor(messageId, 'discarded');
    await eventually(async () => expect(await h.broker.peek(queue.name)).toEqual([]));
    expect(handled).toBe(0);
  });

  it('with dedupWindowSeconds a message redelivered after its visibility ran out is handled once', async () => {
    let handled = 0;
    let finish: () => void = () => {};
    const failures: string[] = [];
    const worker = h
      .worker()
      .handle(
        queue.name,
        () => {
          handled += 1;
          return new Promise((resolve) => {
            finish = () => resolve({ status: 'consumed' });
          });
        },
        {
          ...MANUAL_CLOCK_POLLING,
          concurrency: 2,
          visibilityTimeoutSeconds: 1,
          heartbeatIntervalSeconds: 0,
          dedupWindowSeconds: 300,
          retry: { jitter: 0 },
        },
      )
      .on('error', (_error, context) => failures.push(context.operation));
    const { messageId } = await queue.send('{}');
    await worker.start();
    await eventually(() => expect(handled).toBe(1));
    h.clock.advance(1_000);
    // Second delivery while the first still runs: put back, not run concurrently.
    await worker.waitFor(messageId, 'retryLater');
    finish();
    await worker.waitFor(messageId, 'consumed');
    // The first delivery's handle was superseded: as on SQS its delete succeeds but deletes
    // nothing, so the message stays for the next delivery.
    expect(failures).toEqual([]);
    expect(await h.broker.peek(queue.name)).toHaveLength(1);
    h.clock.advance(2_000);
    await worker.waitFor(messageId, 'discarded');
    await eventually(async () => expect(await h.broker.peek(queue.name)).toEqual([]));
    expect(handled).toBe(1);
  });
});
