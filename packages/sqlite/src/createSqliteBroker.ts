import {
  createEngineBroker,
  type EngineBroker,
  type EngineBrokerOptions,
  splitEngineOptions,
} from '@sealbus/broker-engine';
import type { Clock, KeyProvider, Logger, MetricsSink } from '@sealbus/core';
import { LocalKms, sqliteRootKeySource } from '@sealbus/kms-local';
import { SqliteKmsStorage } from '@sealbus/kms-local/sqlite';
import { SqliteMessageStore } from './SqliteMessageStore.js';
import type { SqliteStoreOptions } from './SqliteStoreOptions.js';

export interface SqliteBrokerOptions extends SqliteStoreOptions, EngineBrokerOptions {
  /**
   * The key provider for SSE queues and topics.
   * @defaultValue a `LocalKms` whose keys live in the same database (tables `kms_*`), wrapped by
   * the root key in `rootKeyPath`
   */
  kms?: KeyProvider;
  /**
   * The root key file of the default local KMS, created with mode 0600 together with a new
   * database; for an existing database a missing file is never replaced (commands that read
   * no key material still work; the rest throw `KmsRootKeyMissingError`). With
   * `path: ':memory:'` and no `rootKeyPath`, a throwaway key that dies with the process.
   * @defaultValue `${path}.root-key`
   */
  rootKeyPath?: string;
  /** @defaultValue systemClock */
  clock?: Clock;
  /** @defaultValue silentLogger */
  logger?: Logger;
  /** @defaultValue noopMetrics */
  metrics?: MetricsSink;
}

/** The parts of one SQLite backend instance; `broker.close()` closes the store (and its keys). */
export interface SqliteBackend {
  broker: EngineBroker;
  store: SqliteMessageStore;
  keyProvider: KeyProvider;
  /** The default local KMS, when `options.kms` was not given (key administration, audits). */
  kms?: LocalKms;
}

/**
 * Opens the store and, unless a key provider is given, a local KMS on the same connection, so
 * keys get the same durability setting and the same transactions' file as the messages.
 */
export function openSqliteBackend(options: SqliteBrokerOptions): SqliteBackend {
  const [engineOptions, { kms, rootKeyPath, clock, logger, metrics, ...storeOptions }] =
    splitEngineOptions(options);
  const { region, accountId } = engineOptions;
  const store = new SqliteMessageStore(storeOptions);
  let localKms: LocalKms | undefined;
  try {
    localKms =
      kms === undefined
        ? new LocalKms({
            storage: new SqliteKmsStorage({
              database: store.database,
              ...sqliteRootKeySource(store.options.path, { rootKeyPath }),
            }),
            ...(region === undefined ? {} : { region }),
            ...(accountId === undefined ? {} : { accountId }),
            ...(clock === undefined ? {} : { clock }),
          })
        : undefined;
  } catch (error) {
    void store.close();
    throw error;
  }
  const keyProvider = kms ?? localKms!;
  const broker = createEngineBroker({ store, keyProvider, clock, logger, metrics }, engineOptions);
  return { broker, store, keyProvider, ...(localKms === undefined ? {} : { kms: localKms }) };
}

/** The SQLite backend: the shared engine over a `SqliteMessageStore`, keys in the same file. */
export function createSqliteBroker(options: SqliteBrokerOptions): EngineBroker {
  return openSqliteBackend(options).broker;
}
