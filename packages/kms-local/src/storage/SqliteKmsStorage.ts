import {
  describeValue,
  KmsRootKeyMissingError,
  KmsValidationError,
  ServiceUnavailableError,
} from '@sealbus/core';
import Database from 'better-sqlite3';
import type {
  AliasRecord,
  AuditEntry,
  AuditQuery,
  GrantRecord,
  KeyMaterial,
  KeyRecord,
  KmsStorage,
  MaterialVersion,
} from './KmsStorage.js';
import { migrateKmsSchema } from './kmsMigrations.js';
import {
  type AliasRow,
  type AuditRow,
  aliasFromRow,
  aliasToRow,
  auditFromRow,
  auditToValues,
  type GrantRow,
  grantFromRow,
  grantToRow,
  type KeyRow,
  keyFromRow,
  keyToRow,
  materialLabel,
} from './kmsRows.js';
import { createPrivateFile } from './privateFiles.js';
import {
  checkRootKey,
  createRootKeyFile,
  readRootKeyFile,
  rootKeyCheckValue,
  unwrapKeyMaterial,
  wrapKeyMaterial,
} from './rootKey.js';

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
 * KMS state in SQLite (WAL). Every read goes to the database, so several processes on one
 * file see each other's keys at once; only unwrapped material (immutable per version) is cached.
 */
export class SqliteKmsStorage implements KmsStorage {
  private readonly db: Database.Database;
  private readonly ownsDatabase: boolean;
  /** Undefined while the root key file of an existing database is missing. */
  private rootKey: Uint8Array | undefined;
  private readonly rootKeyPath: string | undefined;
  private readonly materialCache = new Map<string, Uint8Array>();
  private readonly statements;

