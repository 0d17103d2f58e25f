export { instrumentBroker } from './broker/instrumentBroker.js';
export {
  type InstrumentSpec,
  KNOWN_METRICS,
  MESSAGING_DURATION_BOUNDARIES,
} from './metrics/metricMapping.js';
export {
  OpenTelemetryMetricsSink,
  type OpenTelemetryMetricsSinkOptions,
} from './metrics/OpenTelemetryMetricsSink.js';
export {
  DEFAULT_TRACING_OPTIONS,
  type ResolvedTracingOptions,
  resolveTracingOptions,
  type TracingOptions,
} from './options/TracingOptions.js';
export {
  extractCreationContext,
  injectTraceContext,
  MAX_MESSAGE_ATTRIBUTES,
  TRACEPARENT_ATTRIBUTE,
  TRACESTATE_ATTRIBUTE,
  type TraceCarrier,
} from './propagation/messageCarrier.js';
export { formatTraceparent, parseTraceparent } from './propagation/traceparent.js';
export { formatXRayTraceHeader, parseXRayTraceHeader } from './propagation/xrayTraceHeader.js';
export {
  ATTR_SEALBUS_HANDLER_STATUS,
  ATTR_SEALBUS_RECEIVE_COUNT,
  ATTR_SEALBUS_TRACE_CONTEXT_CARRIERS,
  MESSAGING_SYSTEM,
} from './semconv.js';
export { INSTRUMENTATION_NAME, INSTRUMENTATION_VERSION } from './tracing/instrumentationScope.js';
export {
  type ProcessParent,
  type TracedMessage,
  type TracedResult,
  type TracingMiddleware,
  type TracingMiddlewareOptions,
  tracing,
} from './worker/tracing.js';
