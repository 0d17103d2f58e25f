import type { Attributes } from '@opentelemetry/api';
import type { MetricLabels } from '@sealbus/core';
import {
  ATTR_MESSAGING_DESTINATION_NAME,
  ATTR_MESSAGING_OPERATION_NAME,
  ATTR_MESSAGING_SYSTEM,
  MESSAGING_SYSTEM,
} from '../semconv.js';

/** How one sealbus metric becomes an OpenTelemetry instrument. */
export interface InstrumentSpec {
  readonly kind: 'counter' | 'histogram';
  readonly name: string;
  readonly unit: string;
  readonly description: string;
  /** Each value is multiplied by this (milliseconds to the conventions' seconds). */
  readonly scale: number;
  /** Added to every measurement. */
  readonly attributes: Attributes;
  /** Explicit histogram bucket boundaries, as advice to the SDK. */
  readonly boundaries?: readonly number[];
}

/** The bucket boundaries the conventions advise for messaging durations, in seconds. */
export const MESSAGING_DURATION_BOUNDARIES = [
  0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
] as const;

const PROCESS = Object.freeze({
  [ATTR_MESSAGING_SYSTEM]: MESSAGING_SYSTEM.queue,
  [ATTR_MESSAGING_OPERATION_NAME]: 'process',
});

function workerCounter(counter: string, description: string): InstrumentSpec {
  return {
    kind: 'counter',
    name: `sealbus.worker.messages.${counter}`,
    unit: '{message}',
    description,
    scale: 1,
    attributes: PROCESS,
  };
}

/**
 * The worker's metrics (`@sealbus/worker` reports them as `sealbus_worker_*`). Two have an
 * instrument in the messaging conventions and take its name, unit and attributes; the others are
 * sealbus counters under `sealbus.worker.messages.*`.
 */
export const KNOWN_METRICS: Readonly<Record<string, InstrumentSpec>> = Object.freeze({
  sealbus_worker_received_total: {
    kind: 'counter',
    name: 'messaging.client.consumed.messages',
    unit: '{message}',
    description: 'Messages the sealbus worker delivered to a handler.',
    scale: 1,
    attributes: PROCESS,
  },
  sealbus_worker_handler_latency_ms: {
    kind: 'histogram',
    name: 'messaging.process.duration',
    unit: 's',
    description: 'Duration of the sealbus worker handling one message, middleware included.',
    scale: 1 / 1000,
    attributes: PROCESS,
    boundaries: MESSAGING_DURATION_BOUNDARIES,
  },
  sealbus_worker_succeeded_total: workerCounter('succeeded', 'Messages handled and deleted.'),
  sealbus_worker_failed_total: workerCounter('failed', 'Deliveries whose handling failed.'),
  sealbus_worker_retried_total: workerCounter('retried', 'Deliveries put back for a retry.'),
  sealbus_worker_deadLettered_total: workerCounter(
    'dead_lettered',
    'Failed deliveries at or past maxReceiveCount: the next receive dead-letters them.',
  ),
  sealbus_worker_sealed_total: workerCounter('sealed', 'Messages received still sealed.'),
  sealbus_worker_discarded_total: workerCounter('discarded', 'Messages deleted unhandled.'),
  sealbus_worker_keyUnavailable_total: workerCounter(
    'key_unavailable',
    'Receives that failed on an unavailable KMS key (disabled, pending deletion, throttled, unreachable); the consumer backed off.',
  ),
});

/**
 * Any other sealbus metric, such as the engine's `sealbus_messages_sent_total`: a counter or a
 * histogram named in OpenTelemetry style, `sealbus.messages.sent` (`_total` dropped, `_` → `.`).
 */
export function derivedSpec(kind: InstrumentSpec['kind'], name: string): InstrumentSpec {
  const base = kind === 'counter' ? name.replace(/_total$/, '') : name;
  const otelName = base.replace(/[^A-Za-z0-9_./-]/g, '_').replace(/_/g, '.');
  return {
    kind,
    name: /^[A-Za-z]/.test(otelName) ? otelName.slice(0, 255) : `sealbus.${otelName}`.slice(0, 255),
    unit: '',
    description: `sealbus ${kind} ${name}`,
    scale: 1,
    attributes: {},
  };
}

/** sealbus label keys with a name in the conventions; the others are kept as they are. */
const LABEL_ATTRIBUTES: Readonly<Record<string, string>> = Object.freeze({
  queue: ATTR_MESSAGING_DESTINATION_NAME,
  topic: ATTR_MESSAGING_DESTINATION_NAME,
});

export function toAttributes(spec: InstrumentSpec, labels: MetricLabels | undefined): Attributes {
  const attributes: Attributes = { ...spec.attributes };
  if (labels !== undefined) {
    for (const key of Object.keys(labels)) {
      attributes[LABEL_ATTRIBUTES[key] ?? key] = labels[key];
    }
  }
  return attributes;
}