  constructor(options: SqliteKmsStorageOptions) {
    if ((options.rootKey === undefined) === (options.rootKeyPath === undefined)) {
      throw new KmsValidationError('Pass exactly one of rootKey and rootKeyPath.', {
        field: 'rootKey',
      });
    }
    if (options.rootKey !== undefined) {
      this.rootKey = new Uint8Array(checkRootKey(options.rootKey, 'rootKey'));
    }
    this.rootKeyPath = options.rootKeyPath;
    if (options.database !== undefined) {
      this.db = options.database;
      this.ownsDatabase = false;
    } else {
      if (typeof options.path !== 'string' || options.path.length === 0) {
        throw new KmsValidationError(
          `path must name the KMS database file, got ${describeValue(options.path)}.`,
          {
            field: 'path',
          },
        );
      }
      if (options.path !== ':memory:') createPrivateFile(options.path);
      this.db = new Database(options.path, { timeout: 10_000 });
      this.ownsDatabase = true;
    }
    try {
      // A shared database keeps the pragmas its owner chose.
      if (this.ownsDatabase) {
        this.db.pragma('journal_mode = WAL');
        this.db.pragma('synchronous = NORMAL');
      }
      withBusyAsUnavailable(() => {
        // DDL takes the write lock even when nothing is missing: skip it on an existing schema
        // so opening an existing database needs only reads.
        if (!this.hasSchema()) this.db.exec(SCHEMA);
        migrateKmsSchema(this.db);
        this.openRootKey();
      });
    } catch (error) {
      if (this.ownsDatabase) this.db.close();
      throw error;
    }
    const db = this.db;
    this.statements = {
      getKey: db.prepare<[string], KeyRow>('SELECT * FROM kms_keys WHERE key_id = ?'),
      putKey: db.prepare(
        `INSERT OR REPLACE INTO kms_keys (key_id, description, key_manager, creation_date, key_state, deletion_date,
          pending_window_days, policy, tags, rotation_enabled, rotation_period_days, next_rotation_date,
          key_usage, key_spec)
         VALUES (@key_id, @description, @key_manager, @creation_date, @key_state, @deletion_date,
          @pending_window_days, @policy, @tags, @rotation_enabled, @rotation_period_days, @next_rotation_date,
          @key_usage, @key_spec)`,
      ),
      deleteKey: db.prepare('DELETE FROM kms_keys WHERE key_id = ?'),
      deleteMaterial: db.prepare('DELETE FROM kms_key_material WHERE key_id = ?'),
      deleteAliasesOfKey: db.prepare('DELETE FROM kms_aliases WHERE target_key_id = ?'),
      listKeys: db.prepare<[string, number], KeyRow>(
        'SELECT * FROM kms_keys WHERE key_id > ? ORDER BY key_id LIMIT ?',
      ),
      addMaterial: db.prepare(
        'INSERT INTO kms_key_material (key_id, version, wrapped, created_at, rotation_type) VALUES (?, ?, ?, ?, ?)',
      ),
      materialVersions: db.prepare<
        [string],
        { version: number; created_at: number | null; rotation_type: string | null }
      >(
        'SELECT version, created_at, rotation_type FROM kms_key_material WHERE key_id = ? ORDER BY version',
      ),
      deleteGrantsOfKey: db.prepare('DELETE FROM kms_grants WHERE key_id = ?'),
      putGrant: db.prepare(
        `INSERT OR REPLACE INTO kms_grants (grant_id, token_hash, key_id, name, grantee_principal,
           retiring_principal, issuing_account, operations, constraints, creation_date)
         VALUES (@grant_id, @token_hash, @key_id, @name, @grantee_principal, @retiring_principal,
           @issuing_account, @operations, @constraints, @creation_date)`,
      ),
      getGrant: db.prepare<[string], GrantRow>('SELECT * FROM kms_grants WHERE grant_id = ?'),
      getGrantByToken: db.prepare<[string], GrantRow>(
        'SELECT * FROM kms_grants WHERE token_hash = ?',
      ),
      deleteGrant: db.prepare('DELETE FROM kms_grants WHERE grant_id = ?'),
      listGrants: db.prepare<[string, string, string | null, string | null, number], GrantRow>(
        `SELECT * FROM kms_grants WHERE key_id = ? AND grant_id > ?
           AND (? IS NULL OR grantee_principal = ?) ORDER BY grant_id LIMIT ?`,
      ),
      listRetirableGrants: db.prepare<[string, string, number], GrantRow>(
        'SELECT * FROM kms_grants WHERE retiring_principal = ? AND grant_id > ? ORDER BY grant_id LIMIT ?',
      ),
      countGrants: db.prepare<[string], { count: number }>(
        'SELECT COUNT(*) AS count FROM kms_grants WHERE key_id = ?',
      ),
      getMaterial: db.prepare<[string, number], { wrapped: Buffer }>(
        'SELECT wrapped FROM kms_key_material WHERE key_id = ? AND version = ?',
      ),
      latestVersion: db.prepare<[string], { version: number }>(
        'SELECT MAX(version) AS version FROM kms_key_material WHERE key_id = ?',
      ),
      getAlias: db.prepare<[string], AliasRow>('SELECT * FROM kms_aliases WHERE alias_name = ?'),
      putAlias: db.prepare(
        `INSERT OR REPLACE INTO kms_aliases (alias_name, target_key_id, creation_date, last_updated_date)
         VALUES (@alias_name, @target_key_id, @creation_date, @last_updated_date)`,
      ),
      deleteAlias: db.prepare('DELETE FROM kms_aliases WHERE alias_name = ?'),
      listAliases: db.prepare<[string, number], AliasRow>(
        'SELECT * FROM kms_aliases WHERE alias_name > ? ORDER BY alias_name LIMIT ?',
      ),
      listAliasesOfKey: db.prepare<[string, string, number], AliasRow>(
        'SELECT * FROM kms_aliases WHERE target_key_id = ? AND alias_name > ? ORDER BY alias_name LIMIT ?',
      ),
      appendAudit: db.prepare(
        `INSERT INTO kms_audit (event_time, operation, key_arn, principal, on_behalf_of,
           encryption_context, destination_key_arn, destination_encryption_context, result,
           error_code)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      queryAudit: db.prepare<
        [
          {
            keyArn: string | null;
            operation: string | null;
            since: number;
            beforeId: number | null;
            result: string | null;
            limit: number;
          },
        ],
        AuditRow
      >(
        `SELECT * FROM (
           SELECT * FROM kms_audit
           WHERE (@keyArn IS NULL OR key_arn = @keyArn OR destination_key_arn = @keyArn)
             AND (@operation IS NULL OR operation = @operation)
             AND event_time >= @since
             AND (@beforeId IS NULL OR id < @beforeId)
             AND (@result IS NULL OR result = @result)
           ORDER BY id DESC LIMIT @limit
         ) ORDER BY id`,
      ),
    };
  }

  private hasSchema(): boolean {
    const present = new Set(
      this.db
        .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE name LIKE 'kms_%'")
        .all()
        .map((row) => row.name),
    );
    return SCHEMA_OBJECTS.every((name) => present.has(name));
  }

  /**
   * A database without a root key check value is new: its root key file is created now, if
   * missing, and recorded. An existing database reads its file when present (a wrong one fails
   * here) and otherwise opens without it, writing nothing.
   */
  private openRootKey(): void {
    const stored = this.storedRootKeyCheck();
    if (this.rootKey === undefined) {
      const path = this.rootKeyPath!;
      if (stored === undefined) createRootKeyFile(path);
      this.rootKey = readRootKeyFile(path);
    }
    if (this.rootKey !== undefined) this.adoptRootKey(this.rootKey, stored);
  }

  private storedRootKeyCheck(): string | undefined {
    return this.db
      .prepare<[], { value: string }>("SELECT value FROM kms_meta WHERE name = 'root_key_check'")
      .get()?.value;
  }

  private adoptRootKey(rootKey: Uint8Array, stored: string | undefined): void {
    const check = rootKeyCheckValue(rootKey);
    let recorded = stored;
    if (recorded === undefined) {
      // Processes racing to create the database all insert; the first one's value stands.
      this.db
        .prepare("INSERT OR IGNORE INTO kms_meta (name, value) VALUES ('root_key_check', ?)")
        .run(check);
      recorded = this.storedRootKeyCheck();
    }
    if (recorded !== check) {
      throw new KmsValidationError(
        'rootKey does not match the root key this KMS database was created with; pass the original root key file (rootKeyPath) or root key.',
        { field: 'rootKey' },
      );
    }
  }

  /** The root key, read from its file on first need once the file is restored. */
  private requireRootKey(): Uint8Array {
    if (this.rootKey !== undefined) return this.rootKey;
    const path = this.rootKeyPath!;
    const rootKey = readRootKeyFile(path);
    if (rootKey === undefined) throw new KmsRootKeyMissingError(path, this.db.name);
    this.adoptRootKey(rootKey, this.storedRootKeyCheck());
    this.rootKey = rootKey;
    return rootKey;
  }

  transaction<T>(fn: () => T): T {
    return withBusyAsUnavailable(() => this.db.transaction(fn).immediate());
  }

  getKey(keyId: string): KeyRecord | undefined {
    const row = this.statements.getKey.get(keyId);
    return row === undefined ? undefined : keyFromRow(row);
  }

  putKey(key: KeyRecord): void {
    this.statements.putKey.run(keyToRow(key));
  }

  deleteKey(keyId: string): void {
    this.statements.deleteKey.run(keyId);
    this.statements.deleteMaterial.run(keyId);
    this.statements.deleteAliasesOfKey.run(keyId);
    this.statements.deleteGrantsOfKey.run(keyId);
    for (const [cacheKey, material] of this.materialCache) {
      if (cacheKey.startsWith(`${keyId}#`)) {
        material.fill(0);
        this.materialCache.delete(cacheKey);
      }
    }
  }

