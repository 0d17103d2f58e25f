import {
  type Broker,
  type Clock,
  InvalidParameterValueError,
  type Logger,
  type MetricsSink,
  noopMetrics,
  systemClock,
} from '@sealbus/core';
import { type Logger as PinoLogger, pino } from 'pino';
import { buildPipeline } from './consumer/buildPipeline.js';
import { QueueConsumer } from './consumer/QueueConsumer.js';
import { DuplicateHandlerError } from './errors/DuplicateHandlerError.js';
import { WorkerStateError } from './errors/WorkerStateError.js';
import { TypedEmitter } from './events/TypedEmitter.js';
import { messageRef, type WorkerEvents } from './events/WorkerEvents.js';
import { WorkerMetrics } from './metrics/WorkerMetrics.js';
import { checkInteger } from './options/checks.js';
import {
  type HandlerOptions,
  type ResolvedHandlerOptions,
  resolveHandlerOptions,
} from './options/HandlerOptions.js';
import { parseRedrivePolicy } from './options/parseRedrivePolicy.js';
import {
  type ResolvedWorkerOptions,
  resolveWorkerOptions,
  type WorkerOptions,
} from './options/WorkerOptions.js';
import {
  HandlerSpy,
  type PublicHandlerSpy,
  type SpyRecord,
  type SpyStatus,
} from './testing/HandlerSpy.js';
import type { MessageHandler, QueueHandler, SealedAwareHandler } from './types/handler.js';
import type { InboundMessage } from './types/message.js';
import type { HandlerResult } from './types/result.js';

export interface WorkerDeps {
  broker: Broker;
  /** A pino logger or any `Logger`. @defaultValue pino at level `info`, named `sealbus-worker` */
  logger?: Logger | PinoLogger;
  /** @defaultValue noopMetrics (counts stay available through `worker.metrics`) */
  metrics?: MetricsSink;
  /** @defaultValue systemClock */
  clock?: Clock;
  /** Randomness of the retry jitter, in [0, 1). @defaultValue Math.random */
  random?: () => number;
}

export interface CloseOptions {
  /** Do not wait for running handlers: give their messages back at once. @defaultValue false */
  force?: boolean;
  /** How long to wait for running handlers. @defaultValue the worker's `shutdownTimeoutMs` */
  timeoutMs?: number;
}

export type WorkerState = 'idle' | 'starting' | 'running' | 'closing' | 'closed';

interface Registration {
  queueName: string;
  handler: SealedAwareHandler<unknown>;
  options: ResolvedHandlerOptions<unknown>;
}

/**
 * Consumes queues of any sealbus `Broker` with registered handlers: concurrency limits,
 * visibility heartbeats, retries with backoff, redrive-driven dead-lettering, the sealed-message
 * policy and a graceful stop. Depends only on core's `Broker`/`Queue` interfaces.
 */
export class Worker extends TypedEmitter<WorkerEvents> {
  readonly #broker: Broker;
  readonly #logger: Logger;
  readonly #clock: Clock;
  readonly #random: () => number;
  readonly #options: ResolvedWorkerOptions;
  readonly #metrics: WorkerMetrics;
  readonly #spy: HandlerSpy | undefined;
  readonly #registrations = new Map<string, Registration>();
  readonly #consumers: QueueConsumer[] = [];
  #state: WorkerState = 'idle';
  #closing: Promise<void> | undefined;
  #signalHandler: ((signal: NodeJS.Signals) => void) | undefined;

