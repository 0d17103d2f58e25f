import { checkOptionKeys, type RedrivePolicy } from '@sealbus/core';
import { DEAD_LETTER_OPTION_KEYS } from '../options/optionKeys.js';
import type { Middleware } from '../types/handler.js';
import type { InboundMessage } from '../types/message.js';

export interface DeadLetterOptions {
  /** The source queue's policy; without one nothing is ever dead-lettered. */
  redrivePolicy?: RedrivePolicy;
  /** Called when a failed delivery was the last one the policy allows. */
  onDeadLettered: (message: InboundMessage, deadLetterTargetArn: string) => void;
}

/**
 * Observes dead-lettering. The worker never moves a message itself: a failure at or past
 * `maxReceiveCount` leaves the message in the queue, and the broker's next receive moves it,
 * bytes untouched (sealed stays sealed). This middleware reports that moment.
 */
export function deadLetter(options: DeadLetterOptions): Middleware {
  checkOptionKeys(options, DEAD_LETTER_OPTION_KEYS);
  const policy = options.redrivePolicy;
  return (next) => async (message, context) => {
    const exhausted = policy !== undefined && message.receiveCount >= policy.maxReceiveCount;
    try {
      const result = await next(message, context);
      if (exhausted && (result.status === 'error' || result.status === 'retryLater')) {
        options.onDeadLettered(message, policy.deadLetterTargetArn);
      }
      return result;
    } catch (error) {
      if (exhausted) options.onDeadLettered(message, policy.deadLetterTargetArn);
      throw error;
    }
  };
}
