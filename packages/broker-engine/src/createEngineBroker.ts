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
import { HttpPush, type SnsHttpOptions } from './topics/push/HttpPush.js';
import { RecordedDeliveries } from './topics/push/RecordedDeliveries.js';

export interface EngineBrokerDeps {
  store: MessageStore;
  keyProvider: KeyProvider;
  /** @defaultValue systemClock */
  clock?: Clock | undefined;
  /** @defaultValue silentLogger */
  logger?: Logger | undefined;
  /** @defaultValue noopMetrics */
  metrics?: MetricsSink | undefined;
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
  /** SNS http/https delivery (signing key, service URL); without it those protocols are refused. */
  snsHttp?: SnsHttpOptions;
}

export const DEFAULT_RETENTION_SWEEP_INTERVAL_MS = 60_000;

/** Every `EngineBrokerOptions` key: the compiler keeps this in step with the interface. */
const ENGINE_OPTION_KEYS: Record<keyof EngineBrokerOptions, true> = {
  region: true,
  accountId: true,
  baseUrl: true,
  retentionSweepIntervalMs: true,
  envelope: true,
  snsHttp: true,
};

/**
 * A backend's options (which extend `EngineBrokerOptions`) split into the engine's and the
 * backend's own, so a backend hands the engine's on whole instead of listing each (and silently
 * dropping one added later) and destructures only its own from the rest.
 */
export function splitEngineOptions<T extends EngineBrokerOptions>(
  options: T,
): [engine: EngineBrokerOptions, own: Omit<T, keyof EngineBrokerOptions>] {
  const engine: Record<string, unknown> = {};
  const own: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (!Object.hasOwn(ENGINE_OPTION_KEYS, key)) own[key] = value;
    else if (value !== undefined) engine[key] = value;
  }
  return [engine as EngineBrokerOptions, own as Omit<T, keyof EngineBrokerOptions>];
}

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
    push:
      options.snsHttp === undefined
        ? undefined
        : new HttpPush(options.snsHttp, logger, closing.signal),
    recorded: new RecordedDeliveries(),
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
