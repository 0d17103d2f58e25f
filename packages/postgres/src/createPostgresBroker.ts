import {
  createEngineBroker,
  type EngineBroker,
  type EngineBrokerOptions,
  splitEngineOptions,
} from '@sealbus/broker-engine';
import type { Clock, KeyProvider, Logger, MetricsSink } from '@sealbus/core';
import { LocalKms } from '@sealbus/kms-local';
import { PostgresKmsStorage, type PostgresRootKeySource } from './kms/PostgresKmsStorage.js';
import { migrate } from './schema/migrations.js';
import { PostgresMessageStore, type PostgresStoreOptions } from './store/PostgresMessageStore.js';

export interface PostgresBrokerOptions
  extends PostgresStoreOptions,
    PostgresRootKeySource,
    EngineBrokerOptions {
  /**
   * The key provider for SSE queues and topics.
   * @defaultValue a `LocalKms` whose keys live in the same database (tables `kms_*`), wrapped by
   * the root key from `rootKey`, `rootKeyPath` or `rootKeyEnv` (one is required then)
   */
  kms?: KeyProvider;
  /** @defaultValue systemClock */
  clock?: Clock;
  /** @defaultValue silentLogger */
  logger?: Logger;
  /** @defaultValue noopMetrics */
  metrics?: MetricsSink;
}

/** The parts of one PostgreSQL backend instance; `broker.close()` closes the store. */
export interface PostgresBackend {
  broker: EngineBroker;
  store: PostgresMessageStore;
  keyProvider: KeyProvider;
  /** The default local KMS, when `options.kms` was not given; close it after the broker. */
  kms?: LocalKms;
}

/**
 * Migrates the schema (once, under an advisory lock, whoever starts first), then opens the store
 * and, unless a key provider is given, the local KMS in the same database.
 */
export async function openPostgresBackend(
  options: PostgresBrokerOptions,
): Promise<PostgresBackend> {
  const [
    engineOptions,
    { kms, rootKey, rootKeyPath, rootKeyEnv, clock, logger, metrics, ...storeOptions },
  ] = splitEngineOptions(options);
  const { region, accountId } = engineOptions;
  const store = new PostgresMessageStore(storeOptions);
  let localKms: LocalKms | undefined;
  try {
    await migrate(store.pool);
    if (kms === undefined) {
      const connectionString = store.connectionString;
      if (connectionString === undefined) {
        throw new TypeError(
          'The default local KMS needs a connection string: pass connectionString (or a pool created with one), or kms.',
        );
      }
      localKms = new LocalKms({
        storage: new PostgresKmsStorage({
          connectionString,
          ...(rootKey === undefined ? {} : { rootKey }),
          ...(rootKeyPath === undefined ? {} : { rootKeyPath }),
          ...(rootKeyEnv === undefined ? {} : { rootKeyEnv }),
        }),
        ...(region === undefined ? {} : { region }),
        ...(accountId === undefined ? {} : { accountId }),
        ...(clock === undefined ? {} : { clock }),
      });
    }
  } catch (error) {
    await store.close();
    throw error;
  }
  const keyProvider = kms ?? localKms!;
  const broker = createEngineBroker({ store, keyProvider, clock, logger, metrics }, engineOptions);
  return { broker, store, keyProvider, ...(localKms === undefined ? {} : { kms: localKms }) };
}

/**
 * The PostgreSQL backend: the shared engine over a `PostgresMessageStore`, keys in the same
 * database. Closing the broker closes the store and the default local KMS.
 */
export async function createPostgresBroker(options: PostgresBrokerOptions): Promise<EngineBroker> {
  const { broker, kms } = await openPostgresBackend(options);
  if (kms === undefined) return broker;
  const close = broker.close.bind(broker);
  broker.close = async () => {
    await close();
    await kms.close();
  };
  return broker;
}
