import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { openSqliteBackend as openSqlite } from '@sealbus/sqlite';
import type { EmrConfig } from '../config.js';
import { LocalKeyAdmin } from '../scenario/LocalKeyAdmin.js';
import type { Backend } from './Backend.js';

export function openSqliteBackend(config: EmrConfig): Backend {
  mkdirSync(dirname(config.path), { recursive: true });
  // Keys live in the same file (tables kms_*), wrapped by the root key in `<path>.root-key` (0600).
  const { broker, kms } = openSqlite({ path: config.path, region: config.region });
  if (kms === undefined) throw new Error('the SQLite backend opened without its local KMS');
  return {
    broker,
    brokerFor: () => broker,
    keys: new LocalKeyAdmin(kms),
    description: `sqlite ${config.path} (local KMS in the same file)`,
    close: () => broker.close(),
  };
}
