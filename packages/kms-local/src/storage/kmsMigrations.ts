import type Database from 'better-sqlite3';

/**
 * Schema steps after the base tables, applied in order; the number applied is kept in
 * `kms_meta.schema_version`. Append new steps, never edit old ones: files in use hold them.
 */
export const KMS_MIGRATIONS: readonly string[] = [
  // 1: asymmetric and HMAC keys, dated material versions, grants.
  `ALTER TABLE kms_keys ADD COLUMN key_usage TEXT NOT NULL DEFAULT 'ENCRYPT_DECRYPT';
   ALTER TABLE kms_keys ADD COLUMN key_spec TEXT NOT NULL DEFAULT 'SYMMETRIC_DEFAULT';
   ALTER TABLE kms_key_material ADD COLUMN created_at INTEGER;
   ALTER TABLE kms_key_material ADD COLUMN rotation_type TEXT;
   CREATE TABLE kms_grants (
     grant_id TEXT PRIMARY KEY,
     token_hash TEXT NOT NULL UNIQUE,
     key_id TEXT NOT NULL,
     name TEXT,
     grantee_principal TEXT NOT NULL,
     retiring_principal TEXT,
     issuing_account TEXT NOT NULL,
     operations TEXT NOT NULL,
     constraints TEXT,
     creation_date INTEGER NOT NULL
   );
   CREATE INDEX kms_grants_key ON kms_grants (key_id, grant_id);
   CREATE INDEX kms_grants_retiring ON kms_grants (retiring_principal, grant_id);`,
  // 2: whom the principal acted for (the console's signed-in session), per audit entry.
  'ALTER TABLE kms_audit ADD COLUMN on_behalf_of TEXT;',
];

/**
 * Brings the KMS tables up to date under the write lock, so concurrent openers agree. An
 * up-to-date file is only read: opening it must not wait for (or take) the write lock.
 */
export function migrateKmsSchema(db: Database.Database): void {
  if (schemaVersion(db) === KMS_MIGRATIONS.length) return;
  db.transaction(() => {
    const current = schemaVersion(db);
    if (current > KMS_MIGRATIONS.length) {
      throw new Error(
        `The KMS tables are at schema version ${current}, newer than this @sealbus/kms-local (${KMS_MIGRATIONS.length}); upgrade it to open this file.`,
      );
    }
    for (const step of KMS_MIGRATIONS.slice(current)) db.exec(step);
    db.prepare("INSERT OR REPLACE INTO kms_meta (name, value) VALUES ('schema_version', ?)").run(
      String(KMS_MIGRATIONS.length),
    );
  }).immediate();
}

function schemaVersion(db: Database.Database): number {
  const row = db
    .prepare<[], { value: string }>("SELECT value FROM kms_meta WHERE name = 'schema_version'")
    .get();
  return row === undefined ? 0 : Number(row.value);
}
