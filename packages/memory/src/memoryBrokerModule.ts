import {
  type Broker,
  type Clock,
  type KeyProvider,
  type Logger,
  type MetricsSink,
  TOKENS,
} from '@sealbus/core';
import { ContainerModule } from 'inversify';
import { createMemoryBroker, defaultKms, type MemoryBrokerOptions } from './createMemoryBroker.js';

/**
 * Binds `TOKENS.KeyProvider` (options.kms, or a new in-memory `LocalKms`) and `TOKENS.Broker`
 * (a memory broker over that key provider), both singletons. A `Clock`, `Logger` or
 * `MetricsSink` bound under `TOKENS` is used unless the options give one; unloading the module
 * closes the broker.
 */
export function memoryBrokerModule(options: MemoryBrokerOptions = {}): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind<KeyProvider>(TOKENS.KeyProvider)
      .toDynamicValue((context) => {
        if (options.kms !== undefined) return options.kms;
        const clock = options.clock ?? context.get<Clock>(TOKENS.Clock, { optional: true });
        return defaultKms(clock === undefined ? options : { ...options, clock });
      })
      .inSingletonScope();
    bind<Broker>(TOKENS.Broker)
      .toDynamicValue((context) => {
        const clock = options.clock ?? context.get<Clock>(TOKENS.Clock, { optional: true });
        const logger = options.logger ?? context.get<Logger>(TOKENS.Logger, { optional: true });
        const metrics =
          options.metrics ?? context.get<MetricsSink>(TOKENS.Metrics, { optional: true });
        return createMemoryBroker({
          ...options,
          kms: context.get<KeyProvider>(TOKENS.KeyProvider),
          ...(clock === undefined ? {} : { clock }),
          ...(logger === undefined ? {} : { logger }),
          ...(metrics === undefined ? {} : { metrics }),
        });
      })
      .inSingletonScope()
      .onDeactivation((broker) => broker.close());
  });
}
