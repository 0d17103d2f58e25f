import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backendFlags, createBackend, createBroker } from '@sealbus/backends';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDatabase, freshSchema } from '../../postgres/test/support/database.js';

const database = await freshDatabase();
const dir = mkdtempSync(join(tmpdir(), 'sealbus-pg-registry-'));
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await database.drop();
});

describe('the postgres backend in the registry', () => {
  it('opens from SEALBUS_BACKEND=postgres and DATABASE_URL, keys wrapped by a new 0600 root key file', async () => {
    const url = await freshSchema(database.url);
    const rootKeyFile = join(dir, 'env.root-key');
    const broker = await createBroker(
      {},
      {
        env: { SEALBUS_BACKEND: 'postgres', DATABASE_URL: url, SEALBUS_ROOT_KEY_FILE: rootKeyFile },
      },
    );
    try {
      const queue = await broker.createQueue('from-env', { KmsMasterKeyId: 'alias/aws/sqs' });
      await queue.send('hello');
      const [message] = await queue.receive({ waitTimeSeconds: 1 });
      expect(message?.body).toBe('hello');
    } finally {
      await broker.close();
    }
    expect(statSync(rootKeyFile).mode & 0o777).toBe(0o600);
  });

  it('takes --backend postgres --database-url as options, and describes it without the password', async () => {
    const url = new URL(await freshSchema(database.url));
    url.password = 'not-a-real-password';
    // trust authentication ignores the password, so it is a safe probe of the redaction.
    const backend = await createBackend({
      backend: 'postgres',
      databaseUrl: url.toString(),
      rootKeyFile: join(dir, 'flags.root-key'),
    });
    try {
      expect(backend.description).toMatch(/^postgres postgres:\/\/sealbus:\*\*\*@127\.0\.0\.1/);
      expect(backend.description).not.toContain('not-a-real-password');
      expect(backend.local?.kms).toBeDefined();
      const key = await backend.keys.createKey({ description: 'via registry' });
      expect(key.keyId).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await backend.close();
    }
  });

  it('refuses a missing or malformed database URL, naming the option', async () => {
    await expect(createBroker({ backend: 'postgres' }, { env: {} })).rejects.toThrow(
      /database-url|DATABASE_URL/,
    );
    await expect(
      createBroker({ backend: 'postgres', databaseUrl: 'mysql://x' }, { env: {} }),
    ).rejects.toMatchObject({ field: 'databaseUrl' });
  });

  it('lists --database-url among the flags the CLI, gateway and EMR app accept', async () => {
    const flags = await backendFlags();
    expect(flags.map((flag) => flag.flag)).toEqual(
      expect.arrayContaining(['--database-url', '--root-key-file']),
    );
    expect(flags.find((flag) => flag.name === 'backend')?.description).toContain('postgres');
  });
});
