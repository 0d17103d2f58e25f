import { LocalKms, type LocalKmsOptions } from '@sealbus/kms-local';
import pg from 'pg';
import { migrate } from '../schema/migrations.js';
import { PostgresKmsStorage, type PostgresRootKeySource } from './PostgresKmsStorage.js';

export interface PostgresKmsOptions extends LocalKmsOptions, PostgresRootKeySource {
  /** The database holding the KMS tables (`kms_*`); migrated on open. */
  connectionString: string;
}

/**
 * Opens (migrating if needed) the local KMS on PostgreSQL. Key material is wrapped with the root
 * key from `rootKey`, the file `rootKeyPath` or the environment variable `rootKeyEnv`; the root
 * key itself is never written to the database.
 */
export async function openPostgresKms(options: PostgresKmsOptions): Promise<LocalKms> {
  const { connectionString, rootKey, rootKeyPath, rootKeyEnv, ...kmsOptions } = options;
  const pool = new pg.Pool({ connectionString, max: 1 });
  try {
    await migrate(pool);
  } finally {
    await pool.end();
  }
  const storage = new PostgresKmsStorage({
    connectionString,
    ...(rootKey === undefined ? {} : { rootKey }),
    ...(rootKeyPath === undefined ? {} : { rootKeyPath }),
    ...(rootKeyEnv === undefined ? {} : { rootKeyEnv }),
  });
  try {
    return new LocalKms({ ...kmsOptions, storage });
  } catch (error) {
    storage.close();
    throw error;
  }
}
