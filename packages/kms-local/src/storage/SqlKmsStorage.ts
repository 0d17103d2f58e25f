import { KmsRootKeyMissingError, KmsValidationError } from '@sealbus/core';
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
import {
  checkRootKey,
  createRootKeyFile,
  readRootKeyFile,
  rootKeyCheckValue,
  unwrapKeyMaterial,
  wrapKeyMaterial,
} from './rootKey.js';

/**
 * One SQL database holding the `kms_*` tables, as {@link SqlKmsStorage} needs it. Statements use
 * `?` placeholders bound in order and only SQL that SQLite and PostgreSQL both accept (`CAST`,
 * `INSERT ... ON CONFLICT`); a dialect's connection rewrites placeholders if it must.
 */
export interface KmsSql {
  /** Names the database in messages (a file path, "the PostgreSQL database"). */
  readonly location: string;
  all<Row>(statement: string, values?: readonly unknown[]): Row[];
  run(statement: string, values?: readonly unknown[]): void;
  /** Runs `fn` under the database's KMS write lock; a nested call joins the outer transaction. */
  transaction<T>(fn: () => T): T;
  /** Releases the connection (a shared one stays open). */
  close(): void;
}

/** Where the root key wrapping all key material comes from: the key itself or its file. */
export type KmsRootKeySource = { rootKey: Uint8Array } | { rootKeyPath: string };

const KEY_COLUMNS = [
  'key_id',
  'description',
  'key_manager',
  'creation_date',
  'key_state',
  'deletion_date',
  'pending_window_days',
  'policy',
  'tags',
  'rotation_enabled',
  'rotation_period_days',
  'next_rotation_date',
  'key_usage',
  'key_spec',
] as const satisfies readonly (keyof KeyRow)[];

const GRANT_COLUMNS = [
  'grant_id',
  'token_hash',
  'key_id',
  'name',
  'grantee_principal',
  'retiring_principal',
  'issuing_account',
  'operations',
  'constraints',
  'creation_date',
] as const satisfies readonly (keyof GrantRow)[];

const ALIAS_COLUMNS = [
  'alias_name',
  'target_key_id',
  'creation_date',
  'last_updated_date',
] as const satisfies readonly (keyof AliasRow)[];

