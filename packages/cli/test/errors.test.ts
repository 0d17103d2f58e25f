import { writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliSandbox, runCli, sandbox } from './support/runCli.js';

/** The error line of a failure; asserts it is followed by exactly one `  fix:` line. */
function oneLine(stderr: string): string {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(2);
  expect(lines[1]).toMatch(/^ {2}fix: \S/);
  return lines[0]!;
}

describe('sealbus errors and global options', () => {
  let box: CliSandbox;
  beforeAll(async () => {
    box = sandbox();
    // An empty database: read commands refuse to create one.
    expect((await box.run('queue', 'list', '--create')).code).toBe(0);
  });
  afterAll(() => box.cleanup());

  it('reports a missing queue as not-found (exit 4) with its AWS code and a fix line', async () => {
    const result = await box.run('receive', 'missing');
    expect(result.code).toBe(4);
    expect(oneLine(result.stderr)).toBe(
      'sealbus: QueueDoesNotExist: Queue "missing" does not exist. Create it with createQueue first.',
    );
    expect(result.stderr.trim().split('\n')[1]).toBe(
      '  fix: list the queues with `sealbus queue list`; create one with `sealbus queue create NAME`',
    );
    expect(result.stdout).toBe('');
  });

  it('reports errors as one JSON line on stderr with --json, category and fix included', async () => {
    const result = await box.run('queue', 'attrs', 'missing', '--json');
    expect(result.code).toBe(4);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(result.stderr)).toEqual({
      error: {
        code: 'QueueDoesNotExist',
        category: 'not-found',
        message: expect.stringContaining('missing'),
        fix: expect.stringContaining('sealbus queue list'),
      },
    });
  });

  it('reports usage errors (unknown command, unknown option, bad choice) with exit 2', async () => {
    for (const args of [
      ['frobnicate'],
      ['queue', 'list', '--colour'],
      ['--backend', 'redis', 'queue', 'list'],
    ]) {
      const result = await box.run(...args);
      expect(result.code).toBe(2);
      expect(oneLine(result.stderr)).toMatch(/^sealbus: UsageError: .*\.$/);
      expect(result.stderr).toContain('\n  fix: run the command with --help for its usage\n');
    }
  });

  it('reads the backend from SEALBUS_BACKEND and rejects unknown values naming the variable', async () => {
    const result = await runCli(['queue', 'list'], { SEALBUS_BACKEND: 'redis' });
    expect(result.code).toBe(1);
    expect(oneLine(result.stderr)).toMatch(
      /^sealbus: InvalidParameterValue: backend must be one of memory, sqlite, postgres, aws; got "redis".*SEALBUS_BACKEND/,
    );
  });

  it('requires a region for the aws backend', async () => {
    const result = await runCli(['queue', 'list', '--backend', 'aws']);
    expect(result.code).toBe(1);
    expect(oneLine(result.stderr)).toMatch(
      /region is required for the aws backend.*--region or set AWS_REGION/,
    );
  });

  it('runs on the memory backend (nothing persists between commands)', async () => {
    const created = await runCli(['--backend', 'memory', 'queue', 'create', 'q', '--json']);
    expect(created.code).toBe(0);
    const listed = await runCli(['queue', 'list', '--backend=memory', '--json']);
    expect(JSON.parse(listed.stdout)).toEqual([]);
  });

  it('uses --path for the SQLite file', async () => {
    const path = `${box.dir}/other.db`;
    await runCli(['queue', 'create', 'elsewhere', '--path', path]);
    const listed = await runCli(['queue', 'list', '--path', path, '--json']);
    expect(JSON.parse(listed.stdout)).toEqual([expect.stringMatching(/\/elsewhere$/)]);
    expect(JSON.parse((await box.run('queue', 'list', '--json')).stdout)).toEqual([]);
  });

  it('prints help with examples and exits 0', async () => {
    const result = await runCli(['dlq', 'redrive', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: sealbus dlq redrive [options] <queue>');
    expect(result.stdout).toContain('$ sealbus dlq redrive billing-dlq');
  });

  it('refuses to start the gateway over the aws backend', async () => {
    const result = await box.run(
      'gateway',
      '--port',
      '0',
      '--backend',
      'aws',
      '--region',
      'us-east-1',
    );
    expect(result.code).toBe(1);
    expect(oneLine(result.stderr)).toMatch(
      /^sealbus: InvalidParameterValue: The gateway needs a backend with the local capability; got "aws"\. Use --backend memory or sqlite or postgres\./,
    );
  });
});

describe('environment problems are reported as environment (exit 6) with a fix, not as bugs', () => {
  let box: CliSandbox;
  beforeAll(async () => {
    box = sandbox();
    expect((await box.run('queue', 'list', '--create')).code).toBe(0);
  });
  afterAll(() => box.cleanup());

  it('a file that is not a database', async () => {
    const path = join(box.dir, 'notes.txt');
    writeFileSync(path, 'shopping list\n'.repeat(100));
    const result = await runCli(['queue', 'list', '--path', path]);
    expect(result.code).toBe(6);
    expect(oneLine(result.stderr)).toBe('sealbus: SQLITE_NOTADB: file is not a database');
    expect(result.stderr).toContain(
      '  fix: the file at --path (or SEALBUS_SQLITE_PATH) is not a sealbus database or is damaged',
    );
  });

  it('a database another process keeps locked: commands that only read still run', async () => {
    // Opening used to write (a root-key check row) and failed with "InternalFailure: database is
    // locked". A write past the busy timeout is ServiceUnavailable: see kms-local's sqlite tests
    // and reportError.test.ts for its category.
    await box.json('queue', 'create', 'locked-q');
    const holder = new Database(box.path);
    holder.exec('BEGIN EXCLUSIVE');
    try {
      const listed = await box.run('queue', 'list');
      expect(listed.stderr).toBe('');
      expect(listed.code).toBe(0);
      expect(listed.stdout).toContain('locked-q');
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  });

  it('a port in use, for the console and the gateway', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = String((taken.address() as AddressInfo).port);
    try {
      for (const command of ['console', 'gateway']) {
        const result = await box.run(command, '--port', port);
        expect(result.code).toBe(6);
        expect(oneLine(result.stderr)).toBe(
          `sealbus: EADDRINUSE: listen EADDRINUSE: address already in use 127.0.0.1:${port}`,
        );
        expect(result.stderr).toContain('  fix: another process already listens on that port');
      }
    } finally {
      taken.close();
    }
  });

  it('missing AWS credentials', async () => {
    // runCli passes only PATH and HOME: no AWS_ACCESS_KEY_ID, no profile.
    const result = await runCli(
      [
        'queue',
        'list',
        '--backend',
        'aws',
        '--region',
        'us-east-1',
        '--endpoint',
        'http://127.0.0.1:9',
      ],
      { HOME: box.dir },
    );
    expect(result.code).toBe(6);
    expect(oneLine(result.stderr)).toMatch(
      /^sealbus: EnvironmentError: Could not load credentials/,
    );
    expect(result.stderr).toContain(
      '  fix: the AWS SDK found no credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY',
    );
  });
});
