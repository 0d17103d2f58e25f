import { type Clock, systemClock } from '@sealbus/core';
import { describeError } from '../errors/describeError.js';
import type { Middleware } from '../types/handler.js';

/**
 * Logs each delivery's outcome with ids, receive count and duration — never the body or payload.
 * Consumed at debug, discarded at info (an audit trail), failures at warn.
 */
export function logging(clock: Clock = systemClock): Middleware {
  return (next) => async (message, context) => {
    const started = clock.now();
    const fields = {
      queueName: message.queueName,
      messageId: message.messageId,
      receiveCount: message.receiveCount,
    };
    try {
      const result = await next(message, context);
      const durationMs = clock.now() - started;
      if (result.status === 'consumed') {
        context.logger.debug({ ...fields, status: result.status, durationMs }, 'message consumed');
      } else if (result.status === 'discarded') {
        context.logger.info(
          { ...fields, status: result.status, reason: result.reason, durationMs },
          'message discarded',
        );
      } else {
        context.logger.warn(
          {
            ...fields,
            status: result.status,
            errorReason: result.errorReason,
            ...(result.status === 'retryLater' ? { delaySeconds: result.delaySeconds } : {}),
            durationMs,
          },
          'message handling failed',
        );
      }
      return result;
    } catch (error) {
      context.logger.error(
        { ...fields, error: describeError(error), durationMs: clock.now() - started },
        'message handler threw',
      );
      throw error;
    }
  };
}
