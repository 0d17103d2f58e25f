import { engineRuntime } from '@sealbus/broker-engine';
import { type Broker, type KeyProvider, TOKENS } from '@sealbus/core';
import { ContainerModule } from 'inversify';
import {
  openSqliteBackend,
  type SqliteBackend,
  type SqliteBrokerOptions,
} from './createSqliteBroker.js';

const BACKEND = Symbol.for('sealbus.sqlite.Backend');

/**
 * Binds `TOKENS.Broker` and `TOKENS.KeyProvider` to one SQLite backend (singletons): the key
 * provider is `options.kms` or the local KMS in the same database file. A `Clock`, `Logger` or
 * `MetricsSink` bound under `TOKENS` is used unless the options give one; unloading the module
 * closes the broker and its database.
 */
export function sqliteBrokerModule(options: SqliteBrokerOptions): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind<SqliteBackend>(BACKEND)
      .toDynamicValue((context) =>
        openSqliteBackend({
          ...options,
          ...engineRuntime(options, (token) => context.get(token, { optional: true })),
        }),
      )
      .inSingletonScope()
      .onDeactivation((backend) => backend.broker.close());
    bind<KeyProvider>(TOKENS.KeyProvider)
      .toDynamicValue((context) => context.get<SqliteBackend>(BACKEND).keyProvider)
      .inSingletonScope();
    bind<Broker>(TOKENS.Broker)
      .toDynamicValue((context) => context.get<SqliteBackend>(BACKEND).broker)
      .inSingletonScope();
  });
}
