import { createEngineBroker } from '@sealbus/broker-engine';
import type { Broker, Logger } from '@sealbus/core';
import { LocalKms } from '@sealbus/kms-local';
import { createMemoryBroker } from '@sealbus/memory';
import { SqliteMessageStore } from '@sealbus/sqlite';

export type GatewayBackendKind = 'sqlite' | 'memory';

/** A broker and the local KMS that seals its messages (and serves the KMS API). */
export interface GatewayBackend {
  broker: Broker;
  kms: LocalKms;
  /** Closes the broker, then the KMS. */
  close(): Promise<void>;
}

/**
 * The gateway's default backend: the SQLite broker and the local KMS in one file, the KMS
 * sealing the broker's messages. Key material is wrapped by `<path>.root-key` (mode 0600).
 */
export function openSqliteBackend(path: string, options: { logger?: Logger } = {}): GatewayBackend {
  const kms = LocalKms.openSqlite({ path });
  const broker = createEngineBroker({
    store: new SqliteMessageStore({ path }),
    keyProvider: kms,
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  });
  return {
    broker,
    kms,
    async close() {
      await broker.close();
      await kms.close();
    },
  };
}

/** Everything in memory: gone when the process ends. For demos and throwaway runs. */
export function openMemoryBackend(options: { logger?: Logger } = {}): GatewayBackend {
  const kms = new LocalKms();
  const broker = createMemoryBroker({
    kms,
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  });
  return {
    broker,
    kms,
    async close() {
      await broker.close();
      await kms.close();
    },
  };
}
