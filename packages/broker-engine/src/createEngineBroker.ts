import {
  BrokerClosedError,
  type Clock,
  DEFAULT_ACCOUNT_ID,
  DEFAULT_QUEUE_BASE_URL,
  DEFAULT_REGION,
  type KeyProvider,
  type Logger,
  type MetricsSink,
  noopMetrics,
  silentLogger,
  systemClock,
} from '@sealbus/core';
import { EnvelopeEngine, type EnvelopeEngineOptions } from '@sealbus/envelope';
import { EngineBroker } from './EngineBroker.js';
import type { EngineContext } from './engine/EngineContext.js';
import { EngineMetrics } from './engine/EngineMetrics.js';
import { receiptHandleFactory } from './engine/ids.js';
import { retentionCutoff } from './queues/retentionCutoff.js';
import { BodySealer } from './sse/BodySealer.js';
import type { MessageStore } from './store/MessageStore.js';

export interface EngineBrokerDeps {
  store: MessageStore;
  keyProvider: KeyProvider;
  /** @defaultValue systemClock */
  clock?: Clock;
  /** @defaultValue silentLogger */
  logger?: Logger;
  /** @defaultValue noopMetrics */
  metrics?: MetricsSink;
}

export interface EngineBrokerOptions {
  /** @defaultValue 'us-east-1' */
  region?: string;
  /** @defaultValue '000000000000' */
  accountId?: string;
  /** Scheme, host and port of queue URLs. @defaultValue 'http://127.0.0.1:4566' */
  baseUrl?: string;
  /**
   * How often expired messages are swept from every queue (receives and counters also drop
   * them as they meet them). @defaultValue 60000
   */
  retentionSweepIntervalMs?: number;
  /** Data-key cache limits of the envelope engine. */
  envelope?: EnvelopeEngineOptions;
}

export const DEFAULT_RETENTION_SWEEP_INTERVAL_MS = 60_000;

/**
 * The broker of the local backends: every SQS/SNS rule lives here, storage plugs in through
 * `store`. The broker owns the store: `close()` closes it.
 */
export function createEngineBroker(
  deps: EngineBrokerDeps,
  options: EngineBrokerOptions = {},
): EngineBroker {
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger ?? silentLogger;
  const closing = new AbortController();
  const envelope = new EnvelopeEngine({ keyProvider: deps.keyProvider, clock }, options.envelope);
  const ctx: EngineContext = {
    store: deps.store,
    clock,
    logger,
    metrics: new EngineMetrics(deps.metrics ?? noopMetrics),
    sealer: new BodySealer(deps.keyProvider, envelope),
    region: options.region ?? DEFAULT_REGION,
    accountId: options.accountId ?? DEFAULT_ACCOUNT_ID,
    baseUrl: options.baseUrl ?? DEFAULT_QUEUE_BASE_URL,
    newReceiptHandle: receiptHandleFactory(),
    closeSignal: closing.signal,
    assertOpen: () => {
      if (closing.signal.aborted) {
        throw new BrokerClosedError('The broker is closed. Create a new one to continue.');
      }
    },
  };
  const sweep = setInterval(() => {
    sweepExpired(ctx).catch((error: unknown) => {
      logger.warn({ err: error }, 'retention sweep failed');
    });
  }, options.retentionSweepIntervalMs ?? DEFAULT_RETENTION_SWEEP_INTERVAL_MS);
  sweep.unref();
  return new EngineBroker(ctx, () => {
    clearInterval(sweep);
    closing.abort();
    envelope.clear();
  });
}

async function sweepExpired(ctx: EngineContext): Promise<void> {
  const now = ctx.clock.now();
  // A queue deleted since the listing is simply skipped.
  for (const queue of await ctx.store.listQueues()) {
    await ctx.store.expire(queue.name, { sentBefore: retentionCutoff(queue, now), now });
  }
}
