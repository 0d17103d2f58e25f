import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KmsRootKeyMissingError, KmsValidationError } from '@sealbus/core';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteKms } from '../src/sqlite.js';
import { utf8 } from './helpers.js';

const context = { 'aws:sqs:arn': 'arn:aws:sqs:us-east-1:000000000000:orders' };

/** What opening must not change: key rows, wrapped material and the root key check. */
function keyTables(path: string): unknown {
  const db = new Database(path, { readonly: true });
  try {
    return {
      keys: db.prepare('SELECT * FROM kms_keys ORDER BY key_id').all(),
      material: db.prepare('SELECT * FROM kms_key_material ORDER BY key_id, version').all(),
      meta: db.prepare('SELECT * FROM kms_meta ORDER BY name').all(),
    };
  } finally {
    db.close();
  }
}

/** The directory's files, without SQLite's own -wal/-shm companions. */
function filesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => !/-(wal|shm)$/.test(name))
    .sort();
}

describe('the root key file of a SQLite KMS', () => {
  let umask: number;
  let dir: string;
  let path: string;
  let rootKeyPath: string;
  beforeAll(() => {
    umask = process.umask(0o022);
  });
  afterAll(() => process.umask(umask));
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kms-root-key-'));
    path = join(dir, 'state', 'kms.db');
    rootKeyPath = `${path}.root-key`;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is created together with a new database, which is 0600 in a 0700 directory under umask 022', async () => {
    const kms = openSqliteKms({ path });
    await kms.createKey();
    for (const file of [path, `${path}-wal`, `${path}-shm`, rootKeyPath]) {
      expect(statSync(file).mode & 0o777, file).toBe(0o600);
    }
    expect(statSync(join(dir, 'state')).mode & 0o777).toBe(0o700);
    await kms.close();
  });

  it('is never replaced for an existing database: opening writes nothing, metadata stays readable, key material fails with KmsRootKeyMissingError', async () => {
    const first = openSqliteKms({ path });
    const { keyId } = await first.createKey({ description: 'orders' });
    await first.createAlias('alias/orders', keyId);
    const { ciphertextBlob } = await first.encrypt({ keyId, plaintext: utf8('kept'), context });
    await first.close();
    const saved = join(dir, 'saved.root-key');
    copyFileSync(rootKeyPath, saved);
    unlinkSync(rootKeyPath);
    const tablesBefore = keyTables(path);
    const filesBefore = filesIn(join(dir, 'state'));

    const kms = openSqliteKms({ path });
    expect(await kms.describeKey('alias/orders')).toMatchObject({ description: 'orders' });
    expect((await kms.listKeys()).keys.map((k) => k.keyId)).toEqual([keyId]);
    const error = await kms.decrypt({ ciphertextBlob, context }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KmsRootKeyMissingError);
    expect(error).toMatchObject({ code: 'KMS.KeyUnavailableException', rootKeyPath });
    expect((error as Error).message).toContain(`"${rootKeyPath}" is missing`);
    expect((error as Error).message).toContain(`"${path}"`);
    expect((error as Error).message).toMatch(/Restore that file .* --with-root-key/);
    await expect(kms.createKey()).rejects.toBeInstanceOf(KmsRootKeyMissingError);
    await expect(kms.generateDataKey({ keyId, context })).rejects.toBeInstanceOf(
      KmsRootKeyMissingError,
    );
    await expect(kms.auditLog({ operation: 'Decrypt' })).resolves.toMatchObject([
      { result: 'error', errorCode: 'KMS.KeyUnavailableException' },
    ]);
    expect(existsSync(rootKeyPath)).toBe(false);
    expect(filesIn(join(dir, 'state'))).toEqual(filesBefore);
    expect(keyTables(path)).toEqual(tablesBefore);

    // Restoring the file is enough: the open KMS reads it on the next use of key material.
    copyFileSync(saved, rootKeyPath);
    const opened = await kms.decrypt({ ciphertextBlob, context });
    expect(new TextDecoder().decode(opened.plaintext)).toBe('kept');
    await kms.close();
  });

  it('refuses a restored file that holds another root key, at open and on first use', async () => {
    const first = openSqliteKms({ path });
    const { keyId } = await first.createKey();
    const { ciphertextBlob } = await first.encrypt({ keyId, plaintext: utf8('x'), context });
    await first.close();
    unlinkSync(rootKeyPath);
    const kms = openSqliteKms({ path });
    const decoy = `${Buffer.alloc(32, 9).toString('base64')}\n`;
    writeFileSync(rootKeyPath, decoy, { mode: 0o600 });
    await expect(kms.decrypt({ ciphertextBlob, context })).rejects.toBeInstanceOf(
      KmsValidationError,
    );
    await kms.close();
    expect(() => openSqliteKms({ path })).toThrow(/does not match the root key/);
  });
});
