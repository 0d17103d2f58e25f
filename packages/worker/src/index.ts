export { compose } from './consumer/buildPipeline.js';
export { type DeadLetterSummary, DlqInspector, type InspectOptions } from './dlq/DlqInspector.js';
export { type RedriveOptions, redriveToSource } from './dlq/redriveToSource.js';
export { DUPLICATE_HANDLER_ERROR, DuplicateHandlerError } from './errors/DuplicateHandlerError.js';
export { HANDLER_TIMEOUT_ERROR, HandlerTimeoutError } from './errors/HandlerTimeoutError.js';
export {
  MESSAGE_MOVE_FAILED_ERROR,
  MessageMoveFailedError,
} from './errors/MessageMoveFailedError.js';
export {
  PAYLOAD_VALIDATION_ERROR,
  PayloadValidationError,
} from './errors/PayloadValidationError.js';
export { SettlementError } from './errors/SettlementError.js';
export {
  UNRECOVERABLE_ERROR,
  UnrecoverableError,
  type UnrecoverableErrorCode,
} from './errors/UnrecoverableError.js';
export { WORKER_STATE_ERROR, WorkerStateError } from './errors/WorkerStateError.js';
export type { MessageRef, WorkerEventName, WorkerEvents } from './events/WorkerEvents.js';
export { LatencyHistogram, type LatencySummary } from './metrics/LatencyHistogram.js';
export {
  HANDLER_LATENCY_METRIC,
  METRIC_PREFIX,
  type QueueMetricsSnapshot,
  WORKER_COUNTERS,
  type WorkerCounter,
  WorkerMetrics,
} from './metrics/WorkerMetrics.js';
export {
  CORRELATION_ID_ATTRIBUTE,
  type CorrelationIdOptions,
  correlationId,
  readCorrelationId,
} from './middleware/correlationId.js';
export { type DeadLetterOptions, deadLetter } from './middleware/deadLetter.js';
export { type DecryptOptions, decrypt } from './middleware/decrypt.js';
export { type DedupOptions, dedup } from './middleware/dedup.js';
export { logging } from './middleware/logging.js';
export { metrics } from './middleware/metrics.js';
export { backoffDelaySeconds, type RetryMiddlewareOptions, retry } from './middleware/retry.js';
export { timeout } from './middleware/timeout.js';
export {
  type BodyFormat,
  DEFAULT_HANDLER_OPTIONS,
  DEFAULT_KEY_BACKOFF,
  DEFAULT_RETRY_OPTIONS,
  type DefaultedOption,
  type HandlerDefaults,
  type HandlerOptions,
  type KeyBackoffOptions,
  type ResolvedHandlerOptions,
  type ResolvedRetryOptions,
  type RetryOptions,
  resolveHandlerOptions,
  resolveKeyBackoff,
  resolveRetryOptions,
  type SealedPolicy,
} from './options/HandlerOptions.js';
export {
  DEFAULT_WORKER_OPTIONS,
  type ResolvedWorkerOptions,
  resolveWorkerOptions,
  type WorkerOptions,
} from './options/WorkerOptions.js';
export {
  type InferOutput,
  isStandardSchema,
  type StandardIssue,
  type StandardResult,
  type StandardSchemaV1,
} from './schema/StandardSchema.js';
export {
  HandlerSpy,
  type PublicHandlerSpy,
  type SpyRecord,
  type SpyStatus,
} from './testing/HandlerSpy.js';
export type {
  Handler,
  HandlerContext,
  HandlerReturn,
  MessageHandler,
  Middleware,
  QueueHandler,
  SealedAwareHandler,
} from './types/handler.js';
export type {
  InboundMessage,
  InboundOpenMessage,
  OpenMessage,
  SealedMessage,
  WorkerMessage,
} from './types/message.js';
export type { HandlerResult, HandlerStatus } from './types/result.js';
export { type CloseOptions, Worker, type WorkerDeps, type WorkerState } from './Worker.js';
