import type { Clock, Logger, MetricsSink, Token } from '@sealbus/core';
import { TOKENS } from '@sealbus/core';

/** The clock, logger and metrics sink an engine broker runs with. */
export interface EngineRuntime {
  clock?: Clock;
  logger?: Logger;
  metrics?: MetricsSink;
}

/**
 * What a backend's container module gives its broker: each of the options' own runtime parts, or
 * else what the container binds under `TOKENS` (looked up with `lookup`, which returns undefined
 * for an unbound token). Unset parts stay absent, so the engine's defaults apply.
 */
export function engineRuntime(
  options: EngineRuntime,
  lookup: <T>(token: Token<T>) => T | undefined,
): EngineRuntime {
  const clock = options.clock ?? lookup(TOKENS.Clock);
  const logger = options.logger ?? lookup(TOKENS.Logger);
  const metrics = options.metrics ?? lookup(TOKENS.Metrics);
  return {
    ...(clock === undefined ? {} : { clock }),
    ...(logger === undefined ? {} : { logger }),
    ...(metrics === undefined ? {} : { metrics }),
  };
}
