import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { KeyManager, KmsValidationError } from '@sealbus/core';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalKms } from '../src/index.js';
import { openSqliteKms, SqliteKmsStorage } from '../src/sqlite.js';
import { ManualClock, utf8 } from './helpers.js';

const run = promisify(execFile);
const context = { 'aws:sqs:arn': 'arn:aws:sqs:us-east-1:000000000000:shared' };
const childScript = fileURLToPath(new URL('./fixtures/kmsChild.ts', import.meta.url));

async function inChild(path: string, command: string, arg = ''): Promise<string> {
  const { stdout } = await run(
    process.execPath,
    ['--conditions=@sealbus/source', '--import', 'tsx', childScript, path, command, arg],
    { cwd: fileURLToPath(new URL('..', import.meta.url)) },
  );
  return JSON.parse(stdout) as string;
}

describe('LocalKms on SQLite', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kms-local-'));
    path = join(dir, 'kms.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the root key file with mode 0600 next to the database', async () => {
    const kms = openSqliteKms({ path });
    await kms.createKey();
    await kms.close();
    const rootKeyFile = `${path}.root-key`;
    expect(statSync(rootKeyFile).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(rootKeyFile, 'utf8').trim(), 'base64')).toHaveLength(32);
  });

  it('refuses a root key file other users can read, and a root key that does not match', async () => {
    const rootKeyPath = join(dir, 'root.key');
    writeFileSync(rootKeyPath, `${Buffer.alloc(32, 1).toString('base64')}\n`, { mode: 0o644 });
    expect(() => openSqliteKms({ path, rootKeyPath })).toThrow(/chmod 600/);
    const kms = openSqliteKms({ path, rootKey: new Uint8Array(32).fill(7) });
    await kms.close();
    expect(() => openSqliteKms({ path, rootKey: new Uint8Array(32).fill(8) })).toThrow(
      KmsValidationError,
    );
    expect(() => openSqliteKms({ path, rootKey: new Uint8Array(16) })).toThrow(/32-byte root key/);
  });

  it('restores keys, aliases, states, policies, rotation, material versions and the audit log on reopen', async () => {
    const clock = new ManualClock();
    const first = openSqliteKms({ path, clock });
    const a = await first.createKey({ description: 'a', tags: { env: 'dev' } });
    const b = await first.createKey({ description: 'b' });
    const c = await first.createKey({ description: 'c' });
    const policy = JSON.stringify({
      Statement: [
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::000000000000:root' }, Action: 'kms:*' },
      ],
    });
    await first.putKeyPolicy(a.keyId, policy);
    await first.createAlias('alias/a', a.keyId);
    const old = await first.encrypt({
      keyId: a.keyId,
      plaintext: utf8('before rotation'),
      context,
    });
    await first.rotateKey(a.keyId);
    await first.enableKeyRotation(a.keyId, 180);
    await first.disableKey(b.keyId);
    await first.scheduleKeyDeletion(c.keyId, 7);
    const managed = await first.describeKey('alias/aws/sqs');
    const auditBefore = await first.auditLog();
    await first.close();

    const second = openSqliteKms({ path, clock });
    expect(await second.describeKey('alias/a')).toMatchObject({
      keyId: a.keyId,
      description: 'a',
      keyState: 'Enabled',
    });
    expect(await second.listResourceTags(a.keyId)).toEqual({ env: 'dev' });
    expect((await second.describeKey(b.keyId)).keyState).toBe('Disabled');
    expect(await second.describeKey(c.keyId)).toMatchObject({
      keyState: 'PendingDeletion',
      pendingDeletionWindowInDays: 7,
    });
    expect(await second.describeKey('alias/aws/sqs')).toMatchObject({
      keyId: managed.keyId,
      keyManager: KeyManager.AWS,
    });
    expect(await second.getKeyPolicy(a.keyId)).toBe(policy);
    expect(await second.getKeyRotationStatus(a.keyId)).toMatchObject({
      keyRotationEnabled: true,
      rotationPeriodInDays: 180,
    });
    const opened = await second.decrypt({ ciphertextBlob: old.ciphertextBlob, context });
    expect(new TextDecoder().decode(opened.plaintext)).toBe('before rotation');
    const fresh = await second.encrypt({ keyId: 'alias/a', plaintext: utf8('x'), context });
    expect(fresh.ciphertextBlob[21]).toBe(2);
    const auditAfter = await second.auditLog();
    expect(auditAfter.slice(0, auditBefore.length)).toEqual(auditBefore);
    expect(auditAfter.slice(auditBefore.length).map((e) => e.operation)).toContain('Decrypt');
    await second.close();
  });

  it('runs on an in-memory SQLite database without writing a root key file', async () => {
    const kms = openSqliteKms({ path: ':memory:' });
    const { keyId } = await kms.createKey();
    const { ciphertextBlob } = await kms.generateDataKey({ keyId, context });
    await expect(kms.decrypt({ ciphertextBlob, context })).resolves.toMatchObject({
      keyArn: expect.stringContaining(keyId),
    });
    await kms.close();
    expect(existsSync(':memory:.root-key')).toBe(false);
  });

  it('uses only kms_-prefixed tables so it can share a database file', async () => {
    const kms = openSqliteKms({ path });
    await kms.close();
    const db = new Database(path, { readonly: true });
    const names = db
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'",
      )
      .all();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((n) => n.name.startsWith('kms_'))).toBe(true);
  });

  it('shares a caller-owned better-sqlite3 database and leaves it open on close', async () => {
    const db = new Database(path);
    db.exec('CREATE TABLE messages (id TEXT PRIMARY KEY)');
    const rootKey = new Uint8Array(32).fill(3);
    const kms = new LocalKms({ storage: new SqliteKmsStorage({ database: db, rootKey }) });
    const { keyId } = await kms.createKey();
    await kms.close();
    expect(db.open).toBe(true);
    db.prepare('INSERT INTO messages VALUES (?)').run('m1');
    db.close();
    const reopened = openSqliteKms({ path, rootKey });
    expect((await reopened.describeKey(keyId)).keyState).toBe('Enabled');
    await reopened.close();
  });

  it('opens while another connection holds the write lock; a call past the busy timeout is ServiceUnavailable', async () => {
    const rootKey = new Uint8Array(32).fill(4);
    const first = openSqliteKms({ path, rootKey });
    const { keyId } = await first.createKey();
    await first.close();
    const holder = new Database(path);
    holder.exec('BEGIN EXCLUSIVE');
    const db = new Database(path, { timeout: 20 });
    try {
      // Opening an existing database only reads; every call writes its audit entry.
      const kms = new LocalKms({ storage: new SqliteKmsStorage({ database: db, rootKey }) });
      await expect(kms.describeKey(keyId)).rejects.toMatchObject({
        code: 'ServiceUnavailable',
        message:
          'The KMS tables stayed locked by another process for longer than the busy timeout; retry when its write is done.',
      });
      holder.exec('ROLLBACK');
      expect((await kms.describeKey(keyId)).keyState).toBe('Enabled');
    } finally {
      if (holder.inTransaction) holder.exec('ROLLBACK');
      holder.close();
      db.close();
    }
  });

  it('lets two instances on one file see each other at once', async () => {
    const one = openSqliteKms({ path });
    const two = openSqliteKms({ path });
    const key = await one.createKey();
    await two.createAlias('alias/shared', key.keyId);
    expect((await one.describeKey('alias/shared')).keyId).toBe(key.keyId);
    const { ciphertextBlob, plaintext } = await one.generateDataKey({
      keyId: 'alias/shared',
      context,
    });
    await two.rotateKey(key.keyId);
    expect((await one.generateDataKey({ keyId: key.keyId, context })).ciphertextBlob[21]).toBe(2);
    expect(
      Buffer.from((await two.decrypt({ ciphertextBlob, context })).plaintext).equals(
        Buffer.from(plaintext),
      ),
    ).toBe(true);
    await two.disableKey(key.keyId);
    await expect(one.generateDataKey({ keyId: key.keyId, context })).rejects.toMatchObject({
      code: 'KMS.DisabledException',
    });
    expect((await one.describeKey('alias/aws/sns')).keyId).toBe(
      (await two.describeKey('alias/aws/sns')).keyId,
    );
    await one.close();
    await two.close();
  });

  it('shares keys with other processes on the same file', async () => {
    const kms = openSqliteKms({ path });
    const childKeyId = await inChild(path, 'createKey', 'from-child');
    expect((await kms.describeKey('alias/from-child')).keyId).toBe(childKeyId);
    const [x, y] = await Promise.all([inChild(path, 'awsManaged'), inChild(path, 'awsManaged')]);
    expect(x).toBe(y);
    expect((await kms.describeKey('alias/aws/sqs')).keyId).toBe(x);
    const { ciphertextBlob, plaintext } = await kms.generateDataKey({ keyId: childKeyId, context });
    const childPlaintext = await inChild(
      path,
      'decrypt',
      Buffer.from(ciphertextBlob).toString('base64'),
    );
    expect(childPlaintext).toBe(Buffer.from(plaintext).toString('base64'));
    await kms.close();
  }, 60_000);

  it('lets processes racing to create a new database agree on one root key', async () => {
    const [a, b, c] = await Promise.all(
      ['a', 'b', 'c'].map((name) => inChild(path, 'createKey', name)),
    );
    const kms = openSqliteKms({ path });
    for (const [alias, keyId] of [
      ['alias/a', a],
      ['alias/b', b],
      ['alias/c', c],
    ]) {
      expect((await kms.describeKey(alias!)).keyId).toBe(keyId);
    }
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    await kms.close();
  }, 60_000);

  it('never writes plaintext data keys, CMK material or the root key to the database files', async () => {
    const rootKey = new Uint8Array(32).map((_, i) => (i * 37 + 11) & 0xff);
    const kms = openSqliteKms({ path, rootKey });
    const secrets: Buffer[] = [Buffer.from(rootKey)];
    const keyIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { keyId } = await kms.createKey();
      keyIds.push(keyId);
      await kms.rotateKey(keyId);
      for (let j = 0; j < 20; j++) {
        const dataKey = await kms.generateDataKey({
          keyId,
          context,
          keySpec: j % 2 ? 'AES_128' : 'AES_256',
        });
        secrets.push(Buffer.from(dataKey.plaintext));
        const opened = await kms.decrypt({ ciphertextBlob: dataKey.ciphertextBlob, context });
        secrets.push(Buffer.from(opened.plaintext));
      }
    }
    keyIds.push((await kms.describeKey('alias/aws/sqs')).keyId);
    const reader = new SqliteKmsStorage({ path, rootKey });
    for (const keyId of keyIds) {
      for (const version of [1, 2]) {
        const material = reader.getMaterial(keyId, version);
        if (material !== undefined) secrets.push(Buffer.from(material));
      }
    }
    expect(secrets.length).toBeGreaterThan(120 + 7);

    const scan = () => {
      const files = readdirSync(dir).filter(
        (f) => f.startsWith('kms.db') && !f.endsWith('.root-key'),
      );
      const contents = files.map((f) => readFileSync(join(dir, f)));
      // Positive control: the scan does read the stored rows (key ids are stored in clear).
      expect(contents.some((c) => c.indexOf(Buffer.from(keyIds[0]!)) >= 0)).toBe(true);
      for (const secret of secrets) {
        for (const content of contents) {
          expect(content.indexOf(secret)).toBe(-1);
          expect(content.indexOf(Buffer.from(secret.toString('hex')))).toBe(-1);
          expect(content.indexOf(Buffer.from(secret.toString('base64')))).toBe(-1);
        }
      }
      return files;
    };
    expect(scan()).toEqual(expect.arrayContaining(['kms.db', 'kms.db-wal', 'kms.db-shm']));
    reader.close();
    await kms.close();
    scan();
  });
});
