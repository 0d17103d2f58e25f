import type { TracerProvider } from '@opentelemetry/api';
import { MAX_MESSAGE_ATTRIBUTES } from '../propagation/messageCarrier.js';
import { checkBoolean, checkInteger, checkProvider, rejectUnknownKeys } from './checks.js';

/** Options of `instrumentBroker`. */
export interface TracingOptions {
  /** @defaultValue the global tracer provider, a no-op until an OpenTelemetry SDK registers one */
  tracerProvider?: TracerProvider;
  /**
   * The most message attributes a message may have once `traceparent` (and `tracestate`) are
   * added; when they do not fit, the message goes out without them, untouched. 0–10; lower it
   * to 9 with the AWS backend's client-side sealing, which adds its own attribute.
   * @defaultValue 10 (the SQS limit, and SNS's for raw delivery to SQS)
   */
  maxMessageAttributes?: number;
  /**
   * Also write the context as an X-Ray `AWSTraceHeader` system attribute on `send`/`sendBatch`.
   * It does not count against the attribute limit, so it carries the context when the
   * attributes are full. @defaultValue true
   */
  awsTraceHeader?: boolean;
  /** Record a receive span for a receive that returned no message. @defaultValue false */
  recordEmptyReceives?: boolean;
}

export interface ResolvedTracingOptions {
  tracerProvider: TracerProvider | undefined;
  maxMessageAttributes: number;
  awsTraceHeader: boolean;
  recordEmptyReceives: boolean;
}

export const DEFAULT_TRACING_OPTIONS = Object.freeze({
  maxMessageAttributes: MAX_MESSAGE_ATTRIBUTES,
  awsTraceHeader: true,
  recordEmptyReceives: false,
});

const KEYS = ['tracerProvider', 'maxMessageAttributes', 'awsTraceHeader', 'recordEmptyReceives'];

/** The one resolver of `TracingOptions`: defaults, ranges and unknown keys. */
export function resolveTracingOptions(options: TracingOptions = {}): ResolvedTracingOptions {
  rejectUnknownKeys('instrumentBroker options', options, KEYS);
  const merged = { ...DEFAULT_TRACING_OPTIONS, ...options };
  return {
    tracerProvider:
      merged.tracerProvider === undefined
        ? undefined
        : checkProvider<TracerProvider>('tracerProvider', merged.tracerProvider, 'getTracer'),
    maxMessageAttributes: checkInteger(
      'maxMessageAttributes',
      merged.maxMessageAttributes,
      0,
      MAX_MESSAGE_ATTRIBUTES,
    ),
    awsTraceHeader: checkBoolean('awsTraceHeader', merged.awsTraceHeader),
    recordEmptyReceives: checkBoolean('recordEmptyReceives', merged.recordEmptyReceives),
  };
}
