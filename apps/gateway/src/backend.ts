import { createEngineBroker } from '@sealbus/broker-engine';
import type { Broker, Logger } from '@sealbus/core';
import { LocalKms } from '@sealbus/kms-local';
import { SqliteMessageStore } from '@sealbus/sqlite';

export interface SqliteBackend {
  broker: Broker;
  kms: LocalKms;
  /** Closes the broker, then the KMS. */
  close(): Promise<void>;
}

/**
 * The gateway's default backend: the SQLite broker and the local KMS in one file, the KMS
 * sealing the broker's messages. Key material is wrapped by `<path>.root-key` (mode 0600).
 */
export function openSqliteBackend(path: string, options: { logger?: Logger } = {}): SqliteBackend {
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
