export {
  createLogger,
  LOG_LEVELS,
  type LoggerOptions,
  REDACTED_LOG_PATHS,
} from './operability/createLogger.js';
export {
  DEFAULT_LATENCY_BUCKETS_MS,
  PromMetricsSink,
  type PromMetricsSinkOptions,
  promCounterName,
  promMetricName,
} from './operability/PromMetricsSink.js';
export type { CliIo, CliStream } from './output/CliIo.js';
export { type ErrorCategory, EXIT_CODES } from './output/errorTaxonomy.js';
export type { CommandContext } from './program/CommandContext.js';
export { main } from './program/main.js';
