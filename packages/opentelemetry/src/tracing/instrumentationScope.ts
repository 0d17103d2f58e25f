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
/**
 * This package's version, read at run time so that it follows each release, from src and dist
 * alike; undefined where the package.json is not beside the code (an application bundle).
 */
export const INSTRUMENTATION_VERSION: string | undefined = ownVersion();

function ownVersion(): string | undefined {
  try {
    const manifest = createRequire(import.meta.url)('../../package.json') as {
      name?: unknown;
      version?: unknown;
    };
    // In a bundle the path may reach another package.json: only ours counts.
    return manifest.name === INSTRUMENTATION_NAME && typeof manifest.version === 'string'
      ? manifest.version
      : undefined;
  } catch {
    return undefined;
  }
}

/** The tracer of this package: from `provider`, else the global one (a proxy that follows a later-registered SDK). */
export function sealbusTracer(provider: TracerProvider | undefined): Tracer {
  return (provider ?? trace).getTracer(INSTRUMENTATION_NAME, INSTRUMENTATION_VERSION);
}

export function sealbusMeter(provider: MeterProvider | undefined): Meter {
  return (provider ?? metrics).getMeter(INSTRUMENTATION_NAME, INSTRUMENTATION_VERSION);
}
