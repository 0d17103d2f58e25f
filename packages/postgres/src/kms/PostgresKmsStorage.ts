import { KmsRootKeyMissingError, KmsValidationError } from '@sealbus/core';
import {
  type AliasRecord,
  type AliasRow,
  type AuditEntry,
  type AuditQuery,
  type AuditRow,
  aliasFromRow,
  aliasToRow,
  auditFromRow,
  auditToValues,
  checkRootKey,
  createRootKeyFile,
  type GrantRecord,
  type GrantRow,
  grantFromRow,
  grantToRow,
  type KeyMaterial,
  type KeyRecord,
  type KeyRow,
  type KmsStorage,
  keyFromRow,
  keyToRow,
  type MaterialVersion,
  materialLabel,
  readRootKeyFile,
  rootKeyCheckValue,
  unwrapKeyMaterial,
  wrapKeyMaterial,
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

/** `INSERT ... ON CONFLICT (first column) DO UPDATE` of every column, as `INSERT OR REPLACE`. */
function upsert(table: string, columns: readonly string[]): string {
  const placeholders = columns.map((_, index) => `$${index + 1}`).join(', ');
  const updates = columns
    .slice(1)
    .map((column) => `${column} = EXCLUDED.${column}`)
    .join(', ');
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders})
          ON CONFLICT (${columns[0]}) DO UPDATE SET ${updates}`;
}

const PUT_KEY = upsert('kms_keys', KEY_COLUMNS);
const PUT_GRANT = upsert('kms_grants', GRANT_COLUMNS);
const PUT_ALIAS = upsert('kms_aliases', [
  'alias_name',
  'target_key_id',
  'creation_date',
  'last_updated_date',
]);

/**
 * The local KMS's state in PostgreSQL. Every read goes to the database, so processes on other
 * machines see each other's keys, policies and grants at once; only unwrapped material
 * (immutable per version) is cached in memory. Key material is stored wrapped by the root key.
 */
export class PostgresKmsStorage implements KmsStorage {
  private readonly sql: SyncSql;
  private rootKey: Uint8Array | undefined;
  private readonly rootKeyPath: string | undefined;
  private readonly materialCache = new Map<string, Uint8Array>();
  private transactionDepth = 0;

  constructor(options: PostgresKmsStorageOptions) {
    const given = [options.rootKey, options.rootKeyPath, options.rootKeyEnv].filter(
      (source) => source !== undefined,
    );
    if (given.length !== 1) {
      throw new KmsValidationError('Pass exactly one of rootKey, rootKeyPath and rootKeyEnv.', {
        field: 'rootKey',
      });
    }
    if (options.rootKey !== undefined) {
      this.rootKey = new Uint8Array(checkRootKey(options.rootKey, 'rootKey'));
    }
    if (options.rootKeyEnv !== undefined) this.rootKey = rootKeyFromEnv(options.rootKeyEnv);
    this.rootKeyPath = options.rootKeyPath;
    this.sql = new SyncSql(options.connectionString, options.statementTimeoutMs);
    try {
      this.openRootKey();
    } catch (error) {
      this.sql.close();
      throw error;
    }
  }

  /**
   * A schema without a root key check value is new: the root key file is created now (if
   * missing) and its check value recorded; an existing one must match.
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
    return this.sql.query<{ value: string }>(
      "SELECT value FROM kms_meta WHERE name = 'root_key_check'",
    )[0]?.value;
  }

  private adoptRootKey(rootKey: Uint8Array, stored: string | undefined): void {
    const check = rootKeyCheckValue(rootKey);
    let recorded = stored;
    if (recorded === undefined) {
      // Processes racing to create the schema all insert; the first one's value stands.
      this.sql.query(
        "INSERT INTO kms_meta (name, value) VALUES ('root_key_check', $1) ON CONFLICT DO NOTHING",
        [check],
      );
      recorded = this.storedRootKeyCheck();
    }
    if (recorded !== check) {
      throw new KmsValidationError(
        'rootKey does not match the root key this KMS database was created with; pass the original root key (file or environment variable).',
        { field: 'rootKey' },
      );
    }
  }

  private requireRootKey(): Uint8Array {
    if (this.rootKey !== undefined) return this.rootKey;
    const path = this.rootKeyPath!;
    const rootKey = readRootKeyFile(path);
    if (rootKey === undefined) throw new KmsRootKeyMissingError(path, 'the PostgreSQL database');
    this.adoptRootKey(rootKey, this.storedRootKeyCheck());
    this.rootKey = rootKey;
    return rootKey;
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

  getKey(keyId: string): KeyRecord | undefined {
    if (!storable(keyId)) return undefined;
    const row = this.sql.query<KeyRow>('SELECT * FROM kms_keys WHERE key_id = $1', [keyId])[0];
    return row === undefined ? undefined : keyFromRow(row);
  }

  putKey(key: KeyRecord): void {
    const row = keyToRow(key);
    this.sql.query(
      PUT_KEY,
      KEY_COLUMNS.map((column) => row[column]),
    );
  }

  deleteKey(keyId: string): void {
    this.transaction(() => {
      for (const statement of [
        'DELETE FROM kms_keys WHERE key_id = $1',
        'DELETE FROM kms_key_material WHERE key_id = $1',
        'DELETE FROM kms_aliases WHERE target_key_id = $1',
        'DELETE FROM kms_grants WHERE key_id = $1',
      ]) {
        this.sql.query(statement, [keyId]);
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
      .query<KeyRow>('SELECT * FROM kms_keys WHERE key_id > $1 ORDER BY key_id LIMIT $2', [
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
    this.sql.query(
      'INSERT INTO kms_key_material (key_id, version, wrapped, created_at, rotation_type) VALUES ($1, $2, $3, $4, $5)',
      [keyId, material.version, wrapped, material.createdAt ?? null, material.rotationType ?? null],
    );
  }

  materialVersions(keyId: string): MaterialVersion[] {
    return this.sql
      .query<{ version: number; created_at: number | null; rotation_type: string | null }>(
        'SELECT version, created_at, rotation_type FROM kms_key_material WHERE key_id = $1 ORDER BY version',
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
    // A version outside INTEGER (a mutated blob) names no stored material.
    if (!storable(keyId) || !Number.isInteger(version) || version < 0 || version > 2 ** 31 - 1) {
      return undefined;
    }
    const label = materialLabel(keyId, version);
    const cached = this.materialCache.get(label);
    if (cached !== undefined) return cached;
    const row = this.sql.query<{ wrapped: Uint8Array }>(
      'SELECT wrapped FROM kms_key_material WHERE key_id = $1 AND version = $2',
      [keyId, version],
    )[0];
    if (row === undefined) return undefined;
    const material = unwrapKeyMaterial(this.requireRootKey(), label, row.wrapped);
    this.materialCache.set(label, material);
    return material;
  }

  latestMaterial(keyId: string): KeyMaterial | undefined {
    const version = this.sql.query<{ version: number | null }>(
      'SELECT MAX(version) AS version FROM kms_key_material WHERE key_id = $1',
      [keyId],
    )[0]?.version;
    if (version === undefined || version === null) return undefined;
    const material = this.getMaterial(keyId, version);
    return material === undefined ? undefined : { version, material };
  }

  getAlias(aliasName: string): AliasRecord | undefined {
    if (!storable(aliasName)) return undefined;
    const row = this.sql.query<AliasRow>('SELECT * FROM kms_aliases WHERE alias_name = $1', [
      aliasName,
    ])[0];
    return row === undefined ? undefined : aliasFromRow(row);
  }

  putAlias(alias: AliasRecord): void {
    const row = aliasToRow(alias);
    this.sql.query(PUT_ALIAS, [
      row.alias_name,
      row.target_key_id,
      row.creation_date,
      row.last_updated_date,
    ]);
  }

  deleteAlias(aliasName: string): void {
    this.sql.query('DELETE FROM kms_aliases WHERE alias_name = $1', [aliasName]);
  }

  listAliases(
    afterAliasName: string | undefined,
    limit: number,
    targetKeyId?: string,
  ): AliasRecord[] {
    return this.sql
      .query<AliasRow>(
        `SELECT * FROM kms_aliases WHERE alias_name > $1 AND ($3::text IS NULL OR target_key_id = $3)
         ORDER BY alias_name LIMIT $2`,
        [afterAliasName ?? '', limit, targetKeyId ?? null],
      )
      .map(aliasFromRow);
  }

  putGrant(grant: GrantRecord): void {
    const row = grantToRow(grant);
    this.sql.query(
      PUT_GRANT,
      GRANT_COLUMNS.map((column) => row[column]),
    );
  }

  getGrant(grantId: string): GrantRecord | undefined {
    if (!storable(grantId)) return undefined;
    const row = this.sql.query<GrantRow>('SELECT * FROM kms_grants WHERE grant_id = $1', [
      grantId,
    ])[0];
    return row === undefined ? undefined : grantFromRow(row);
  }

  getGrantByTokenHash(tokenHash: string): GrantRecord | undefined {
    if (!storable(tokenHash)) return undefined;
    const row = this.sql.query<GrantRow>('SELECT * FROM kms_grants WHERE token_hash = $1', [
      tokenHash,
    ])[0];
    return row === undefined ? undefined : grantFromRow(row);
  }

  deleteGrant(grantId: string): void {
    this.sql.query('DELETE FROM kms_grants WHERE grant_id = $1', [grantId]);
  }

  listGrants(
    keyId: string,
    afterGrantId: string | undefined,
    limit: number,
    granteePrincipal?: string,
  ): GrantRecord[] {
    return this.sql
      .query<GrantRow>(
        `SELECT * FROM kms_grants WHERE key_id = $1 AND grant_id > $2
           AND ($3::text IS NULL OR grantee_principal = $3) ORDER BY grant_id LIMIT $4`,
        [keyId, afterGrantId ?? '', granteePrincipal ?? null, limit],
      )
      .map(grantFromRow);
  }

  listRetirableGrants(
    retiringPrincipal: string,
    afterGrantId: string | undefined,
    limit: number,
  ): GrantRecord[] {
    return this.sql
      .query<GrantRow>(
        'SELECT * FROM kms_grants WHERE retiring_principal = $1 AND grant_id > $2 ORDER BY grant_id LIMIT $3',
        [retiringPrincipal, afterGrantId ?? '', limit],
      )
      .map(grantFromRow);
  }

  countGrants(keyId: string): number {
    return (
      this.sql.query<{ count: number }>(
        'SELECT COUNT(*)::integer AS count FROM kms_grants WHERE key_id = $1',
        [keyId],
      )[0]?.count ?? 0
    );
  }

  appendAudit(entry: Omit<AuditEntry, 'id'>): void {
    this.sql.query(
      `INSERT INTO kms_audit (event_time, operation, key_arn, principal, on_behalf_of,
         encryption_context, destination_key_arn, destination_encryption_context, result,
         error_code)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      auditToValues(entry),
    );
  }

  queryAudit(query: AuditQuery): AuditEntry[] {
    return this.sql
      .query<AuditRow>(
        `SELECT * FROM (
           SELECT * FROM kms_audit
           WHERE ($1::text IS NULL OR key_arn = $1 OR destination_key_arn = $1)
             AND ($2::text IS NULL OR operation = $2)
             AND event_time >= $3
             AND ($4::bigint IS NULL OR id < $4)
             AND ($5::text IS NULL OR result = $5)
           ORDER BY id DESC LIMIT $6
         ) recent ORDER BY id`,
        [
          query.keyArn ?? null,
          query.operation ?? null,
          query.since?.getTime() ?? 0,
          query.beforeId ?? null,
          query.result ?? null,
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
}

/**
 * PostgreSQL text cannot hold NUL, so no stored id contains one: a lookup by such an id (a
 * mutated ciphertext blob, a hostile request) finds nothing, as it does in SQLite.
 */
function storable(id: string): boolean {
  return !id.includes('\0');
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