/** Insert, or update every column of the row with the same first column (its primary key). */
function upsert(table: string, columns: readonly string[]): string {
  const updates = columns
    .slice(1)
    .map((column) => `${column} = EXCLUDED.${column}`)
    .join(', ');
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
          ON CONFLICT (${columns[0]}) DO UPDATE SET ${updates}`;
}

const PUT_KEY = upsert('kms_keys', KEY_COLUMNS);
const PUT_GRANT = upsert('kms_grants', GRANT_COLUMNS);
const PUT_ALIAS = upsert('kms_aliases', ALIAS_COLUMNS);

/**
 * The local KMS's state in SQL tables, for every SQL database (SQLite, PostgreSQL): the
 * statements, the row mapping and the root key handling live here once. Every read goes to the
 * database, so processes sharing it see each other's keys, policies and grants at once; only
 * unwrapped material (immutable per version) is cached. Key material is stored wrapped by the
 * root key, which is never written to the database.
 */
export class SqlKmsStorage implements KmsStorage {
  /** Undefined while the root key file of an existing database is missing. */
  private rootKey: Uint8Array | undefined;
  private readonly rootKeyPath: string | undefined;
  private readonly materialCache = new Map<string, Uint8Array>();

  /** Takes over `sql`: it is closed here if the root key does not fit the database. */
  constructor(
    private readonly sql: KmsSql,
    source: KmsRootKeySource,
  ) {
    this.rootKeyPath = 'rootKeyPath' in source ? source.rootKeyPath : undefined;
    try {
      if ('rootKey' in source) {
        this.rootKey = new Uint8Array(checkRootKey(source.rootKey, 'rootKey'));
      }
      this.openRootKey();
    } catch (error) {
      sql.close();
      throw error;
    }
  }

  /**
   * A database without a root key check value is new: its root key file is created now, if
   * missing, and recorded. An existing database reads its file when present (a wrong one fails
   * here) and otherwise opens without it, writing nothing: key metadata, aliases and the audit
   * log stay readable and key material throws `KmsRootKeyMissingError` until the file is back.
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
    return this.sql.all<{ value: string }>(
      "SELECT value FROM kms_meta WHERE name = 'root_key_check'",
    )[0]?.value;
  }

  private adoptRootKey(rootKey: Uint8Array, stored: string | undefined): void {
    const check = rootKeyCheckValue(rootKey);
    let recorded = stored;
    if (recorded === undefined) {
      // Processes racing to create the schema all insert; the first one's value stands.
      this.sql.run(
        "INSERT INTO kms_meta (name, value) VALUES ('root_key_check', ?) ON CONFLICT DO NOTHING",
        [check],
      );
      recorded = this.storedRootKeyCheck();
    }
    if (recorded !== check) {
      throw new KmsValidationError(
        'rootKey does not match the root key this KMS database was created with; pass the original root key (the key, its file or its environment variable).',
        { field: 'rootKey' },
      );
    }
  }

  /** The root key, read from its file on first need once the file is restored. */
  private requireRootKey(): Uint8Array {
    if (this.rootKey !== undefined) return this.rootKey;
    const path = this.rootKeyPath!;
    const rootKey = readRootKeyFile(path);
    if (rootKey === undefined) throw new KmsRootKeyMissingError(path, this.sql.location);
    this.adoptRootKey(rootKey, this.storedRootKeyCheck());
    this.rootKey = rootKey;
    return rootKey;
  }

  transaction<T>(fn: () => T): T {
    return this.sql.transaction(fn);
  }

  getKey(keyId: string): KeyRecord | undefined {
    return this.one('SELECT * FROM kms_keys WHERE key_id = ?', keyId, keyFromRow);
  }

  putKey(key: KeyRecord): void {
    const row = keyToRow(key);
    this.sql.run(
      PUT_KEY,
      KEY_COLUMNS.map((column) => row[column]),
    );
  }

  deleteKey(keyId: string): void {
    this.sql.transaction(() => {
      for (const statement of [
        'DELETE FROM kms_keys WHERE key_id = ?',
        'DELETE FROM kms_key_material WHERE key_id = ?',
        'DELETE FROM kms_aliases WHERE target_key_id = ?',
        'DELETE FROM kms_grants WHERE key_id = ?',
      ]) {
        this.sql.run(statement, [keyId]);
      }
    });
    for (const [cacheKey, material] of this.materialCache) {
      if (cacheKey.startsWith(`${keyId}#`)) {
        material.fill(0);
        this.materialCache.delete(cacheKey);
      }
    }
  }

  listKeys(afterKeyId: string | undefined, limit: number): KeyRecord[] {
    return this.sql
      .all<KeyRow>('SELECT * FROM kms_keys WHERE key_id > ? ORDER BY key_id LIMIT ?', [
        afterKeyId ?? '',
        limit,
      ])
      .map(keyFromRow);
  }

  addMaterial(keyId: string, material: KeyMaterial & Omit<MaterialVersion, 'version'>): void {
    const wrapped = wrapKeyMaterial(
      this.requireRootKey(),
      materialLabel(keyId, material.version),
      material.material,
    );
    this.sql.run(
      'INSERT INTO kms_key_material (key_id, version, wrapped, created_at, rotation_type) VALUES (?, ?, ?, ?, ?)',
      [keyId, material.version, wrapped, material.createdAt ?? null, material.rotationType ?? null],
    );
  }

  materialVersions(keyId: string): MaterialVersion[] {
    return this.sql
      .all<{ version: number; created_at: number | null; rotation_type: string | null }>(
        'SELECT version, created_at, rotation_type FROM kms_key_material WHERE key_id = ? ORDER BY version',
        [keyId],
      )
      .map((row) => ({
        version: row.version,
        ...(row.created_at === null ? {} : { createdAt: row.created_at }),
        ...(row.rotation_type === null
          ? {}
          : { rotationType: row.rotation_type as 'AUTOMATIC' | 'ON_DEMAND' }),
      }));
  }

  getMaterial(keyId: string, version: number): Uint8Array | undefined {
    // A version outside a 32-bit INTEGER (a mutated blob) names no stored material.
    if (!storable(keyId) || !Number.isInteger(version) || version < 0 || version > 2 ** 31 - 1) {
      return undefined;
    }
    const label = materialLabel(keyId, version);
    const cached = this.materialCache.get(label);
    if (cached !== undefined) return cached;
    const row = this.sql.all<{ wrapped: Uint8Array }>(
      'SELECT wrapped FROM kms_key_material WHERE key_id = ? AND version = ?',
      [keyId, version],
    )[0];
    if (row === undefined) return undefined;
    const material = unwrapKeyMaterial(this.requireRootKey(), label, row.wrapped);
    this.materialCache.set(label, material);
    return material;
  }

  latestMaterial(keyId: string): KeyMaterial | undefined {
    const version = this.sql.all<{ version: number | null }>(
      'SELECT MAX(version) AS version FROM kms_key_material WHERE key_id = ?',
      [keyId],
    )[0]?.version;
    if (version === undefined || version === null) return undefined;
    const material = this.getMaterial(keyId, version);
    return material === undefined ? undefined : { version, material };
  }

  getAlias(aliasName: string): AliasRecord | undefined {
    return this.one('SELECT * FROM kms_aliases WHERE alias_name = ?', aliasName, aliasFromRow);
  }

  putAlias(alias: AliasRecord): void {
    const row = aliasToRow(alias);
    this.sql.run(
      PUT_ALIAS,
      ALIAS_COLUMNS.map((column) => row[column]),
    );
  }

  deleteAlias(aliasName: string): void {
    this.sql.run('DELETE FROM kms_aliases WHERE alias_name = ?', [aliasName]);
  }

  listAliases(
    afterAliasName: string | undefined,
    limit: number,
    targetKeyId?: string,
  ): AliasRecord[] {
    const target = targetKeyId ?? null;
    return this.sql
      .all<AliasRow>(
        `SELECT * FROM kms_aliases WHERE alias_name > ?
           AND (CAST(? AS TEXT) IS NULL OR target_key_id = ?) ORDER BY alias_name LIMIT ?`,
        [afterAliasName ?? '', target, target, limit],
      )
      .map(aliasFromRow);
  }

  putGrant(grant: GrantRecord): void {
    const row = grantToRow(grant);
    this.sql.run(
      PUT_GRANT,
      GRANT_COLUMNS.map((column) => row[column]),
    );
  }

  getGrant(grantId: string): GrantRecord | undefined {
    return this.one('SELECT * FROM kms_grants WHERE grant_id = ?', grantId, grantFromRow);
  }

  getGrantByTokenHash(tokenHash: string): GrantRecord | undefined {
    return this.one('SELECT * FROM kms_grants WHERE token_hash = ?', tokenHash, grantFromRow);
  }

  deleteGrant(grantId: string): void {
    this.sql.run('DELETE FROM kms_grants WHERE grant_id = ?', [grantId]);
  }

  listGrants(
    keyId: string,
    afterGrantId: string | undefined,
    limit: number,
    granteePrincipal?: string,
  ): GrantRecord[] {
    const grantee = granteePrincipal ?? null;
    return this.sql
      .all<GrantRow>(
        `SELECT * FROM kms_grants WHERE key_id = ? AND grant_id > ?
           AND (CAST(? AS TEXT) IS NULL OR grantee_principal = ?) ORDER BY grant_id LIMIT ?`,
        [keyId, afterGrantId ?? '', grantee, grantee, limit],
      )
      .map(grantFromRow);
  }

  listRetirableGrants(
    retiringPrincipal: string,
    afterGrantId: string | undefined,
    limit: number,
  ): GrantRecord[] {
    return this.sql
      .all<GrantRow>(
        'SELECT * FROM kms_grants WHERE retiring_principal = ? AND grant_id > ? ORDER BY grant_id LIMIT ?',
        [retiringPrincipal, afterGrantId ?? '', limit],
      )
      .map(grantFromRow);
  }

  countGrants(keyId: string): number {
    return (
      this.sql.all<{ count: number }>(
        'SELECT CAST(COUNT(*) AS INTEGER) AS count FROM kms_grants WHERE key_id = ?',
        [keyId],
      )[0]?.count ?? 0
    );
  }

  appendAudit(entry: Omit<AuditEntry, 'id'>): void {
    this.sql.run(
      `INSERT INTO kms_audit (event_time, operation, key_arn, principal, on_behalf_of,
         encryption_context, destination_key_arn, destination_encryption_context, result,
         error_code)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      auditToValues(entry),
    );
  }

  queryAudit(query: AuditQuery): AuditEntry[] {
    const keyArn = query.keyArn ?? null;
    const operation = query.operation ?? null;
    const beforeId = query.beforeId ?? null;
    const result = query.result ?? null;
    return this.sql
      .all<AuditRow>(
        `SELECT * FROM (
           SELECT * FROM kms_audit
           WHERE (CAST(? AS TEXT) IS NULL OR key_arn = ? OR destination_key_arn = ?)
             AND (CAST(? AS TEXT) IS NULL OR operation = ?)
             AND event_time >= ?
             AND (CAST(? AS BIGINT) IS NULL OR id < ?)
             AND (CAST(? AS TEXT) IS NULL OR result = ?)
           ORDER BY id DESC LIMIT ?
         ) recent ORDER BY id`,
        [
          keyArn,
          keyArn,
          keyArn,
          operation,
          operation,
          query.since?.getTime() ?? 0,
          beforeId,
          beforeId,
          result,
          result,
          query.limit,
        ],
      )
      .map(auditFromRow);
  }

  close(): void {
    for (const material of this.materialCache.values()) material.fill(0);
    this.materialCache.clear();
    this.rootKey?.fill(0);
    this.sql.close();
  }

  /** The row with this id, mapped; an id no database can hold finds nothing. */
  private one<Row, Record>(
    statement: string,
    id: string,
    fromRow: (row: Row) => Record,
  ): Record | undefined {
    if (!storable(id)) return undefined;
    const row = this.sql.all<Row>(statement, [id])[0];
    return row === undefined ? undefined : fromRow(row);
  }
}

/**
 * PostgreSQL text cannot hold NUL, so no stored id contains one: a lookup by such an id (a
 * mutated ciphertext blob, a hostile request) finds nothing in every database, without asking.
 */
function storable(id: string): boolean {
  return !id.includes('\0');
}
