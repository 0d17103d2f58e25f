import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Worker } from '../src/Worker.js';
import { BACKENDS } from './helpers/backends.js';
import { eventually } from './helpers/eventually.js';
import { type Harness, harness, MANUAL_CLOCK_POLLING } from './helpers/scenario.js';

const BACKLOG = 10;
const VISIBILITY_TIMEOUT_SECONDS = 30;
const MAX_RECEIVE_COUNT = 2;

/**
 * SQS fails ReceiveMessage with KmsDisabled / KmsInvalidState / KmsThrottled when the queue's
 * key cannot be used (ReceiveMessage API reference, Errors); it does not hand out the messages.
 * The broker does the same and counts no receive, and the worker backs off the queue.
 */
describe.each(BACKENDS)('a KMS blip on $name', (backend) => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness(backend);
  });
  afterEach(async () => {
    await h.dispose();
  });

  it('disabling the key of a queue being consumed moves nothing to the DLQ; the backlog is handled once the key is back', async () => {
    const { queue, dlq, keyArn } = await h.sealedQueueWithDlq(MAX_RECEIVE_COUNT);
    for (let i = 0; i < BACKLOG; i++) await queue.send(JSON.stringify({ record: i }));
    await h.kms.disableKey(keyArn);

    const lines: Array<Record<string, unknown>> = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n'))
          if (line !== '') lines.push(JSON.parse(line));
        done();
      },
    });
    const worker = new Worker(
      { broker: h.broker, logger: pino({ level: 'warn' }, sink), clock: h.clock },
      { handlerSpy: true },
    );
    h.workers.push(worker);
    const handled = new Map<string, number>();
    const backoffs: Array<{ code: string; delayMs: number; attempt: number }> = [];
    worker
      .handle(
        queue.name,
        async (message) => {
          handled.set(message.messageId, message.receiveCount);
        },
        {
          ...MANUAL_CLOCK_POLLING,
          concurrency: 4,
          visibilityTimeoutSeconds: VISIBILITY_TIMEOUT_SECONDS,
          keyBackoff: { initialMs: 1, maxMs: 8 },
        },
      )
      .on('keyUnavailable', (queueName, details) => {
        expect(queueName).toBe(queue.name);
        backoffs.push(details);
      });
    await worker.start();

    // Keep the key disabled for longer than visibilityTimeout × maxReceiveCount of broker time:
    // every lap the held-back messages become visible again and the receive fails again.
    const laps = MAX_RECEIVE_COUNT + 2;
    for (let lap = 0; lap < laps; lap++) {
      const seen = backoffs.length;
      await eventually(() => expect(backoffs.length).toBeGreaterThan(seen));
      h.clock.advance((VISIBILITY_TIMEOUT_SECONDS + 1) * 1000);
    }
    expect(handled.size).toBe(0);
    expect(await h.broker.peek(dlq.name)).toEqual([]);

    await h.kms.enableKey(keyArn);
    h.clock.advance((VISIBILITY_TIMEOUT_SECONDS + 1) * 1000);
    await eventually(() => expect(handled.size).toBe(BACKLOG));

    expect(await h.broker.peek(dlq.name)).toEqual([]);
    // No receive during the outage counted: each message was received once.
    expect([...handled.values()]).toEqual(Array(BACKLOG).fill(1));
    expect(backoffs[0]).toEqual({ code: 'KMS.DisabledException', delayMs: 1, attempt: 1 });
    expect(
      backoffs.some((b) => b.attempt > 1 && b.delayMs === Math.min(8, 2 ** (b.attempt - 1))),
    ).toBe(true);
    const counters = worker.metrics.snapshot()[queue.name]?.counters;
    expect(counters).toMatchObject({ deadLettered: 0, sealed: 0, failed: 0, succeeded: BACKLOG });
    expect(counters?.keyUnavailable).toBe(backoffs.length);
    const warnings = lines.filter((line) => String(line['msg']).startsWith('KMS key unavailable'));
    expect(warnings.length).toBe(backoffs.length);
    expect(warnings[0]).toMatchObject({ queueName: queue.name, code: 'KMS.DisabledException' });
    expect(h.broker.stats().counters.heldBack).toBeGreaterThanOrEqual(laps);
  });
});
