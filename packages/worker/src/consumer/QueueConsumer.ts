import { setMaxListeners } from 'node:events';
import {
  type Clock,
  isKmsKeyUnavailable,
  type Logger,
  type Queue,
  type ReceivedMessage,
  type RedrivePolicy,
} from '@sealbus/core';
import { describeError } from '../errors/describeError.js';
import { WorkerStateError } from '../errors/WorkerStateError.js';
import type { ResolvedHandlerOptions } from '../options/HandlerOptions.js';
import { lazyChild } from '../runtime/lazyChild.js';
import type { Handler } from '../types/handler.js';
import type { InboundMessage } from '../types/message.js';
import type { HandlerResult } from '../types/result.js';
import { DeleteBatcher } from './DeleteBatcher.js';
import { Heartbeat } from './Heartbeat.js';
import { releaseMessages } from './releaseMessages.js';

/** Callbacks through which a consumer reports to its worker. */
export interface ConsumerObserver {
  received(message: InboundMessage): void;
  processed(message: InboundMessage, result: HandlerResult, durationMs: number): void;
  error(error: unknown, operation: string): void;
  /** A receive failed because the queue's KMS key is unavailable; receiving pauses `delayMs`. */
  keyUnavailable(error: unknown, delayMs: number, attempt: number): void;
  drained(): void;
}

export interface QueueConsumerDeps {
  queue: Queue;
  pipeline: Handler;
  options: ResolvedHandlerOptions<unknown>;
  redrivePolicy?: RedrivePolicy;
  logger: Logger;
  clock: Clock;
  observer: ConsumerObserver;
}

interface Delivery {
  message: InboundMessage;
  heartbeat: Heartbeat;
  /** Settling (delete/changeVisibility) has begun: a shutdown lets it finish. */
  settling: boolean;
  /** Shutdown gave the message back; the handler's late result is dropped. */
  released: boolean;
  done: Promise<void>;
}

/** Delay after a failed receive, so a broken broker is not hammered. */
const RECEIVE_ERROR_DELAY_MS = 1_000;

export function toInboundMessage(queue: Queue, received: ReceivedMessage): InboundMessage {
  const base = {
    messageId: received.messageId,
    receiptHandle: received.receiptHandle,
    queueName: queue.name,
    queueArn: queue.arn,
    attributes: received.attributes,
    messageAttributes: received.messageAttributes,
    receiveCount: received.attributes.ApproximateReceiveCount,
  };
  return received.state === 'open'
    ? { ...base, state: 'open', body: received.body }
    : {
        ...base,
        state: 'sealed',
        keyArn: received.keyArn,
        envelope: received.envelope,
        reason: received.reason,
      };
}

