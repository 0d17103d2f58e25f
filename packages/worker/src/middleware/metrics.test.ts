import type { MetricsSink } from '@sealbus/core';
import { describe, expect, it } from 'vitest';
import { handlerContext, inbound, ManualClock } from '../../test/fixtures.js';
import { HANDLER_LATENCY_METRIC, WorkerMetrics } from '../metrics/WorkerMetrics.js';
import type { HandlerResult } from '../types/result.js';
import { metrics } from './metrics.js';

describe('metrics middleware', () => {
  it('counts outcomes per queue, records latency and forwards both to the sink', async () => {
    const forwarded: string[] = [];
    const sink: MetricsSink = {
      increment: (name, labels) => forwarded.push(`${name}{${labels?.queue}}`),
      observe: (name, value) => forwarded.push(`${name}=${value}`),
    };
    const clock = new ManualClock();
    const workerMetrics = new WorkerMetrics(sink);
    const outcomes: HandlerResult[] = [
      { status: 'consumed' },
      { status: 'retryLater', delaySeconds: 1 },
      { status: 'error', errorReason: 'x' },
      { status: 'discarded', reason: 'dup' },
    ];
    for (const outcome of outcomes) {
      await metrics(
        workerMetrics,
        clock,
      )(async () => {
        clock.advance(5);
        return outcome;
      })(inbound(), handlerContext());
    }
    await metrics(
      workerMetrics,
      clock,
    )(async () => {
      throw new Error('boom');
    })(inbound(), handlerContext()).catch(() => undefined);
    const snapshot = workerMetrics.snapshot().orders!;
    expect(snapshot.counters).toMatchObject({
      received: 5,
      succeeded: 1,
      retried: 1,
      failed: 2,
      discarded: 1,
    });
    expect(snapshot.handlerLatency.count).toBe(5);
    expect(workerMetrics.latency('orders').p50()).toBeCloseTo(5, 0);
    expect(forwarded).toContain('sealbus_worker_succeeded_total{orders}');
    expect(forwarded.filter((f) => f.startsWith(HANDLER_LATENCY_METRIC))).toHaveLength(5);
  });
});
