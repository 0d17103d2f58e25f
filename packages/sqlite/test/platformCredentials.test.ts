import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createSqliteBroker } from '../src/index.js';
import { tempDir } from './support/records.js';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.cleanup());

// An attacker with a copy of the database file must not find a push credential in it: SNS never
// returns PlatformCredential, and the store keeps only a SHA-256 digest of it and the principal.
it('never writes PlatformCredential or PlatformPrincipal to the SQLite files, on create or update', async () => {
  const path = dir.path('push.db');
  const broker = createSqliteBroker({ path });
  const app = await broker.createPlatformApplication('ward', 'APNS', {
    PlatformPrincipal: 'PRINCIPAL-MARKER-7f3a',
    PlatformCredential: 'CREDENTIAL-MARKER-91c2',
  });
  await broker.setPlatformApplicationAttributes(app.arn, {
    PlatformCredential: 'CREDENTIAL-MARKER-ROTATED-55d0',
  });
  // What a reader of the file sees: the other attributes, no secret.
  expect(await broker.getPlatformApplicationAttributes(app.arn)).toEqual({ Enabled: 'true' });
  const files = [path, `${path}-wal`].filter((file) => existsSync(file));
  const bytes = Buffer.concat(files.map((file) => readFileSync(file)));
  await broker.close();
  const after = Buffer.concat(files.filter(existsSync).map((file) => readFileSync(file)));
  for (const content of [bytes, after]) {
    expect(content.includes('ward')).toBe(true); // the record is there…
    for (const marker of ['CREDENTIAL-MARKER', 'PRINCIPAL-MARKER']) {
      expect(content.includes(marker), marker).toBe(false); // …its secrets are not
    }
  }
});
