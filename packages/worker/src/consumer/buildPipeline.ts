import type { Clock, RedrivePolicy } from '@sealbus/core';
import type { WorkerMetrics } from '../metrics/WorkerMetrics.js';
import { correlationId } from '../middleware/correlationId.js';
import { deadLetter } from '../middleware/deadLetter.js';
import { decrypt } from '../middleware/decrypt.js';
import { dedup } from '../middleware/dedup.js';
import { logging } from '../middleware/logging.js';
import { metrics } from '../middleware/metrics.js';
import { retry } from '../middleware/retry.js';
import { timeout } from '../middleware/timeout.js';
import type { ResolvedHandlerOptions, SealedPolicy } from '../options/HandlerOptions.js';
import type { Handler, Middleware, SealedAwareHandler } from '../types/handler.js';
import type { InboundMessage, SealedMessage } from '../types/message.js';
import { payloadStage } from './payloadStage.js';

export interface PipelineDeps {
  clock: Clock;
  random: () => number;
  metrics: WorkerMetrics;
  redrivePolicy?: RedrivePolicy;
  onDeadLettered: (message: InboundMessage, deadLetterTargetArn: string) => void;
  onSealed: (message: SealedMessage, policy: SealedPolicy) => void;
}

/** Applies middleware so that the first in the list is the outermost, as in Watermill's router. */
export function compose(middleware: readonly Middleware[], handler: Handler): Handler {
  return middleware.reduceRight<Handler>((next, wrap) => wrap(next), handler);
}

/**
 * The chain of one handler, outermost first: correlationId → logging → metrics → deadLetter →
 * decrypt (sealed policy) → retry → dedup → timeout → router middleware → handler middleware →
 * payload decoding/validation → the handler.
 */
export function buildPipeline<T>(
  handler: SealedAwareHandler<T>,
  options: ResolvedHandlerOptions<T>,
  routerMiddleware: readonly Middleware[],
  deps: PipelineDeps,
): Handler {
  const maxAttempts = options.maxAttempts ?? deps.redrivePolicy?.maxReceiveCount;
  const builtIn: Middleware[] = [
    correlationId(),
    logging(deps.clock),
    metrics(deps.metrics, deps.clock),
    deadLetter({
      ...(deps.redrivePolicy === undefined ? {} : { redrivePolicy: deps.redrivePolicy }),
      onDeadLettered: deps.onDeadLettered,
    }),
    decrypt({ policy: options.sealedPolicy, onSealed: deps.onSealed }),
    retry({
      ...options.retry,
      ...(maxAttempts === undefined ? {} : { maxAttempts }),
      random: deps.random,
    }),
  ];
  if (options.dedupWindowSeconds > 0) {
    builtIn.push(dedup({ windowSeconds: options.dedupWindowSeconds, clock: deps.clock }));
  }
  if (options.handlerTimeoutMs > 0) builtIn.push(timeout(options.handlerTimeoutMs));
  const inner = payloadStage(handler, {
    bodyFormat: options.bodyFormat,
    ...(options.schema === undefined ? {} : { schema: options.schema }),
  });
  return compose([...builtIn, ...routerMiddleware, ...options.middleware], inner);
}
