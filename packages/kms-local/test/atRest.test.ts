import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalKms } from '../src/index.js';
import { SqliteKmsStorage } from '../src/sqlite.js';
import { utf8 } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'kms-at-rest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every file SQLite wrote for the database (main file, WAL, shared memory). */
function databaseBytes(): Buffer {
  return Buffer.concat(
    readdirSync(dir)
      .filter((name) => name.startsWith('kms.db'))
      .map((name) => readFileSync(join(dir, name))),
  );
}

/** True when any 16-byte window of `secret` appears in `haystack`. */
function leaks(haystack: Buffer, secret: Uint8Array): boolean {
  const bytes = Buffer.from(secret);
  for (let offset = 0; offset + 16 <= bytes.length; offset += 8) {
    if (haystack.includes(bytes.subarray(offset, offset + 16))) return true;
  }
  return false;
}

describe('SQLite at rest', () => {
  it('holds no private key, HMAC key, symmetric key or data key in clear, and HMACs match node:crypto', async () => {
    const storage = new SqliteKmsStorage({ path: join(dir, 'kms.db'), rootKey: randomBytes(32) });
    const kms = new LocalKms({ storage });
    const keys = await Promise.all(
      (
        ['SYMMETRIC_DEFAULT', 'RSA_2048', 'ECC_NIST_P256', 'ECC_SECG_P256K1', 'HMAC_256'] as const
      ).map((keySpec) => kms.createKey({ keySpec })),
    );
    const symmetric = keys[0]!.keyId;
    const dataKey = await kms.generateDataKey({ keyId: symmetric, context: {} });
    const pair = await kms.generateDataKeyPair({ keyId: symmetric, keyPairSpec: 'ECC_NIST_P384' });
    const message = utf8('token payload');
    const { mac } = await kms.generateMac({
      keyId: keys[4]!.keyId,
      message,
      macAlgorithm: 'HMAC_SHA_256',
    });

    const secrets = keys.map(({ keyId }) => storage.getMaterial(keyId, 1)!);
    expect(Buffer.from(mac)).toEqual(createHmac('sha256', secrets[4]!).update(message).digest());
    const onDisk = databaseBytes();
    expect(onDisk.length).toBeGreaterThan(0);
    // The scan finds a secret that is there: the check itself can fail.
    expect(leaks(Buffer.concat([onDisk, Buffer.from(secrets[1]!)]), secrets[1]!)).toBe(true);
    for (const secret of [...secrets, dataKey.plaintext, pair.privateKeyPlaintext!]) {
      expect(leaks(onDisk, secret)).toBe(false);
    }
    await kms.close();
  });
});
