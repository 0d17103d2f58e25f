import { type Clock, checkOptionKeys, systemClock } from '@sealbus/core';
import { checkInteger } from '../options/checks.js';
import { DEDUP_OPTION_KEYS } from '../options/optionKeys.js';
import type { Middleware } from '../types/handler.js';

export interface DedupOptions {
  /** How long a consumed message id is remembered. 1–86,400. */
  windowSeconds: number;
  /** @defaultValue systemClock */
  clock?: Clock;
  /** Most ids remembered; the oldest go first. 1–10,000,000. @defaultValue 100000 */
  maxEntries?: number;
}

/**
 * Idempotency by message id within a window, in this process: a redelivery of a message this
 * worker already consumed (its delete was lost, or its visibility ran out just before the
 * delete) is discarded instead of handled twice; a redelivery that arrives while the first
 * delivery is still running is put back (`retryLater`) rather than run concurrently.
 */
export function dedup(options: DedupOptions): Middleware {
  checkOptionKeys(options, DEDUP_OPTION_KEYS);
  const windowMs = checkInteger('dedupWindowSeconds', options.windowSeconds, 1, 86_400) * 1000;
  const maxEntries = checkInteger('maxEntries', options.maxEntries ?? 100_000, 1, 10_000_000);
  const clock = options.clock ?? systemClock;
  const consumedUntil = new Map<string, number>();
  const running = new Set<string>();

  const evict = (now: number): void => {
    for (const [id, until] of consumedUntil) {
      if (until > now && consumedUntil.size <= maxEntries) break;
      consumedUntil.delete(id);
    }
  };

  return (next) => async (message, context) => {
    const now = clock.now();
    const until = consumedUntil.get(message.messageId);
    if (until !== undefined && until > now) {
      return {
        status: 'discarded',
        reason: 'duplicate of a message consumed within the dedup window',
      };
    }
    if (running.has(message.messageId)) {
      return { status: 'retryLater', errorReason: 'the same message id is still being handled' };
    }
    running.add(message.messageId);
    try {
      const result = await next(message, context);
      if (result.status === 'consumed') {
        consumedUntil.delete(message.messageId);
        consumedUntil.set(message.messageId, clock.now() + windowMs);
        evict(clock.now());
      }
      return result;
    } finally {
      running.delete(message.messageId);
    }
  };
}
