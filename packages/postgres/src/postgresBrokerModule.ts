import { engineRuntime } from '@sealbus/broker-engine';
import { type Broker, type KeyProvider, TOKENS } from '@sealbus/core';
import { ContainerModule } from 'inversify';
import {
  openPostgresBackend,
  type PostgresBackend,
  type PostgresBrokerOptions,
} from './createPostgresBroker.js';

const BACKEND = Symbol.for('sealbus.postgres.Backend');

/**
 * Binds `TOKENS.Broker` and `TOKENS.KeyProvider` to one PostgreSQL backend (singletons). Opening
 * migrates the database, so resolve them with `container.getAsync`. A `Clock`, `Logger` or
 * `MetricsSink` bound under `TOKENS` is used unless the options give one; unloading the module
 * closes the broker, its pool and the local KMS.
 */
export function postgresBrokerModule(options: PostgresBrokerOptions): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind<PostgresBackend>(BACKEND)
      .toDynamicValue((context) =>
        openPostgresBackend({
          ...options,
          ...engineRuntime(options, (token) => context.get(token, { optional: true })),
        }),
      )
      .inSingletonScope()
      .onDeactivation(async (backend) => {
        await backend.broker.close();
        await backend.kms?.close();
      });
    bind<KeyProvider>(TOKENS.KeyProvider)
      .toDynamicValue(
        async (context) => (await context.getAsync<PostgresBackend>(BACKEND)).keyProvider,
      )
      .inSingletonScope();
    bind<Broker>(TOKENS.Broker)
      .toDynamicValue(async (context) => (await context.getAsync<PostgresBackend>(BACKEND)).broker)
      .inSingletonScope();
  });
}
