import {
  type Broker,
  type Clock,
  type KeyProvider,
  type Logger,
  type MetricsSink,
  TOKENS,
} from '@sealbus/core';
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
      .toDynamicValue((context) => {
        const clock = options.clock ?? context.get<Clock>(TOKENS.Clock, { optional: true });
        const logger = options.logger ?? context.get<Logger>(TOKENS.Logger, { optional: true });
        const metrics =
          options.metrics ?? context.get<MetricsSink>(TOKENS.Metrics, { optional: true });
        return openSqliteBackend({
          ...options,
          ...(clock === undefined ? {} : { clock }),
          ...(logger === undefined ? {} : { logger }),
          ...(metrics === undefined ? {} : { metrics }),
        });
      })
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
