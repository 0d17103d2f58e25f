import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyProvider } from '@sealbus/core';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createPostgresBroker, openPostgresKms } from '../src/index.js';
import { freshDatabase } from './support/database.js';

/** Every file under the data directory: tables (base/), WAL (pg_wal/), and the rest. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map((file) => join(dir, String(file)))
    .filter((file) => {
      try {
        return statSync(file).isFile();
      } catch {
        return false; // removed (a recycled WAL segment) while we listed
      }
    });
}

function occurrences(dataDir: string, needles: Record<string, Uint8Array>): Record<string, number> {
  const found = Object.fromEntries(Object.keys(needles).map((name) => [name, 0]));
  for (const file of filesUnder(dataDir)) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      continue;
    }
    for (const [name, needle] of Object.entries(needles)) {
      if (bytes.indexOf(needle) !== -1) found[name]!++;
    }
  }
  return found;
}

const database = await freshDatabase();
afterAll(() => database.drop());

describe('at rest in the PostgreSQL data directory', () => {
  it('holds no SSE plaintext and no plaintext data key, while a plain queue’s marker is found', async () => {
    const rootKey = randomBytes(32);
    const kms = await openPostgresKms({ connectionString: database.url, rootKey });
    // Records every plaintext data key the engine is handed, to look for it on disk.
    const dataKeys: Uint8Array[] = [];
    const recording: KeyProvider = {
      generateDataKey: async (request) => {
        const result = await kms.generateDataKey(request);
        dataKeys.push(new Uint8Array(result.plaintext));
        return result;
      },
      decrypt: (request) => kms.decrypt(request),
      describeKey: (keyId, principal) => kms.describeKey(keyId, principal),
    };
    const broker = await createPostgresBroker({ connectionString: database.url, kms: recording });
    const sealedMarker = `SEALED-${randomBytes(8).toString('hex')}`;
    const plainMarker = `PLAIN-${randomBytes(8).toString('hex')}`;
    try {
      const key = await kms.createKey({ description: 'at-rest' });
      const sealed = await broker.createQueue('sealed', { KmsMasterKeyId: key.keyId });
      const plain = await broker.createQueue('plain', { SqsManagedSseEnabled: false });
      for (let index = 0; index < 5; index++) {
        await sealed.send(`${sealedMarker} patient record ${index}`);
        await plain.send(`${plainMarker} ${index}`);
      }
      // Received (and left in flight) too, so the claim's row versions are on disk as well.
      expect((await sealed.receive({ maxMessages: 10 })).map((m) => m.body)).toContain(
        `${sealedMarker} patient record 0`,
      );
    } finally {
      await broker.close();
      await kms.close();
    }
    expect(dataKeys.length).toBeGreaterThan(0);
    // Table pages reach their files at a checkpoint; the WAL has them at commit.
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query('CHECKPOINT');
    await client.end();
    const found = occurrences(inject('postgresDataDir'), {
      sealed: Buffer.from(sealedMarker),
      plain: Buffer.from(plainMarker),
      rootKey,
      ...Object.fromEntries(dataKeys.map((key, index) => [`dataKey${index}`, key])),
    });
    // The scan works: the plain queue's marker is in the table file and the WAL.
    expect(found.plain).toBeGreaterThanOrEqual(2);
    const { plain: _plain, ...secrets } = found;
    expect(secrets).toEqual(Object.fromEntries(Object.keys(secrets).map((name) => [name, 0])));
  });
});
