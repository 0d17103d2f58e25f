export {
  BACKEND_KINDS,
  type BackendConfig,
  type BackendConfigInput,
  type BackendEnv,
  type BackendKind,
  DEFAULT_BACKEND,
  DEFAULT_SQLITE_PATH,
  resolveBackendConfig,
} from './backend/BackendConfig.js';
export {
  type Backend,
  type BackendDeps,
  createBackend,
  createBroker,
  type LocalBackendParts,
} from './backend/createBackend.js';
export type {
  AliasEntry,
  AliasListPage,
  DeletionSchedule,
  KeyAdmin,
  KeyListPage,
  RotationStatus,
} from './backend/KeyAdmin.js';
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
export { EXIT_CODES } from './output/reportError.js';
export type { CommandContext } from './program/CommandContext.js';
export { main } from './program/main.js';
