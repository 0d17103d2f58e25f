import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KmsAccessDeniedError, KmsValidationError } from '@sealbus/core';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPostgresKms } from '../src/index.js';
import { freshDatabase } from './support/database.js';

const utf8 = (text: string) => new TextEncoder().encode(text);
const context = { 'aws:sqs:arn': 'arn:aws:sqs:us-east-1:000000000000:q' };

describe('the local KMS on PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let dir: string;
  beforeEach(async () => {
    database = await freshDatabase();
    dir = mkdtempSync(join(tmpdir(), 'sealbus-pgkms-'));
  });
  afterEach(async () => {
    rmSync(dir, { recursive: true, force: true });
    await database.drop();
  });

  it('shares keys, aliases, policies, grants and audit between two instances (two machines)', async () => {
    const rootKey = randomBytes(32);
    const a = await openPostgresKms({ connectionString: database.url, rootKey });
    const b = await openPostgresKms({ connectionString: database.url, rootKey });
    try {
      const key = await a.createKey({ description: 'shared' });
      await a.createAlias('alias/shared', key.keyId);
      const dataKey = await a.generateDataKey({
        keyId: 'alias/shared',
        keySpec: 'AES_256',
        context,
      });
      const opened = await b.decrypt({
        ciphertextBlob: dataKey.ciphertextBlob,
        context,
      });
      expect(Buffer.from(opened.plaintext)).toEqual(Buffer.from(dataKey.plaintext));
      const deny = JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:*', Resource: '*' },
          { Effect: 'Deny', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*' },
        ],
      });
      await a.putKeyPolicy(key.keyId, deny);
      await expect(
        b.decrypt({ ciphertextBlob: dataKey.ciphertextBlob, context }),
      ).rejects.toBeInstanceOf(KmsAccessDeniedError);
      const grant = await a.createGrant({
        keyId: key.keyId,
        granteePrincipal: 'arn:aws:iam::000000000000:role/consumer',
        operations: ['Decrypt'],
      });
      expect((await b.listGrants({ keyId: key.keyId })).grants.map((g) => g.grantId)).toEqual([
        grant.grantId,
      ]);
      const audit = await b.auditLog({ keyArn: key.arn, operation: 'GenerateDataKey' });
      expect(audit).toHaveLength(1);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('stores key material wrapped by the root key, never the root key, and refuses another root key', async () => {
    const rootKey = randomBytes(32);
    const kms = await openPostgresKms({ connectionString: database.url, rootKey });
    const key = await kms.createKey();
    const sealed = await kms.encrypt({ keyId: key.keyId, plaintext: utf8('secret') });
    await kms.close();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const dump = JSON.stringify(
        (
          await client.query(
            `SELECT encode(wrapped, 'hex') AS w FROM kms_key_material UNION ALL
             SELECT value FROM kms_meta UNION ALL SELECT key_id || policy FROM kms_keys`,
          )
        ).rows,
      );
      expect(dump).not.toContain(rootKey.toString('hex'));
      expect(dump).toContain(key.keyId);
    } finally {
      await client.end();
    }
    await expect(
      openPostgresKms({ connectionString: database.url, rootKey: randomBytes(32) }),
    ).rejects.toThrow(KmsValidationError);
    const again = await openPostgresKms({ connectionString: database.url, rootKey });
    try {
      const plain = await again.decrypt({ ciphertextBlob: sealed.ciphertextBlob, context: {} });
      expect(new TextDecoder().decode(plain.plaintext)).toBe('secret');
    } finally {
      await again.close();
    }
  });

  it('reads the root key from a 0600 file it creates for a new schema, or from an environment variable', async () => {
    const rootKeyPath = join(dir, 'root.key');
    const first = await openPostgresKms({ connectionString: database.url, rootKeyPath });
    const key = await first.createKey();
    const sealed = await first.encrypt({ keyId: key.keyId, plaintext: utf8('from file') });
    await first.close();
    expect(statSync(rootKeyPath).mode & 0o777).toBe(0o600);
    const { readFileSync } = await import('node:fs');
    process.env.SEALBUS_TEST_ROOT_KEY = readFileSync(rootKeyPath, 'utf8').trim();
    try {
      const fromEnv = await openPostgresKms({
        connectionString: database.url,
        rootKeyEnv: 'SEALBUS_TEST_ROOT_KEY',
      });
      const plain = await fromEnv.decrypt({ ciphertextBlob: sealed.ciphertextBlob, context: {} });
      expect(new TextDecoder().decode(plain.plaintext)).toBe('from file');
      await fromEnv.close();
    } finally {
      delete process.env.SEALBUS_TEST_ROOT_KEY;
    }
    await expect(
      openPostgresKms({ connectionString: database.url, rootKeyEnv: 'SEALBUS_TEST_ROOT_KEY' }),
    ).rejects.toThrow(/rootKeyEnv names the environment variable "SEALBUS_TEST_ROOT_KEY"/);
  });
});