  listKeys(afterKeyId: string | undefined, limit: number): KeyRecord[] {
    return this.statements.listKeys.all(afterKeyId ?? '', limit).map(keyFromRow);
  }

  addMaterial(keyId: string, material: KeyMaterial & Omit<MaterialVersion, 'version'>): void {
    const label = materialLabel(keyId, material.version);
    this.statements.addMaterial.run(
      keyId,
      material.version,
      wrapKeyMaterial(this.requireRootKey(), label, material.material),
      material.createdAt ?? null,
      material.rotationType ?? null,
    );
  }

  materialVersions(keyId: string): MaterialVersion[] {
    return this.statements.materialVersions.all(keyId).map((row) => ({
      version: row.version,
      ...(row.created_at === null ? {} : { createdAt: row.created_at }),
      ...(row.rotation_type === null
        ? {}
        : { rotationType: row.rotation_type as 'AUTOMATIC' | 'ON_DEMAND' }),
    }));
  }

  putGrant(grant: GrantRecord): void {
    this.statements.putGrant.run(grantToRow(grant));
  }

  getGrant(grantId: string): GrantRecord | undefined {
    const row = this.statements.getGrant.get(grantId);
    return row === undefined ? undefined : grantFromRow(row);
  }

  getGrantByTokenHash(tokenHash: string): GrantRecord | undefined {
    const row = this.statements.getGrantByToken.get(tokenHash);
    return row === undefined ? undefined : grantFromRow(row);
  }

