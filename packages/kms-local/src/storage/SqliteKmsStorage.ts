import { describeValue, KmsValidationError, ServiceUnavailableError } from '@sealbus/core';
import Database from 'better-sqlite3';
import { migrateKmsSchema } from './kmsMigrations.js';
import { createPrivateFile } from './privateFiles.js';
import { type KmsRootKeySource, type KmsSql, SqlKmsStorage } from './SqlKmsStorage.js';

/** Exactly one of `rootKey` and `rootKeyPath`. */
export interface SqliteKmsStorageOptions {
  /** The root key wrapping all key material (32 bytes). */
  rootKey?: Uint8Array;
  /**
   * The root key file (base64, mode 0600). It is created only together with a new KMS database.
   * For an existing one a missing file is never replaced: the storage opens without it (key
   * metadata, aliases and the audit log stay readable) and every use of key material throws
   * `KmsRootKeyMissingError` until the file is restored.
   */
  rootKeyPath?: string;
  /** Database file, created with mode 0600 (and missing directories 0700); ignored when `database` is given. */
  path?: string;
  /**
   * An open better-sqlite3 database to share (tables are prefixed `kms_`). Its owner chooses the
   * pragmas (use WAL for several processes) and closes it; `close()` leaves it open.
   */
  database?: Database.Database;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS kms_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS kms_keys (
  key_id TEXT PRIMARY KEY,
  description TEXT NOT NULL,
  key_manager TEXT NOT NULL,
  creation_date INTEGER NOT NULL,
  key_state TEXT NOT NULL,
  deletion_date INTEGER,
  pending_window_days INTEGER,
  policy TEXT NOT NULL,
  tags TEXT NOT NULL,
  rotation_enabled INTEGER NOT NULL,
  rotation_period_days INTEGER,
  next_rotation_date INTEGER
);
CREATE TABLE IF NOT EXISTS kms_key_material (
  key_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  wrapped BLOB NOT NULL,
  PRIMARY KEY (key_id, version)
);
CREATE TABLE IF NOT EXISTS kms_aliases (
  alias_name TEXT PRIMARY KEY,
  target_key_id TEXT NOT NULL,
  creation_date INTEGER NOT NULL,
  last_updated_date INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS kms_aliases_target ON kms_aliases (target_key_id, alias_name);
CREATE TABLE IF NOT EXISTS kms_audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  event_time INTEGER NOT NULL,
  operation TEXT NOT NULL,
  key_arn TEXT,
  principal TEXT NOT NULL,
  encryption_context TEXT,
  destination_key_arn TEXT,
  destination_encryption_context TEXT,
  result TEXT NOT NULL,
  error_code TEXT
);
CREATE INDEX IF NOT EXISTS kms_audit_key ON kms_audit (key_arn, id);
CREATE INDEX IF NOT EXISTS kms_audit_destination_key ON kms_audit (destination_key_arn, id);
`;

/** Every table and index SCHEMA creates. */
const SCHEMA_OBJECTS = [...SCHEMA.matchAll(/IF NOT EXISTS (\w+)/g)].map((match) => match[1]!);

/**
 * Another process held the write lock past the connection's busy timeout: the retryable
 * `ServiceUnavailable` the operations guide promises, not a raw `SqliteError`.
 */
function withBusyAsUnavailable<T>(write: () => T): T {
  try {
    return write();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code)) {
      throw new ServiceUnavailableError(
        'The KMS tables stayed locked by another process for longer than the busy timeout; retry when its write is done.',
        { cause: error },
      );
    }
    throw error;
  }
}

/**
 * KMS state in SQLite (WAL): the shared SQL storage over one better-sqlite3 database. Several
 * processes on one file see each other's keys at once.
 */
export class SqliteKmsStorage extends SqlKmsStorage {
  constructor(options: SqliteKmsStorageOptions) {
    if ((options.rootKey === undefined) === (options.rootKeyPath === undefined)) {
      throw new KmsValidationError('Pass exactly one of rootKey and rootKeyPath.', {
        field: 'rootKey',
      });
    }
    const source: KmsRootKeySource =
      options.rootKey !== undefined
        ? { rootKey: options.rootKey }
        : { rootKeyPath: options.rootKeyPath! };
    super(new SqliteKmsSql(openSchema(options), options.database === undefined), source);
  }
}

/** The database with the KMS tables created and migrated. */
function openSchema(options: SqliteKmsStorageOptions): Database.Database {
  const owned = options.database === undefined;
  const db = options.database ?? new Database(ownedPath(options.path), { timeout: 10_000 });
  try {
    // A shared database keeps the pragmas its owner chose.
    if (owned) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    withBusyAsUnavailable(() => {
      // DDL takes the write lock even when nothing is missing: skip it on an existing schema
      // so opening an existing database needs only reads.
      if (!hasSchema(db)) db.exec(SCHEMA);
      migrateKmsSchema(db);
    });
    return db;
  } catch (error) {
    if (owned) db.close();
    throw error;
  }
}

function ownedPath(path: string | undefined): string {
  if (typeof path !== 'string' || path.length === 0) {
    throw new KmsValidationError(
      `path must name the KMS database file, got ${describeValue(path)}.`,
      { field: 'path' },
    );
  }
  if (path !== ':memory:') createPrivateFile(path);
  return path;
}

function hasSchema(db: Database.Database): boolean {
  const present = new Set(
    db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE name LIKE 'kms_%'")
      .all()
      .map((row) => row.name),
  );
  return SCHEMA_OBJECTS.every((name) => present.has(name));
}

/** better-sqlite3 as {@link KmsSql}: each statement prepared once, lock waits as `ServiceUnavailable`. */
class SqliteKmsSql implements KmsSql {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    private readonly ownsDatabase: boolean,
  ) {}

  get location(): string {
    return this.db.name;
  }

  all<Row>(statement: string, values: readonly unknown[] = []): Row[] {
    return withBusyAsUnavailable(() => this.prepared(statement).all(...values) as Row[]);
  }

  run(statement: string, values: readonly unknown[] = []): void {
    withBusyAsUnavailable(() => this.prepared(statement).run(...values));
  }

  transaction<T>(fn: () => T): T {
    return withBusyAsUnavailable(() => this.db.transaction(fn).immediate());
  }

  close(): void {
    if (this.ownsDatabase && this.db.open) this.db.close();
  }

  private prepared(statement: string): Database.Statement {
    let prepared = this.statements.get(statement);
    if (prepared === undefined) {
      prepared = this.db.prepare(statement);
      this.statements.set(statement, prepared);
    }
    return prepared;
  }
}
