import { type Clock, type Queue, type SealedBody, silentLogger } from '@sealbus/core';
import type { HandlerContext } from '../src/types/handler.js';
import type { InboundOpenMessage, SealedMessage } from '../src/types/message.js';

let counter = 0;

/** An opened inbound message for middleware unit tests; only the fields under test vary. */
export function inbound(overrides: Partial<InboundOpenMessage> = {}): InboundOpenMessage {
  counter += 1;
  return {
    state: 'open',
    messageId: `msg-${counter}`,
    receiptHandle: `rh-${counter}`,
    queueName: 'orders',
    queueArn: 'arn:aws:sqs:us-east-1:000000000000:orders',
    body: '{"orderId":1}',
    attributes: { ApproximateReceiveCount: 1, SentTimestamp: 0 },
    messageAttributes: {},
    receiveCount: 1,
    ...overrides,
  };
}

/** A sealed inbound message for middleware unit tests: `inbound`'s fields with `sealed` instead of a body. */
export function sealedInbound(sealed: SealedBody): SealedMessage {
  const { state: _open, body: _body, ...base } = inbound();
  return { ...base, state: 'sealed', ...sealed };
}

/** Middleware never touch the queue, so unit tests pass a stand-in that refuses every call. */
const unusedQueue = new Proxy({} as Queue, {
  get(_target, property) {
    if (property === 'name') return 'orders';
    throw new Error(`middleware unit tests do not use queue.${String(property)}`);
  },
});

export function handlerContext(overrides: Partial<HandlerContext> = {}): HandlerContext {
  return {
    queue: unusedQueue,
    signal: new AbortController().signal,
    logger: silentLogger,
    ...overrides,
  };
}

/** A clock that moves only when told to. */
export class ManualClock implements Clock {
  #now: number;
  constructor(start = 1_700_000_000_000) {
    this.#now = start;
  }
  now(): number {
    return this.#now;
  }
  advance(ms: number): void {
    this.#now += ms;
  }
}