  deleteGrant(grantId: string): void {
    this.statements.deleteGrant.run(grantId);
  }

  listGrants(
    keyId: string,
    afterGrantId: string | undefined,
    limit: number,
    granteePrincipal?: string,
  ): GrantRecord[] {
    const grantee = granteePrincipal ?? null;
    return this.statements.listGrants
      .all(keyId, afterGrantId ?? '', grantee, grantee, limit)
      .map(grantFromRow);
  }

  listRetirableGrants(
    retiringPrincipal: string,
    afterGrantId: string | undefined,
    limit: number,
  ): GrantRecord[] {
    return this.statements.listRetirableGrants
      .all(retiringPrincipal, afterGrantId ?? '', limit)
      .map(grantFromRow);
  }

  countGrants(keyId: string): number {
    return this.statements.countGrants.get(keyId)?.count ?? 0;
  }

  getMaterial(keyId: string, version: number): Uint8Array | undefined {
    const label = materialLabel(keyId, version);
    const cached = this.materialCache.get(label);
    if (cached !== undefined) return cached;
    const row = this.statements.getMaterial.get(keyId, version);
    if (row === undefined) return undefined;
    const material = unwrapKeyMaterial(this.requireRootKey(), label, row.wrapped);
    this.materialCache.set(label, material);
    return material;
  }

  latestMaterial(keyId: string): KeyMaterial | undefined {
    const version = this.statements.latestVersion.get(keyId)?.version;
    if (version === undefined || version === null) return undefined;
    const material = this.getMaterial(keyId, version);
    return material === undefined ? undefined : { version, material };
  }

  getAlias(aliasName: string): AliasRecord | undefined {
    const row = this.statements.getAlias.get(aliasName);
    return row === undefined ? undefined : aliasFromRow(row);
  }

  putAlias(alias: AliasRecord): void {
    this.statements.putAlias.run(aliasToRow(alias));
  }

  deleteAlias(aliasName: string): void {
    this.statements.deleteAlias.run(aliasName);
  }

  listAliases(
    afterAliasName: string | undefined,
    limit: number,
    targetKeyId?: string,
  ): AliasRecord[] {
    const rows =
      targetKeyId === undefined
        ? this.statements.listAliases.all(afterAliasName ?? '', limit)
        : this.statements.listAliasesOfKey.all(targetKeyId, afterAliasName ?? '', limit);
    return rows.map(aliasFromRow);
  }

  appendAudit(entry: Omit<AuditEntry, 'id'>): void {
    withBusyAsUnavailable(() => this.statements.appendAudit.run(...auditToValues(entry)));
  }

  queryAudit(query: AuditQuery): AuditEntry[] {
    return this.statements.queryAudit
      .all({
        keyArn: query.keyArn ?? null,
        operation: query.operation ?? null,
        since: query.since?.getTime() ?? 0,
        beforeId: query.beforeId ?? null,
        result: query.result ?? null,
        limit: query.limit,
      })
      .map(auditFromRow);
  }

  close(): void {
    for (const material of this.materialCache.values()) material.fill(0);
    this.materialCache.clear();
    this.rootKey?.fill(0);
    if (this.ownsDatabase && this.db.open) this.db.close();
  }
}
