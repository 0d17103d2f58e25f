import { type Clock, systemClock } from '@sealbus/core';
import type { WorkerMetrics } from '../metrics/WorkerMetrics.js';
import type { Middleware } from '../types/handler.js';

/** Counts received/succeeded/failed/retried/discarded and records handler latency per queue. */
export function metrics(sink: WorkerMetrics, clock: Clock = systemClock): Middleware {
  return (next) => async (message, context) => {
    sink.increment(message.queueName, 'received');
    const started = clock.now();
    try {
      const result = await next(message, context);
      const counter =
        result.status === 'consumed'
          ? 'succeeded'
          : result.status === 'retryLater'
            ? 'retried'
            : result.status === 'discarded'
              ? 'discarded'
              : 'failed';
      sink.increment(message.queueName, counter);
      return result;
    } catch (error) {
      sink.increment(message.queueName, 'failed');
      throw error;
    } finally {
      sink.observeLatency(message.queueName, clock.now() - started);
    }
  };
}
