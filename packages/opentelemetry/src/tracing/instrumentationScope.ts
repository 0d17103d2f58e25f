import { createRequire } from 'node:module';
import {
  type Meter,
  type MeterProvider,
  metrics,
  type Tracer,
  type TracerProvider,
  trace,
} from '@opentelemetry/api';

/** The instrumentation scope of every span and instrument this package creates. */
export const INSTRUMENTATION_NAME = '@sealbus/opentelemetry';
/** Read at run time so that the scope version follows the package release, from src or dist. */
export const INSTRUMENTATION_VERSION: string = (
  createRequire(import.meta.url)('../../package.json') as { version: string }
).version;

/** The tracer of this package: from `provider`, else the global one (a proxy that follows a later-registered SDK). */
export function sealbusTracer(provider: TracerProvider | undefined): Tracer {
  return (provider ?? trace).getTracer(INSTRUMENTATION_NAME, INSTRUMENTATION_VERSION);
}

export function sealbusMeter(provider: MeterProvider | undefined): Meter {
  return (provider ?? metrics).getMeter(INSTRUMENTATION_NAME, INSTRUMENTATION_VERSION);
}
