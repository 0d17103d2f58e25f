import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliSandbox, runCli, sandbox } from './support/runCli.js';

function oneLine(stderr: string): string {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
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

  it('reports a core error as one line with its AWS code and exit 1', async () => {
    const result = await box.run('receive', 'missing');
    expect(result.code).toBe(1);
    expect(oneLine(result.stderr)).toBe(
      'sealbus: QueueDoesNotExist: Queue "missing" does not exist. Create it with createQueue first.',
    );
    expect(result.stdout).toBe('');
  });

  it('reports errors as JSON on stderr with --json', async () => {
    const result = await box.run('queue', 'attrs', 'missing', '--json');
    expect(result.code).toBe(1);
    expect(JSON.parse(oneLine(result.stderr))).toEqual({
      error: { code: 'QueueDoesNotExist', message: expect.stringContaining('missing') },
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
      expect(oneLine(result.stderr)).toMatch(
        /^sealbus: UsageError: .*Run the command with --help for its usage\.$/,
      );
    }
  });

  it('reads the backend from SEALBUS_BACKEND and rejects unknown values naming the variable', async () => {
    const result = await runCli(['queue', 'list'], { SEALBUS_BACKEND: 'redis' });
    expect(result.code).toBe(1);
    expect(oneLine(result.stderr)).toMatch(
      /^sealbus: InvalidParameterValue: backend must be one of memory, sqlite, aws; got "redis".*SEALBUS_BACKEND/,
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
      /^sealbus: InvalidParameterValue: The gateway serves a local backend/,
    );
  });
});