  constructor(deps: WorkerDeps, options: WorkerOptions = {}) {
    super();
    if (deps?.broker === undefined) {
      throw new InvalidParameterValueError(
        'deps.broker is required: pass the Broker to consume from.',
        {
          field: 'broker',
        },
      );
    }
    this.#broker = deps.broker;
    this.#options = resolveWorkerOptions(options);
    this.#logger = (deps.logger ?? pino({ name: 'sealbus-worker', level: 'info' })) as Logger;
    this.#clock = deps.clock ?? systemClock;
    this.#random = deps.random ?? Math.random;
    this.#metrics = new WorkerMetrics(deps.metrics ?? noopMetrics);
    this.#spy =
      this.#options.handlerSpyBufferSize > 0
        ? new HandlerSpy(this.#options.handlerSpyBufferSize)
        : undefined;
  }

  get state(): WorkerState {
    return this.#state;
  }

  /** Per-queue counters and handler latency (`metrics.latency(queue).p99()`). */
  get metrics(): Pick<WorkerMetrics, 'snapshot' | 'latency'> {
    return this.#metrics;
  }

  /** The read-only spy; requires the `handlerSpy` option. */
  get handlerSpy(): PublicHandlerSpy {
    if (this.#spy === undefined) {
      throw new WorkerStateError('handlerSpy is off: create the worker with { handlerSpy: true }.');
    }
    return this.#spy.toPublic();
  }

  /** Resolves when the message reached `status` (at once if it already did). Needs `handlerSpy`. */
  waitFor(messageId: string, status: SpyStatus = 'consumed'): Promise<SpyRecord> {
    return this.handlerSpy.waitForMessageWithId(messageId, status);
  }

  /** Registers the handler of a queue; its payloads are validated by `options.schema`. */
  handle<T>(
    queueName: string,
    handler: MessageHandler<T>,
    options?: HandlerOptions<T> & { sealedPolicy?: 'fail' | 'discard' },
  ): this;
  /** With `sealedPolicy: 'consume'` the handler also receives sealed messages. */
  handle<T>(
    queueName: string,
    handler: SealedAwareHandler<T>,
    options: HandlerOptions<T> & { sealedPolicy: 'consume' },
  ): this;
  handle<T>(
    queueName: string,
    handler: MessageHandler<T> | SealedAwareHandler<T>,
    options: HandlerOptions<T> = {},
  ): this {
    // Sound: without sealedPolicy 'consume' the decrypt middleware never passes sealed messages on.
    return this.#register(queueName, handler as SealedAwareHandler<T>, options);
  }

  /**
   * Registers a handler object (e.g. an `@injectable()` class resolved from a container). Its
   * `handle` accepts sealed messages too, so it works with every `sealedPolicy`.
   */
  handleWith<T>(
    queueName: string,
    handler: QueueHandler<T>,
    options: HandlerOptions<T> = {},
  ): this {
    if (typeof handler?.handle !== 'function') {
      throw new InvalidParameterValueError(
        'handler must be an object with a handle(message, context) method.',
        {
          field: 'handler',
        },
      );
    }
    return this.#register(
      queueName,
      (message, context) => handler.handle(message, context),
      options,
    );
  }

