import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { LocalKms } from '@sealbus/kms-local';
import { createSqliteBroker } from '@sealbus/sqlite';
import type { EmrConfig } from '../config.js';
import { LocalKeyAdmin } from '../scenario/LocalKeyAdmin.js';
import type { Backend } from './Backend.js';

export function openSqliteBackend(config: EmrConfig): Backend {
  mkdirSync(dirname(config.path), { recursive: true });
  // Keys live in the same file, wrapped by the root key in `<path>.root-key` (mode 0600).
  const kms = LocalKms.openSqlite({ path: config.path, region: config.region });
  const broker = createSqliteBroker({ path: config.path, kms, region: config.region });
  return {
    broker,
    brokerFor: () => broker,
    keys: new LocalKeyAdmin(kms),
    description: `sqlite ${config.path} (local KMS in the same file)`,
    close: async () => {
      await broker.close();
      await kms.close();
    },
  };
}
