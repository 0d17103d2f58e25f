import type { Tracer } from '@opentelemetry/api';
import type { ResolvedTracingOptions } from '../options/TracingOptions.js';

/** What every traced queue and topic of one `instrumentBroker` call shares. */
export interface TracingRuntime {
  readonly tracer: Tracer;
  readonly options: ResolvedTracingOptions;
}
