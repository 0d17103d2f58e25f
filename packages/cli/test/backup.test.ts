import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliSandbox, runCli, sandbox } from './support/runCli.js';

describe('sealbus backup', () => {
  let box: CliSandbox;
  beforeAll(async () => {
    box = sandbox();
    await box.json('keys', 'create', '--alias', 'alias/billing');
    await box.json('queue', 'create', 'billing', '--kms-key', 'alias/billing');
    await box.json('send', 'billing', 'kept');
  });
  afterAll(() => box.cleanup());

  it('copies the live file; the copy opens with the root key and still holds the sealed message', async () => {
    const copy = join(box.dir, 'copy.db');
    const rootKey = join(box.dir, 'copy.db.root-key');
    const result = await box.run('backup', copy, '--with-root-key', rootKey);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Backup:\s+.*copy\.db/);
    expect(result.stderr).toMatch(/backup \[#+\] (\d+)\/\1 100%/);
    expect(statSync(rootKey).mode & 0o777).toBe(0o600);
    const env = { SEALBUS_SQLITE_PATH: copy };
    const report = JSON.parse(
      (await runCli(['inspect', 'at-rest', 'billing', '--json'], env)).stdout,
    );
    expect(report.summary).toEqual({ messages: 1, sealed: 1, plain: 0, truncated: false });
    const received = JSON.parse((await runCli(['receive', 'billing', '--json'], env)).stdout);
    expect(received[0].body).toBe('kept');
  });

  it('never overwrites an existing file and refuses other backends', async () => {
    const copy = join(box.dir, 'twice.db');
    expect((await box.run('backup', copy)).code).toBe(0);
    const again = await box.run('backup', copy);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^sealbus: InvalidParameterValue: destination .* already exists/);
    const memory = await box.run('backup', join(box.dir, 'm.db'), '--backend', 'memory');
    expect(memory.stderr).toMatch(/backup copies a SQLite file; the memory backend has none/);
  });
});
