import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { PromMetricsSink, promCounterName, promMetricName } from './PromMetricsSink.js';

describe('PromMetricsSink', () => {
  it('maps counters and histograms onto a prom-client registry with sanitized names', async () => {
    const registry = new Registry();
    const sink = new PromMetricsSink({ registry, buckets: [1, 10] });
    sink.increment('queue.sent', { queue: 'billing' });
    sink.increment('queue.sent', { queue: 'billing' }, 2);
    sink.increment('queue.sent', { queue: 'other', extra: 'dropped' });
    sink.observe('handler.latency-ms', 5, { queue: 'billing' });
    const text = await registry.metrics();
    expect(text).toContain('sealbus_queue_sent_total{queue="billing"} 3');
    expect(text).toContain('sealbus_queue_sent_total{queue="other"} 1');
    expect(text).toContain('sealbus_handler_latency_ms_bucket{le="10",queue="billing"} 1');
    expect(text).toContain('sealbus_handler_latency_ms_count{queue="billing"} 1');
  });

  it('fills labels missing after the first use with empty values', async () => {
    const registry = new Registry();
    const sink = new PromMetricsSink({ registry, prefix: 'x_' });
    sink.increment('a', { queue: 'q' });
    sink.increment('a');
    expect(await registry.metrics()).toContain('x_a_total{queue=""} 1');
  });

  it('makes any name a valid Prometheus name, prefixed once, counters ending in _total', () => {
    expect(promMetricName('', '9lives.total')).toBe('_9lives_total');
    expect(promMetricName('sealbus_', 'kms.generate-data-key')).toBe(
      'sealbus_kms_generate_data_key',
    );
    expect(promCounterName('sealbus_', 'sealbus_messages_sent_total')).toBe(
      'sealbus_messages_sent_total',
    );
    expect(promCounterName('sealbus_', 'sealbus_worker_received')).toBe(
      'sealbus_worker_received_total',
    );
  });
});
