import { queueNameFrom } from '@sealbus/core';
import type { MoveRequest } from './MessageStore.js';
import type { MoveSourceUnknown } from './StoreMiss.js';

/** What a store knows of one message it is about to move. */
export interface MoveCandidate {
  messageId: string;
  deadLetterQueueSourceArn?: string | null | undefined;
}

/**
 * The destination queue name of each message of a move batch, in batch order: the request's
 * destination, or the queue the message was dead-lettered from. A message with neither makes the
 * whole batch a miss. The store checks that each named queue exists, in the same atomic section.
 */
export function moveTargets(
  batch: readonly MoveCandidate[],
  request: MoveRequest,
): string[] | MoveSourceUnknown {
  const targets: string[] = [];
  for (const message of batch) {
    if (request.destinationQueueName !== undefined) {
      targets.push(request.destinationQueueName);
      continue;
    }
    const source = message.deadLetterQueueSourceArn;
    if (source === undefined || source === null) {
      return {
        miss: 'moveSourceUnknown',
        queueName: request.sourceQueueName,
        messageId: message.messageId,
      };
    }
    targets.push(queueNameFrom(source));
  }
  return targets;
}
