import type { MetricLabels } from '@sealbus/core';
import { describe, expect, it } from 'vitest';
import { ENGINE_METRICS, EngineMetrics } from './EngineMetrics.js';

describe('EngineMetrics', () => {
  it('counts locally and forwards non-zero counts to the sink', () => {
    const calls: Array<[string, MetricLabels | undefined, number | undefined]> = [];
    const metrics = new EngineMetrics({
      increment: (name, labels, value) => calls.push([name, labels, value]),
      observe: () => {},
    });
    metrics.count('sent', 3, { queue: 'q' });
    metrics.count('received', 0, { queue: 'q' });
    expect(metrics.snapshot()).toMatchObject({ sent: 3, received: 0 });
    expect(calls).toEqual([[ENGINE_METRICS.sent, { queue: 'q' }, 3]]);
  });
});
