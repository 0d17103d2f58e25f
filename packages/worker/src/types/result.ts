/**
 * The outcome of handling one message, tagged by `status` like message-queue-toolkit's results.
 * - `consumed`: done, the worker deletes the message.
 * - `retryLater`: hide it for `delaySeconds` (default: the retry backoff) and deliver it again.
 * - `error`: give up on it here; it stays in the queue for the broker's redrive to dead-letter.
 * - `discarded`: delete it without handling (sealed `discard` policy, duplicates); audited.
 * `cause` keeps a thrown error for events; it is never logged with message bodies.
 */
export type HandlerResult =
  | { status: 'consumed' }
  | { status: 'retryLater'; delaySeconds?: number; errorReason?: string; cause?: unknown }
  | { status: 'error'; errorReason: string; cause?: unknown }
  | { status: 'discarded'; reason: string };

export type HandlerStatus = HandlerResult['status'];

export const CONSUMED: HandlerResult = Object.freeze({ status: 'consumed' });
