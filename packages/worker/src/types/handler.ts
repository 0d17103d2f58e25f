import type { Logger, Queue } from '@sealbus/core';
import type { InboundMessage, OpenMessage, WorkerMessage } from './message.js';
import type { HandlerResult } from './result.js';

/** What a user handler resolves to; nothing at all means `consumed`. */
// biome-ignore lint/suspicious/noConfusingVoidType: lets `async () => {}` handlers type-check
export type HandlerReturn = Promise<HandlerResult | void>;

/** Per-delivery context handed through the middleware chain to the handler. */
export interface HandlerContext {
  readonly queue: Queue;
  /** Aborted when the handler times out or the worker stops without waiting for it. */
  readonly signal: AbortSignal;
  /** A child logger bound to the queue, message id and correlation id. */
  readonly logger: Logger;
  /** Set by the `correlationId` middleware. */
  readonly correlationId?: string;
}

/** A pipeline stage's view of handling: what middleware wrap. */
export type Handler = (message: InboundMessage, context: HandlerContext) => Promise<HandlerResult>;

/** Watermill-style middleware: wraps the next handler. */
export type Middleware = (next: Handler) => Handler;

/** A user handler for decrypted, validated messages. Returning nothing means `consumed`. */
export type MessageHandler<T> = (message: OpenMessage<T>, context: HandlerContext) => HandlerReturn;

/** A user handler that also receives sealed messages (`sealedPolicy: 'consume'`). */
export type SealedAwareHandler<T> = (
  message: WorkerMessage<T>,
  context: HandlerContext,
) => HandlerReturn;

/** An injectable handler class, resolved from an inversify container. */
export interface QueueHandler<T = unknown> {
  handle(message: WorkerMessage<T>, context: HandlerContext): HandlerReturn;
}