  #register<T>(
    queueName: string,
    handler: SealedAwareHandler<T>,
    options: HandlerOptions<T>,
  ): this {
    if (this.#state !== 'idle') {
      throw new WorkerStateError(
        `handle(${JSON.stringify(queueName)}) must be called before start().`,
      );
    }
    if (typeof queueName !== 'string' || queueName === '') {
      throw new InvalidParameterValueError(
        'queueName must be a non-empty queue name, URL or ARN.',
        {
          field: 'queueName',
        },
      );
    }
    if (typeof handler !== 'function') {
      throw new InvalidParameterValueError(
        'handler must be a function (message, context) => result.',
        {
          field: 'handler',
        },
      );
    }
    if (this.#registrations.has(queueName)) throw new DuplicateHandlerError(queueName);
    const resolved = resolveHandlerOptions(options, this.#options.handlerDefaults);
    this.#registrations.set(queueName, {
      queueName,
      handler: handler as SealedAwareHandler<unknown>,
      options: resolved as ResolvedHandlerOptions<unknown>,
    });
    return this;
  }

  /** Looks up every queue, checks `maxAttempts` against its RedrivePolicy and starts consuming. */
  async start(): Promise<void> {
    if (this.#state !== 'idle') {
      throw new WorkerStateError(`start() was called on a worker that is ${this.#state}.`);
    }
    if (this.#registrations.size === 0) {
      throw new WorkerStateError('start() needs at least one handler: call handle() first.');
    }
    this.#state = 'starting';
    try {
      for (const registration of this.#registrations.values()) {
        this.#consumers.push(await this.#createConsumer(registration));
      }
    } catch (error) {
      this.#state = 'idle';
      this.#consumers.length = 0;
      throw error;
    }
    // close() during start() wins: the consumers created so far never receive.
    if (this.#closing !== undefined) return;
    if (this.#options.handleSignals) this.#installSignalHandlers();
    for (const consumer of this.#consumers) consumer.start();
    this.#state = 'running';
  }

  /**
   * Stops receiving (aborting long polls), waits up to `timeoutMs` for running handlers, gives
   * unfinished and received-but-unstarted messages back to their queues (visibility 0), then
   * closes the broker if `closeBroker` is set. Idempotent: later calls share the first close.
   */
  close(options: CloseOptions = {}): Promise<void> {
    if (this.#closing !== undefined) return this.#closing;
    let timeoutMs: number;
    try {
      timeoutMs =
        options.force === true
          ? 0
          : checkInteger(
              'timeoutMs',
              options.timeoutMs ?? this.#options.shutdownTimeoutMs,
              0,
              3_600_000,
            );
    } catch (error) {
      return Promise.reject(error);
    }
    this.#closing = this.#close(timeoutMs);
    return this.#closing;
  }

  async #close(timeoutMs: number): Promise<void> {
    this.#state = 'closing';
    this.emit('closing');
    this.#removeSignalHandlers();
    for (const consumer of this.#consumers) consumer.stopReceiving();
    const released = await Promise.all(this.#consumers.map((c) => c.drain(timeoutMs)));
    const total = released.reduce((a, b) => a + b, 0);
    if (total > 0)
      this.#logger.warn({ released: total }, 'worker closed with unfinished messages given back');
    if (this.#options.closeBroker) await this.#broker.close();
    this.#state = 'closed';
    this.emit('closed');
  }

  async #createConsumer(registration: Registration): Promise<QueueConsumer> {
    const queue = await this.#broker.getQueue(registration.queueName);
    const attributes = await queue.getAttributes();
    const redrivePolicy = parseRedrivePolicy(attributes.RedrivePolicy, queue.name);
    const { maxAttempts } = registration.options;
    if (
      redrivePolicy !== undefined &&
      maxAttempts !== undefined &&
      maxAttempts > redrivePolicy.maxReceiveCount
    ) {
      throw new InvalidParameterValueError(
        `maxAttempts (${maxAttempts}) for queue ${queue.name} exceeds its RedrivePolicy maxReceiveCount (${redrivePolicy.maxReceiveCount}); the broker would dead-letter first. Lower maxAttempts or raise maxReceiveCount.`,
        { field: 'maxAttempts' },
      );
    }
    const logger = this.#logger.child({ queueName: queue.name });
    const pipeline = buildPipeline(
      registration.handler,
      registration.options,
      this.#options.middleware,
      {
        clock: this.#clock,
        random: this.#random,
        metrics: this.#metrics,
        ...(redrivePolicy === undefined ? {} : { redrivePolicy }),
        onDeadLettered: (message, targetArn) => this.#onDeadLettered(message, targetArn),
        onSealed: (message, policy) => {
          this.#metrics.increment(message.queueName, 'sealed');
          this.emit('sealed', messageRef(message), {
            keyArn: message.keyArn,
            reason: message.reason,
            policy,
          });
        },
      },
    );
    return new QueueConsumer({
      queue,
      pipeline,
      options: registration.options,
      ...(redrivePolicy === undefined ? {} : { redrivePolicy }),
      logger,
      clock: this.#clock,
      observer: {
        received: (message) => {
          if (this.listenerCount('messageReceived') > 0) {
            this.emit('messageReceived', messageRef(message));
          }
        },
        processed: (message, result, durationMs) => this.#onProcessed(message, result, durationMs),
        error: (error, operation) => {
          logger.warn({ operation, error: String(error) }, 'worker operation failed');
          this.emit('error', error, { queueName: queue.name, operation });
        },
        keyUnavailable: (error, delayMs, attempt) => {
          const code = (error as { code?: string }).code ?? 'unknown';
          this.#metrics.increment(queue.name, 'keyUnavailable');
          logger.warn(
            { code, delayMs, attempt },
            'KMS key unavailable: receives of this queue back off; no message is counted or dead-lettered meanwhile',
          );
          this.emit('keyUnavailable', queue.name, { code, delayMs, attempt });
        },
        drained: () => this.emit('drained', queue.name),
      },
    });
  }

  #onDeadLettered(message: InboundMessage, deadLetterTargetArn: string): void {
    this.#metrics.increment(message.queueName, 'deadLettered');
    this.#spy?.add({
      queueName: message.queueName,
      messageId: message.messageId,
      status: 'deadLettered',
      receiveCount: message.receiveCount,
    });
    this.emit('deadLettered', messageRef(message), deadLetterTargetArn);
  }

  #onProcessed(message: InboundMessage, result: HandlerResult, durationMs: number): void {
    // Most workers have no spy and no listeners: skip building the event view then.
    const wanted =
      this.#spy !== undefined ||
      this.listenerCount('messageProcessed') > 0 ||
      (result.status !== 'consumed' && result.status !== 'discarded');
    if (!wanted) return;
    const ref = messageRef(message);
    const errorReason =
      result.status === 'error' || result.status === 'retryLater' ? result.errorReason : undefined;
    this.#spy?.add({
      ...ref,
      status: result.status,
      ...(errorReason === undefined ? {} : { errorReason }),
    });
    this.emit('messageProcessed', ref, result, durationMs);
    if (result.status === 'error' || result.status === 'retryLater') {
      this.emit('processingError', ref, result.cause ?? result.errorReason ?? result.status);
    }
    if (result.status === 'retryLater') this.emit('retried', ref, result.delaySeconds ?? 0);
  }

  #installSignalHandlers(): void {
    const onSignal = (signal: NodeJS.Signals): void => {
      this.#logger.info({ signal }, 'signal received: closing the worker');
      void this.close().catch((error: unknown) => {
        this.#logger.error({ error: String(error) }, 'worker close after signal failed');
        process.exitCode = 1;
      });
    };
    this.#signalHandler = onSignal;
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }

  #removeSignalHandlers(): void {
    if (this.#signalHandler === undefined) return;
    process.off('SIGINT', this.#signalHandler);
    process.off('SIGTERM', this.#signalHandler);
    this.#signalHandler = undefined;
  }
}
