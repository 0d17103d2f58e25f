import { existsSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliSandbox, runCli, sandbox } from './support/runCli.js';

const mode = (file: string) => statSync(file).mode & 0o777;

describe('sealbus and its database files', () => {
  let box: CliSandbox;
  let umask: number;
  beforeAll(() => {
    // The CLI processes inherit it: files must come out 0600 although 022 would give 0644.
    umask = process.umask(0o022);
    box = sandbox();
  });
  afterAll(() => {
    box.cleanup();
    process.umask(umask);
  });

  it('fails read commands on a missing database with "no database at PATH" and creates nothing', async () => {
    const path = join(box.dir, 'typo', 'sealbus.db');
    const env = { SEALBUS_SQLITE_PATH: path };
    for (const args of [
      ['queue', 'list'],
      ['inspect', 'at-rest', 'billing'],
      ['receive', 'billing'],
      ['keys', 'list'],
      ['console', '--port', '0'],
    ]) {
      const result = await runCli(args, env);
      // not-found: exit 4, with the fix line of the CLI's error taxonomy.
      expect(result.code, args.join(' ')).toBe(4);
      expect(result.stderr).toBe(
        `sealbus: DatabaseNotFound: no database at ${JSON.stringify(path)}; check --path or SEALBUS_SQLITE_PATH. Nothing was created: a new database is made by a command that creates something (e.g. "sealbus queue create NAME" or "sealbus keys create") or by adding --create.\n  fix: point --path (or SEALBUS_SQLITE_PATH) at an existing database, or add --create to make a new one\n`,
      );
    }
    expect(existsSync(join(box.dir, 'typo'))).toBe(false);
    const json = await runCli(['queue', 'list', '--json'], env);
    expect(JSON.parse(json.stderr)).toMatchObject({
      error: { code: 'DatabaseNotFound', category: 'not-found' },
    });
  });

  // The -wal and -shm files are gone once the CLI closes the database; the sqlite package's
  // privateFiles test checks them while open.
  it('creates the database on a write command or --create: file and root key 0600 in 0700 directories', async () => {
    const created = join(box.dir, 'new', '.sealbus', 'sealbus.db');
    const result = await runCli(['queue', 'create', 'billing'], { SEALBUS_SQLITE_PATH: created });
    expect(result.code, result.stderr).toBe(0);
    expect(mode(created)).toBe(0o600);
    expect(mode(`${created}.root-key`)).toBe(0o600);
    expect(mode(join(box.dir, 'new'))).toBe(0o700);
    expect(mode(join(box.dir, 'new', '.sealbus'))).toBe(0o700);

    const explicit = join(box.dir, 'explicit.db');
    const listed = await runCli(['queue', 'list', '--create'], { SEALBUS_SQLITE_PATH: explicit });
    expect(listed.code, listed.stderr).toBe(0);
    expect(mode(explicit)).toBe(0o600);
  });

  it('writes backups 0600', async () => {
    await box.json('queue', 'create', 'orders');
    const copy = join(box.dir, 'backups', 'copy.db');
    const rootKeyCopy = join(box.dir, 'copy.db.root-key');
    const result = await box.run('backup', copy, '--with-root-key', rootKeyCopy);
    expect(result.code, result.stderr).toBe(0);
    expect(mode(copy)).toBe(0o600);
    expect(mode(rootKeyCopy)).toBe(0o600);
    expect(mode(join(box.dir, 'backups'))).toBe(0o700);
  });

  it('without the root key file: listing and inspecting work, decrypting fails naming the file, and no key is written', async () => {
    await box.json('queue', 'create', 'sealed', '--kms-key', 'alias/aws/sqs');
    await box.json('send', 'sealed', 'kept');
    const rootKey = `${box.path}.root-key`;
    unlinkSync(rootKey);
    const listed = await box.json<string[]>('queue', 'list');
    expect(listed).toContainEqual(expect.stringMatching(/\/sealed$/));
    const report = await box.json<{ summary: { sealed: number } }>('inspect', 'at-rest', 'sealed');
    expect(report.summary.sealed).toBe(1);
    const received = await box.run('receive', 'sealed');
    expect(received.code).not.toBe(0);
    expect(received.stderr).toMatch(
      /^sealbus: KMS\.KeyUnavailableException: The root key file ".*sealbus\.db\.root-key" is missing, but the KMS database ".*sealbus\.db" holds keys wrapped by it\. Restore that file/,
    );
    expect(existsSync(rootKey)).toBe(false);
  });
});
