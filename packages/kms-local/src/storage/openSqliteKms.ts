import { LocalKms, type LocalKmsOptions } from '../LocalKms.js';
import { sqliteRootKeySource } from './rootKey.js';
import { SqliteKmsStorage } from './SqliteKmsStorage.js';

export interface LocalKmsSqliteOptions extends LocalKmsOptions {
  /** The SQLite database file (created if missing), or `:memory:` (then a throwaway root key). */
  path: string;
  /**
   * The root key file, created with mode 0600 together with a new database; a missing file is
   * never replaced for an existing one. @defaultValue `${path}.root-key`
   */
  rootKeyPath?: string;
  /** The 32-byte root key itself, instead of a file. */
  rootKey?: Uint8Array;
}

/**
 * Opens (or creates) a local KMS on a SQLite file; synchronous. Key material is wrapped with the
 * root key from `rootKey` or the file `rootKeyPath`, which is created (mode 0600) only together
 * with a new database (see `SqliteKmsStorageOptions.rootKeyPath`).
 */
export function openSqliteKms(options: LocalKmsSqliteOptions): LocalKms {
  const storage = new SqliteKmsStorage({
    path: options.path,
    ...sqliteRootKeySource(options.path, options),
  });
  try {
    return new LocalKms({ ...options, storage });
  } catch (error) {
    storage.close();
    throw error;
  }
}
