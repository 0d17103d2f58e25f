import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_BIN, REPO_ROOT, sandbox } from './support/runCli.js';

describe('sealbus console', () => {
  const box = sandbox();
  afterAll(() => box.cleanup());

  it('serves the console of a SQLite file until SIGTERM, and refuses a public bind without a token', async () => {
    await box.json('queue', 'create', 'console-queue');
    const child = spawn(process.execPath, [CLI_BIN, 'console', '--port', '0', '--path', box.path], {
      cwd: REPO_ROOT,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const url = await new Promise<string>((resolve, reject) => {
      let seen = '';
      child.stdout.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        const match = /listening on (http:\/\/\S+)/.exec(seen);
        if (match !== null) resolve(match[1]!);
      });
      child.on('exit', (code) => reject(new Error(`console exited ${code}: ${seen}`)));
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/console$/);
    const page = await fetch(`${url}/queues`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('console-queue');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);

    const refused = await box.run('console', '--host', '0.0.0.0', '--port', '0');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/InvalidParameterValue: .*needs accessToken/);
  });
});
