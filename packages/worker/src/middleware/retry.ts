import { checkOptionKeys, InvalidParameterValueError } from '@sealbus/core';
import { describeError } from '../errors/describeError.js';
import { UnrecoverableError } from '../errors/UnrecoverableError.js';
import { checkInteger } from '../options/checks.js';
import { type RetryOptions, resolveRetryOptions } from '../options/HandlerOptions.js';
import { RETRY_MIDDLEWARE_OPTION_KEYS } from '../options/optionKeys.js';
import type { Middleware } from '../types/handler.js';
import type { HandlerResult } from '../types/result.js';

export interface RetryMiddlewareOptions extends RetryOptions {
  /** Attempts before giving up to the queue's redrive; unlimited when unset. 1–1,000. */
  maxAttempts?: number;
  /** Source of randomness for jitter, in [0, 1). @defaultValue Math.random */
  random?: () => number;
  /** How many unrecoverable message ids to remember. @defaultValue 10000 */
  poisonMemory?: number;
}

/** The largest visibility timeout SQS accepts, which bounds any delay. */
const MAX_VISIBILITY_SECONDS = 43_200;

/**
 * Delay before attempt `attempt + 1`: base × 2^(attempt−1), capped, with the given share
 * randomised downwards. Whole seconds, because visibility timeouts are whole seconds.
 */
export function backoffDelaySeconds(
  attempt: number,
  options: { baseDelaySeconds: number; maxDelaySeconds: number; jitter: number },
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, attempt - 1);
  const ceiling = Math.min(options.maxDelaySeconds, options.baseDelaySeconds * 2 ** exponent);
  const jittered = ceiling * (1 - options.jitter * random());
  return Math.min(MAX_VISIBILITY_SECONDS, Math.max(0, Math.round(jittered)));
}

/**
 * Turns failures into SQS-style retries: a thrown error or a `retryLater` without a delay
 * becomes `retryLater` with exponential backoff (applied through `changeVisibility`). At
 * `maxAttempts`, or on an `UnrecoverableError`, it becomes `error`, which leaves the message for
 * the queue's redrive. An unrecoverable message id is remembered so that its remaining
 * deliveries are released at once without running the handler again; that walks it to
 * `maxReceiveCount` quickly. Other worker processes do not share that memory.
 */
export function retry(options: RetryMiddlewareOptions = {}): Middleware {
  checkOptionKeys(options, RETRY_MIDDLEWARE_OPTION_KEYS);
  const {
    maxAttempts: _attempts,
    random: _random,
    poisonMemory: _memory,
    ...backoffOptions
  } = options;
  const backoff = resolveRetryOptions(backoffOptions);
  const maxAttempts =
    options.maxAttempts === undefined
      ? undefined
      : checkInteger('maxAttempts', options.maxAttempts, 1, 1_000);
  const random = options.random ?? Math.random;
  const poisonMemory = checkInteger('poisonMemory', options.poisonMemory ?? 10_000, 1, 10_000_000);
  if (typeof random !== 'function') {
    throw new InvalidParameterValueError('random must be a function returning [0, 1).', {
      field: 'random',
    });
  }
  // Message id → the receive count at which it proved unrecoverable. A later delivery with a
  // higher count is the same life of the message; a lower or equal count means the message was
  // moved back (redrive resets the count) and deserves a fresh try.
  const poisoned = new Map<string, number>();
  const remember = (messageId: string, receiveCount: number): void => {
    poisoned.delete(messageId);
    poisoned.set(messageId, receiveCount);
    if (poisoned.size > poisonMemory) {
      const oldest = poisoned.keys().next().value;
      if (oldest !== undefined) poisoned.delete(oldest);
    }
  };
  const isPoisoned = (messageId: string, receiveCount: number): boolean => {
    const at = poisoned.get(messageId);
    if (at === undefined) return false;
    if (receiveCount > at) return true;
    poisoned.delete(messageId);
    return false;
  };

  return (next) => async (message, context) => {
    if (isPoisoned(message.messageId, message.receiveCount)) {
      return {
        status: 'error',
        errorReason: 'unrecoverable earlier; released for the queue redrive without handling',
      };
    }
    const exhausted = maxAttempts !== undefined && message.receiveCount >= maxAttempts;
    const giveUp = (reason: string, cause?: unknown): HandlerResult => ({
      status: 'error',
      errorReason: `${reason} (attempt ${message.receiveCount} of ${maxAttempts})`,
      ...(cause === undefined ? {} : { cause }),
    });
    const later = (reason: string | undefined, cause?: unknown): HandlerResult => ({
      status: 'retryLater',
      delaySeconds: backoffDelaySeconds(message.receiveCount, backoff, random),
      ...(reason === undefined ? {} : { errorReason: reason }),
      ...(cause === undefined ? {} : { cause }),
    });
    let result: HandlerResult;
    try {
      result = await next(message, context);
    } catch (error) {
      const reason = describeError(error);
      if (error instanceof UnrecoverableError) {
        remember(message.messageId, message.receiveCount);
        return { status: 'error', errorReason: reason, cause: error };
      }
      return exhausted ? giveUp(reason, error) : later(reason, error);
    }
    if (result.status !== 'retryLater') return result;
    if (exhausted) return giveUp(result.errorReason ?? 'retryLater', result.cause);
    if (result.delaySeconds !== undefined) return result;
    return { ...later(result.errorReason, result.cause) };
  };
}
