import { HandlerTimeoutError } from '../errors/HandlerTimeoutError.js';
import { checkInteger } from '../options/checks.js';
import type { Middleware } from '../types/handler.js';

/**
 * Fails a handler that runs longer than `timeoutMs` with `HandlerTimeoutError` (retried with
 * backoff) and aborts `context.signal`, so a handler that honours the signal stops its work.
 * A handler that ignores the signal keeps running in the background; its result is dropped.
 */
export function timeout(timeoutMs: number): Middleware {
  checkInteger('handlerTimeoutMs', timeoutMs, 1, 43_200_000);
  return (next) => (message, context) => {
    const controller = new AbortController();
    const signal = AbortSignal.any([context.signal, controller.signal]);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const error = new HandlerTimeoutError(message.messageId, timeoutMs);
        controller.abort(error);
        reject(error);
      }, timeoutMs);
      next(message, { ...context, signal }).then(
        (result) => {
          clearTimeout(timer);
          resolve(result);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  };
}
