import { randomBytes } from 'node:crypto';
import { LocalKms, type LocalKmsOptions } from '../LocalKms.js';
import { loadOrCreateRootKeyFile } from './rootKey.js';
import { SqliteKmsStorage } from './SqliteKmsStorage.js';

export interface LocalKmsSqliteOptions extends LocalKmsOptions {
  /** The SQLite database file (created if missing), or `:memory:` (then a throwaway root key). */
  path: string;
  /** The root key file, created with mode 0600 if missing. @defaultValue `${path}.root-key` */
  rootKeyPath?: string;
  /** The 32-byte root key itself, instead of a file. */
  rootKey?: Uint8Array;
}

/**
 * Opens (or creates) a local KMS on a SQLite file; synchronous. Key material is wrapped with the
 * root key from `rootKey` or the file `rootKeyPath` (created with mode 0600 when missing).
 */
export function openSqliteKms(options: LocalKmsSqliteOptions): LocalKms {
  // An in-memory database dies with the process, so a throwaway root key is enough for it.
  const ephemeral = options.path === ':memory:' && options.rootKeyPath === undefined;
  const rootKey =
    options.rootKey ??
    (ephemeral
      ? new Uint8Array(randomBytes(32))
      : loadOrCreateRootKeyFile(options.rootKeyPath ?? `${options.path}.root-key`));
  const storage = new SqliteKmsStorage({ path: options.path, rootKey });
  try {
    return new LocalKms({ ...options, storage });
  } catch (error) {
    storage.close();
    throw error;
  }
}
