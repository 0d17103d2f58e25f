import {
  type Broker,
  type Clock,
  type Logger,
  type MetricsSink,
  TOKENS,
  type Token,
} from '@sealbus/core';
import { ContainerModule, type ServiceIdentifier } from 'inversify';
import type { HandlerOptions } from '../options/HandlerOptions.js';
import type { WorkerOptions } from '../options/WorkerOptions.js';
import type { QueueHandler } from '../types/handler.js';
import { Worker } from '../Worker.js';

/** The token a `WorkerModule` binds the worker to. */
export const WORKER_TOKEN = Symbol.for('sealbus.Worker') as Token<Worker>;

/** A queue and the container token of the handler class that consumes it. */
export interface HandlerBinding<T = unknown> {
  queueName: string;
  handler: ServiceIdentifier<QueueHandler<T>>;
  options?: HandlerOptions<T>;
}

/** Anything that resolves tokens: an inversify `Container` or a resolution context. */
export interface Resolver {
  get<T>(id: ServiceIdentifier<T>, options?: { optional?: boolean }): T | undefined;
}

/** Resolves each binding's handler from `resolver` and registers it on `worker`. */
export function registerHandlers(
  worker: Worker,
  resolver: Resolver,
  bindings: readonly HandlerBinding[],
): Worker {
  for (const binding of bindings) {
    const handler = resolver.get(binding.handler) as QueueHandler<unknown>;
    worker.handleWith(binding.queueName, handler, binding.options ?? {});
  }
  return worker;
}

/** Builds a worker from `TOKENS.Broker` (required) and the optional Logger/Metrics/Clock bindings. */
export function createWorkerFromContainer(
  resolver: Resolver,
  bindings: readonly HandlerBinding[],
  options: WorkerOptions = {},
): Worker {
  const broker = resolver.get<Broker>(TOKENS.Broker) as Broker;
  const logger = resolver.get<Logger>(TOKENS.Logger, { optional: true });
  const metrics = resolver.get<MetricsSink>(TOKENS.Metrics, { optional: true });
  const clock = resolver.get<Clock>(TOKENS.Clock, { optional: true });
  const worker = new Worker(
    {
      broker,
      ...(logger === undefined ? {} : { logger }),
      ...(metrics === undefined ? {} : { metrics }),
      ...(clock === undefined ? {} : { clock }),
    },
    options,
  );
  return registerHandlers(worker, resolver, bindings);
}

/**
 * An inversify module binding `WORKER_TOKEN` to a singleton worker whose handlers are resolved
 * from the container by token. Handler classes are `@injectable()` and may `@inject(TOKENS.Broker)`.
 */
export function WorkerModule(
  bindings: readonly HandlerBinding[],
  options: WorkerOptions = {},
): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(WORKER_TOKEN)
      .toDynamicValue((context) =>
        createWorkerFromContainer(context as Resolver, bindings, options),
      )
      .inSingletonScope();
  });
}
