// The local KMS's behaviour suites (keys, aliases, grants, policies, key states, audit, crypto,
// asymmetric keys), run unchanged against the PostgreSQL storage: they iterate kms-local's
// `backends` list, which this file replaces with a PostgreSQL backend before loading them.
import { randomBytes } from 'node:crypto';
import { LocalKms } from '@sealbus/kms-local';
import { afterAll } from 'vitest';
import { backends } from '../../kms-local/test/helpers.js';
import { MIGRATIONS, PostgresKmsStorage } from '../src/index.js';
import { SyncSql } from '../src/kms/SyncSql.js';
import { freshDatabase } from './support/database.js';

const database = await freshDatabase();
const admin = new SyncSql(database.url);
const opened: LocalKms[] = [];
let schemas = 0;

/** Every KMS gets its own schema, so each test starts from empty tables as with SQLite files. */
function schemaUrl(): string {
  const schema = `kms_${++schemas}`;
  admin.query(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}; ${MIGRATIONS.join(';\n')};
    RESET search_path`);
  const url = new URL(database.url);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

backends.splice(0, backends.length, {
  name: 'postgres',
  create(options) {
    const storage = new PostgresKmsStorage({
      connectionString: schemaUrl(),
      rootKey: randomBytes(32),
    });
    const kms = new LocalKms({ ...options, storage });
    opened.push(kms);
    return kms;
  },
});

afterAll(async () => {
  for (const kms of opened) await kms.close();
  admin.close();
  await database.drop();
});

await import('../../kms-local/test/aliases.test.js');
await import('../../kms-local/test/asymmetric.test.js');
await import('../../kms-local/test/audit.test.js');
await import('../../kms-local/test/crypto.test.js');
await import('../../kms-local/test/grants.test.js');
await import('../../kms-local/test/keyStates.test.js');
await import('../../kms-local/test/policies.test.js');