/** A handler-chosen delay as SQS accepts it: whole seconds from 0 to 43,200. */
export function toVisibilitySeconds(delaySeconds: number | undefined): number {
  if (delaySeconds === undefined || !Number.isFinite(delaySeconds)) return 0;
  return Math.min(43_200, Math.max(0, Math.ceil(delaySeconds)));
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * Runs one queue's handler: a receive loop bounded by `concurrency`, a heartbeat per in-flight
 * message, settlement of each result, and a graceful drain that gives unfinished messages back.
 */
export class QueueConsumer {
  readonly #deps: QueueConsumerDeps;
  readonly #deleter: DeleteBatcher;
  readonly #inFlight = new Map<string, Delivery>();
  /** Handlers running now: what `concurrency` bounds. */
  #running = 0;
  /** Deliveries whose delete/changeVisibility is under way. */
  #settling = 0;
  readonly #stop = new AbortController();
  /**
   * One signal for every handler of this consumer: it is aborted only when a shutdown gives the
   * unfinished messages back, which concerns all handlers still running at that moment. One
   * controller per message would cost an allocation and listeners on the hot path.
   */
  readonly #handlersAbort = new AbortController();
  #loop: Promise<void> | undefined;
  #slotWaiter: (() => void) | undefined;
  #drainedReported = false;

  constructor(deps: QueueConsumerDeps) {
    this.#deps = deps;
    this.#deleter = new DeleteBatcher(deps.queue);
    // Every running handler (and the timeout middleware) may listen on the shared signal.
    setMaxListeners(0, this.#handlersAbort.signal);
  }

  get inFlight(): number {
    return this.#inFlight.size;
  }

  start(): void {
    if (this.#loop !== undefined) {
      throw new WorkerStateError(`The consumer of ${this.#deps.queue.name} is already running.`);
    }
    this.#loop = this.#run();
  }

  /** Stops receiving now: aborts the long poll in progress. */
  stopReceiving(): void {
    this.#stop.abort();
    this.#wakeSlotWaiter();
  }

  /**
   * Waits up to `timeoutMs` for running handlers, then gives every message still held back to
   * the queue (visibility 0) and aborts its handler's signal. Returns how many it released.
   */
  async drain(timeoutMs: number): Promise<number> {
    this.stopReceiving();
    await this.#loop;
    const running = [...this.#inFlight.values()].map((d) => d.done);
    if (running.length > 0 && timeoutMs > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled(running),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, timeoutMs);
        }),
      ]);
      clearTimeout(timer);
    }
    const unfinished = [...this.#inFlight.values()].filter((d) => !d.settling);
    const settlingNow = [...this.#inFlight.values()].filter((d) => d.settling).map((d) => d.done);
    for (const delivery of unfinished) delivery.released = true;
    // An extension landing after the release would hide the message again.
    await Promise.all(unfinished.map((d) => d.heartbeat.stop()));
    if (unfinished.length > 0) {
      this.#handlersAbort.abort(
        new WorkerStateError(
          'The worker is closing; unfinished messages were given back to the queue.',
        ),
      );
    }
    await Promise.all([this.#release(unfinished.map((d) => d.message)), ...settlingNow]);
    await this.#deleter.flush();
    return unfinished.length;
  }

  async #run(): Promise<void> {
    const { queue, options, observer } = this.#deps;
    const signal = this.#stop.signal;
    /** Receives in a row that failed on an unavailable key. */
    let keyFailures = 0;
    while (!signal.aborted) {
      // A finished handler frees its slot before its delete lands, so the next receive overlaps
      // the settling of the last batch. Held messages stay bounded: at most `concurrency`
      // running, and at most twice that running and settling together.
      const free = Math.min(
        options.concurrency - this.#running,
        2 * options.concurrency - this.#running - this.#settling,
      );
      if (free <= 0) {
        await this.#slotFreed();
        continue;
      }
      let received: ReceivedMessage[];
      try {
        received = await queue.receive({
          maxMessages: Math.min(options.batchSize, free),
          waitTimeSeconds: options.waitTimeSeconds,
          visibilityTimeoutSeconds: options.visibilityTimeoutSeconds,
          ...(options.principal === undefined ? {} : { principal: options.principal }),
          signal,
        });
      } catch (error) {
        if (signal.aborted) break;
        if (isKmsKeyUnavailable(error)) {
          // Not the messages' fault, and the broker counted none of them: wait, longer each time.
          keyFailures += 1;
          const { initialMs, maxMs } = options.keyBackoff;
          const delayMs = Math.min(maxMs, initialMs * 2 ** Math.min(keyFailures - 1, 30));
          observer.keyUnavailable(error, delayMs, keyFailures);
          await sleep(delayMs, signal);
          continue;
        }
        observer.error(error, 'receive');
        await sleep(RECEIVE_ERROR_DELAY_MS, signal);
        continue;
      }
      const messages = received.map((m) => toInboundMessage(queue, m));
      if (signal.aborted) {
        // Received while stopping: never started, so give them straight back.
        await this.#release(messages);
        break;
      }
      if (messages.length === 0) {
        if (this.#inFlight.size === 0 && !this.#drainedReported) {
          this.#drainedReported = true;
          observer.drained();
        }
        if (options.pollingWaitTimeMs > 0) await sleep(options.pollingWaitTimeMs, signal);
        continue;
      }
      this.#drainedReported = false;
      keyFailures = 0;
      for (const message of messages) this.#dispatch(message);
    }
  }

  #slotFreed(): Promise<void> {
    return new Promise((resolve) => {
      this.#slotWaiter = resolve;
    });
  }

  #wakeSlotWaiter(): void {
    const waiter = this.#slotWaiter;
    this.#slotWaiter = undefined;
    // Wake on the next turn so that handlers finishing together free their slots in one go.
    if (waiter !== undefined) setImmediate(waiter);
  }

  #dispatch(message: InboundMessage): void {
    const { queue, options, observer } = this.#deps;
    const heartbeat = new Heartbeat(
      queue,
      message.receiptHandle,
      options.heartbeatIntervalSeconds,
      options.visibilityTimeoutSeconds,
      (error) => observer.error(error, 'heartbeat'),
    );
    const delivery: Delivery = {
      message,
      heartbeat,
      settling: false,
      released: false,
      done: Promise.resolve(),
    };
    this.#inFlight.set(message.receiptHandle, delivery);
    this.#running += 1;
    delivery.done = this.#process(delivery).finally(() => {
      this.#inFlight.delete(message.receiptHandle);
      this.#wakeSlotWaiter();
    });
  }

  async #process(delivery: Delivery): Promise<void> {
    const { pipeline, observer, clock, logger, queue } = this.#deps;
    const { message } = delivery;
    observer.received(message);
    const started = clock.now();
    let result: HandlerResult;
    try {
      result = await pipeline(message, {
        queue,
        signal: this.#handlersAbort.signal,
        logger: lazyChild(logger, { messageId: message.messageId }),
      });
    } catch (error) {
      result = { status: 'error', errorReason: describeError(error), cause: error };
    } finally {
      this.#running -= 1;
    }
    await delivery.heartbeat.stop();
    if (delivery.released) return;
    delivery.settling = true;
    this.#settling += 1;
    this.#wakeSlotWaiter();
    try {
      await this.#settle(message, result);
    } finally {
      this.#settling -= 1;
    }
    observer.processed(message, result, clock.now() - started);
  }

  async #settle(message: InboundMessage, result: HandlerResult): Promise<void> {
    const { queue, options, redrivePolicy, observer, logger } = this.#deps;
    try {
      if (result.status === 'consumed' || result.status === 'discarded') {
        await this.#deleter.delete(message.receiptHandle);
      } else if (result.status === 'retryLater') {
        await queue.changeVisibility(
          message.receiptHandle,
          toVisibilitySeconds(result.delaySeconds),
        );
      } else if (redrivePolicy !== undefined) {
        // Visible at once: the next receive counts it again and, past maxReceiveCount, the broker
        // moves it to the dead-letter queue with its stored bytes untouched.
        await queue.changeVisibility(message.receiptHandle, 0);
      } else {
        logger.warn(
          {
            queueName: message.queueName,
            messageId: message.messageId,
            parkSeconds: options.retry.maxDelaySeconds,
          },
          'failed message parked: the queue has no RedrivePolicy to dead-letter it',
        );
        await queue.changeVisibility(message.receiptHandle, options.retry.maxDelaySeconds);
      }
    } catch (error) {
      observer.error(
        error,
        result.status === 'consumed' || result.status === 'discarded'
          ? 'delete'
          : 'changeVisibility',
      );
    }
  }

  #release(messages: InboundMessage[]): Promise<void> {
    return releaseMessages(
      this.#deps.queue,
      messages.map((m) => m.receiptHandle),
      (error) => this.#deps.observer.error(error, 'release'),
    );
  }
}
