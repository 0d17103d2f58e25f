import { engineRuntime } from '@sealbus/broker-engine';
import { type Broker, type KeyProvider, TOKENS } from '@sealbus/core';
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
        const { clock } = engineRuntime(options, (token) => context.get(token, { optional: true }));
        return defaultKms(clock === undefined ? options : { ...options, clock });
      })
      .inSingletonScope();
    bind<Broker>(TOKENS.Broker)
      .toDynamicValue((context) =>
        createMemoryBroker({
          ...options,
          kms: context.get<KeyProvider>(TOKENS.KeyProvider),
          ...engineRuntime(options, (token) => context.get(token, { optional: true })),
        }),
      )
      .inSingletonScope()
      .onDeactivation((broker) => broker.close());
  });
}
