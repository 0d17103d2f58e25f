import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteKms } from '../src/sqlite.js';
import { KMS_MIGRATIONS } from '../src/storage/kmsMigrations.js';

const dir = mkdtempSync(join(tmpdir(), 'kms-migrations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const context = { 'aws:sqs:arn': 'arn:aws:sqs:us-east-1:000000000000:orders' };

describe('KMS schema migrations', () => {
  it('brings a file written before audit entries named whom the caller acted for up to date, keeping its log', async () => {
    const path = join(dir, 'v1.db');
    const before = openSqliteKms({ path });
    const { keyId } = await before.createKey();
    const { ciphertextBlob } = await before.generateDataKey({ keyId, context });
    await before.close();
    // The file as @sealbus/kms-local wrote it at schema version 1: no on_behalf_of column.
    const db = new Database(path);
    db.exec(`ALTER TABLE kms_audit DROP COLUMN on_behalf_of;
      UPDATE kms_meta SET value = '1' WHERE name = 'schema_version';`);
    db.close();

    const after = openSqliteKms({ path });
    try {
      await after.decrypt({ ciphertextBlob, context, onBehalfOf: 'session:after-upgrade' });
      const entries = await after.auditLog();
      expect(entries.map((e) => [e.operation, e.onBehalfOf])).toEqual([
        ['CreateKey', undefined],
        ['GenerateDataKey', undefined],
        ['Decrypt', 'session:after-upgrade'],
      ]);
    } finally {
      await after.close();
    }
    const upgraded = new Database(path, { readonly: true });
    const version = upgraded
      .prepare<[], { value: string }>("SELECT value FROM kms_meta WHERE name = 'schema_version'")
      .get();
    upgraded.close();
    expect(Number(version?.value)).toBe(KMS_MIGRATIONS.length);
  });
});
