import type { SealedReason } from '@sealbus/core';
import { readCorrelationId } from '../middleware/correlationId.js';
import type { SealedPolicy } from '../options/HandlerOptions.js';
import type { InboundMessage } from '../types/message.js';
import type { HandlerResult } from '../types/result.js';

/** A message as events carry it: ids and routing facts, never the body. */
export interface MessageRef {
  queueName: string;
  messageId: string;
  receiveCount: number;
  correlationId?: string;
}

/** Typed event map (argument tuples), camelCase like sqs-consumer's and BullMQ's. */
export interface WorkerEvents {
  messageReceived: [ref: MessageRef];
  /** Every finished delivery, whatever its outcome. */
  messageProcessed: [ref: MessageRef, result: HandlerResult, durationMs: number];
  /** A handler threw or returned `error`/`retryLater`. `error` is what it threw or a summary. */
  processingError: [ref: MessageRef, error: unknown];
  retried: [ref: MessageRef, delaySeconds: number];
  /** Released at or past `maxReceiveCount`: the next receive moves it to the dead-letter queue. */
  deadLettered: [ref: MessageRef, deadLetterTargetArn: string];
  sealed: [
    ref: MessageRef,
    details: { keyArn: string; reason: SealedReason; policy: SealedPolicy },
  ];
  /**
   * A receive failed because the queue's KMS key is unavailable (disabled, pending deletion,
   * throttled, KMS unreachable): nothing was counted against the messages, and the consumer
   * pauses this queue for `delayMs` (doubling per failure in a row, `attempt`).
   */
  keyUnavailable: [queueName: string, details: { code: string; delayMs: number; attempt: number }];
  /** A receive came back empty with nothing in flight on that queue. */
  drained: [queueName: string];
  /** Receiving or settling failed outside any handler (broker down, handle expired). */
  error: [error: unknown, context: { queueName: string; operation: string }];
  closing: [];
  closed: [];
}

export type WorkerEventName = keyof WorkerEvents;

/** The event view of a message, with the correlation id the `correlationId` middleware uses. */
export function messageRef(message: InboundMessage): MessageRef {
  return {
    queueName: message.queueName,
    messageId: message.messageId,
    receiveCount: message.receiveCount,
    correlationId: readCorrelationId(message),
  };
}
