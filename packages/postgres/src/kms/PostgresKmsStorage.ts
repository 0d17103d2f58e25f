import { KmsValidationError } from '@sealbus/core';
import {
  checkRootKey,
  type KmsRootKeySource,
  type KmsSql,
  SqlKmsStorage,
} from '@sealbus/kms-local';
import { SyncSql } from './SyncSql.js';

/** Where the root key comes from: exactly one of the three. It is never stored in the database. */
export interface PostgresRootKeySource {
  /** The 32-byte root key itself. */
  rootKey?: Uint8Array;
  /**
   * A root key file (base64, mode 0600), created only together with a new KMS schema; for an
   * existing one a missing file is never replaced (key material then throws
   * `KmsRootKeyMissingError` until the file is restored).
   */
  rootKeyPath?: string;
  /** The name of an environment variable holding the root key in base64. */
  rootKeyEnv?: string;
}

export interface PostgresKmsStorageOptions extends PostgresRootKeySource {
  /** A database already migrated by `migrate` (the KMS tables are `kms_*`). */
  connectionString: string;
  /** How long one statement may take before `ServiceUnavailable`. @defaultValue 30000 */
  statementTimeoutMs?: number;
}

/**
 * Serializes KMS transactions across processes and machines, as SQLite's write lock does for
 * one file ("sealbusk" in ASCII).
 */
const KMS_LOCK = 0x7365616c6275736bn.toString();

/**
 * The local KMS's state in PostgreSQL: the shared SQL storage over one synchronous connection,
 * so processes on other machines see each other's keys, policies and grants at once.
 */
export class PostgresKmsStorage extends SqlKmsStorage {
  constructor(options: PostgresKmsStorageOptions) {
    const source = rootKeySource(options);
    super(new PostgresKmsSql(options.connectionString, options.statementTimeoutMs), source);
  }
}

function rootKeySource(options: PostgresRootKeySource): KmsRootKeySource {
  const given = [options.rootKey, options.rootKeyPath, options.rootKeyEnv].filter(
    (source) => source !== undefined,
  );
  if (given.length !== 1) {
    throw new KmsValidationError('Pass exactly one of rootKey, rootKeyPath and rootKeyEnv.', {
      field: 'rootKey',
    });
  }
  if (options.rootKeyPath !== undefined) return { rootKeyPath: options.rootKeyPath };
  return {
    rootKey:
      options.rootKeyEnv === undefined ? options.rootKey! : rootKeyFromEnv(options.rootKeyEnv),
  };
}

/**
 * {@link SyncSql} as {@link KmsSql}: `?` placeholders become `$1, $2, ...`, and a transaction
 * holds the KMS advisory lock.
 */
class PostgresKmsSql implements KmsSql {
  readonly location = 'the PostgreSQL database';
  private readonly sql: SyncSql;
  private transactionDepth = 0;

  constructor(connectionString: string, statementTimeoutMs: number | undefined) {
    this.sql = new SyncSql(connectionString, statementTimeoutMs);
  }

  all<Row>(statement: string, values: readonly unknown[] = []): Row[] {
    let index = 0;
    return this.sql.query<Row>(
      statement.replace(/\?/g, () => `$${++index}`),
      [...values],
    );
  }

  run(statement: string, values?: readonly unknown[]): void {
    this.all(statement, values);
  }

  transaction<T>(fn: () => T): T {
    if (this.transactionDepth > 0) return fn();
    this.sql.begin();
    this.transactionDepth = 1;
    try {
      this.sql.query('SELECT pg_advisory_xact_lock($1)', [KMS_LOCK]);
      const result = fn();
      this.sql.commit();
      return result;
    } catch (error) {
      this.sql.rollback();
      throw error;
    } finally {
      this.transactionDepth = 0;
    }
  }

  close(): void {
    this.sql.close();
  }
}

function rootKeyFromEnv(name: string): Uint8Array {
  const value = process.env[name];
  if (value === undefined || value.trim() === '') {
    throw new KmsValidationError(
      `rootKeyEnv names the environment variable ${JSON.stringify(name)}, which is not set; set it to the base64 root key.`,
      { field: 'rootKeyEnv' },
    );
  }
  return checkRootKey(
    new Uint8Array(Buffer.from(value.trim(), 'base64')),
    `environment variable ${name}`,
  );
}
