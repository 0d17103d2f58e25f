import { type Broker, InvalidParameterValueError } from '@sealbus/core';
import { resolveTracingOptions, type TracingOptions } from '../options/TracingOptions.js';
import { sealbusTracer } from '../tracing/instrumentationScope.js';
import { TracedBroker } from './TracedBroker.js';

/**
 * Wraps any sealbus `Broker` (memory, SQLite, AWS) so that its queues and topics record
 * OpenTelemetry messaging spans and carry W3C trace context in every message they send or
 * publish. It works on the public `Broker` API only; the broker itself is not changed, and a
 * broker that is not wrapped does no tracing work at all.
 */
export function instrumentBroker(broker: Broker, options: TracingOptions = {}): Broker {
  if (broker === null || typeof broker !== 'object' || typeof broker.getQueue !== 'function') {
    throw new InvalidParameterValueError(
      'instrumentBroker(broker) needs a sealbus Broker (createMemoryBroker(), createSqliteBroker(), createAwsBroker(), …).',
      { field: 'broker' },
    );
  }
  const resolved = resolveTracingOptions(options);
  return new TracedBroker(broker, {
    tracer: sealbusTracer(resolved.tracerProvider),
    options: resolved,
  });
}
