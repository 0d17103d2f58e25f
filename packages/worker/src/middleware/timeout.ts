import { HandlerTimeoutError } from '../errors/HandlerTimeoutError.js';
import { checkInteger } from '../options/checks.js';
import type { Middleware } from '../types/handler.js';
import type { HandlerResult } from '../types/result.js';

/**
 * Fails a handler that runs longer than `timeoutMs` with `HandlerTimeoutError` (retried with
 * backoff) and aborts `context.signal`, so a handler that honours the signal stops its work.
 * A handler that ignores the signal keeps running in the background; its result is dropped.
 */
export function timeout(timeoutMs: number): Middleware {
  checkInteger('handlerTimeoutMs', timeoutMs, 1, 43_200_000);
  return (next) => (message, context) => {
    const controller = new AbortController();
    // Forward an outer abort by hand: AbortSignal.any costs weak references on every message.
    const forward = () => controller.abort(context.signal.reason);
    if (context.signal.aborted) forward();
    else context.signal.addEventListener('abort', forward, { once: true });
    return new Promise<HandlerResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        const error = new HandlerTimeoutError(message.messageId, timeoutMs);
        controller.abort(error);
        reject(error);
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        context.signal.removeEventListener('abort', forward);
      };
      next(message, { ...context, signal: controller.signal }).then(
        (result) => {
          done();
          resolve(result);
        },
        (error: unknown) => {
          done();
          reject(error);
        },
      );
    });
  };
}
