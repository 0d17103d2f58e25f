import { defineOptionKeys } from '@sealbus/core';
import type { CorrelationIdOptions } from '../middleware/correlationId.js';
import type { DeadLetterOptions } from '../middleware/deadLetter.js';
import type { DecryptOptions } from '../middleware/decrypt.js';
import type { DedupOptions } from '../middleware/dedup.js';
import type { RetryMiddlewareOptions } from '../middleware/retry.js';
import type { HandlerOptions, KeyBackoffOptions, RetryOptions } from './HandlerOptions.js';
import type { WorkerOptions } from './WorkerOptions.js';

/** The keys each worker options object may carry: anything else is refused with a suggestion. */
export const WORKER_OPTION_KEYS = defineOptionKeys<WorkerOptions>('worker options', {
  middleware: true,
  handlerDefaults: true,
  handleSignals: true,
  shutdownTimeoutMs: true,
  closeBroker: true,
  handlerSpy: true,
});

export const HANDLER_OPTION_KEYS = defineOptionKeys<HandlerOptions>('handler options', {
  concurrency: true,
  batchSize: true,
  waitTimeSeconds: true,
  pollingWaitTimeMs: true,
  visibilityTimeoutSeconds: true,
  heartbeatIntervalSeconds: true,
  handlerTimeoutMs: true,
  retry: true,
  keyBackoff: true,
  maxAttempts: true,
  principal: true,
  sealedPolicy: true,
  schema: true,
  bodyFormat: true,
  dedupWindowSeconds: true,
  middleware: true,
});

export const RETRY_OPTION_KEYS = defineOptionKeys<RetryOptions>('retry options', {
  baseDelaySeconds: true,
  maxDelaySeconds: true,
  jitter: true,
});

export const RETRY_MIDDLEWARE_OPTION_KEYS = defineOptionKeys<RetryMiddlewareOptions>(
  'retry middleware options',
  {
    baseDelaySeconds: true,
    maxDelaySeconds: true,
    jitter: true,
    maxAttempts: true,
    random: true,
    poisonMemory: true,
  },
);

export const KEY_BACKOFF_OPTION_KEYS = defineOptionKeys<KeyBackoffOptions>('keyBackoff options', {
  initialMs: true,
  maxMs: true,
});

export const HANDLER_SPY_OPTION_KEYS = defineOptionKeys<{ bufferSize?: number }>(
  'handlerSpy options',
  { bufferSize: true },
);

export const CORRELATION_ID_OPTION_KEYS = defineOptionKeys<CorrelationIdOptions>(
  'correlationId middleware options',
  { attributeName: true },
);

export const DEAD_LETTER_OPTION_KEYS = defineOptionKeys<DeadLetterOptions>(
  'deadLetter middleware options',
  { redrivePolicy: true, onDeadLettered: true },
);

export const DECRYPT_OPTION_KEYS = defineOptionKeys<DecryptOptions>('decrypt middleware options', {
  policy: true,
  onSealed: true,
});

export const DEDUP_OPTION_KEYS = defineOptionKeys<DedupOptions>('dedup middleware options', {
  windowSeconds: true,
  clock: true,
  maxEntries: true,
});
