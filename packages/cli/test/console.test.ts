import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_BIN, REPO_ROOT, sandbox } from './support/runCli.js';

const TOKEN = 'console-token-for-the-audit';

/** Starts `sealbus console` on a free port; resolves with its URL once it listens. */
async function startConsole(
  path: string,
  ...args: string[]
): Promise<{ child: ChildProcess; url: string; exited: Promise<number | null> }> {
  const child = spawn(
    process.execPath,
    [CLI_BIN, 'console', '--port', '0', '--path', path, ...args],
    {
      cwd: REPO_ROOT,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(seen);
      if (match !== null) resolve(match[1]!);
    });
    child.on('exit', (code) => reject(new Error(`console exited ${code}: ${seen}`)));
  });
  return { child, url, exited };
}

/** Signs in through the login form: the cookies and the CSRF token a browser would hold. */
async function signIn(url: string): Promise<{ cookie: string; csrf: string; sessionId: string }> {
  const form = await fetch(`${url}/login`);
  const session = form.headers.get('set-cookie')!.split(';')[0]!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
  const signedIn = await fetch(`${url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: session, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, token: TOKEN }).toString(),
  });
  expect(signedIn.status).toBe(303);
  return {
    cookie: `${session}; ${signedIn.headers.get('set-cookie')!.split(';')[0]!}`,
    csrf,
    sessionId: session.split('=')[1]!,
  };
}

describe('sealbus console', () => {
  const box = sandbox();
  afterAll(() => box.cleanup());

  it('serves the console of a SQLite file until SIGTERM, and refuses a public bind without a token', async () => {
    await box.json('queue', 'create', 'console-queue');
    const { child, url, exited } = await startConsole(box.path);
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

  it('audits a console decrypt in the KMS audit log under the signed-in session, and a consumer decrypt without one', async () => {
    await box.json('queue', 'create', 'audited', '--kms-key', 'alias/aws/sqs');
    const sent = await box.json<{ messageId: string }>('send', 'audited', 'ward 7');
    const { child, url, exited } = await startConsole(box.path, '--token', TOKEN);
    let sessionId = '';
    try {
      const signedIn = await signIn(url);
      sessionId = signedIn.sessionId;
      const { cookie, csrf } = signedIn;
      const revealed = await fetch(`${url}/queues/audited/messages/${sent.messageId}/body`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrf, 'hx-request': 'true' },
      });
      expect(revealed.status).toBe(200);
      expect(await revealed.text()).toContain('ward 7');
    } finally {
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
    const received = await box.json<{ body: string }[]>('receive', 'audited', '--as', 'worker');
    expect(received.map((message) => message.body)).toEqual(['ward 7']);

    const decrypts = await box.json<{ principal: string; onBehalfOf?: string; result: string }[]>(
      'audit',
      '--operation',
      'Decrypt',
    );
    const byConsole = decrypts.filter((entry) => entry.principal === 'sealbus-console');
    expect(byConsole).toEqual([
      expect.objectContaining({
        result: 'ok',
        onBehalfOf: expect.stringMatching(/^session:[A-Za-z0-9_-]{16}$/),
      }),
    ]);
    const byWorker = decrypts.filter((entry) => entry.principal === 'worker');
    expect(byWorker.length).toBeGreaterThan(0);
    for (const entry of byWorker) expect(entry).not.toHaveProperty('onBehalfOf');
    // The session id itself (the cookie value) is what an audit reader must never get.
    expect(JSON.stringify(decrypts)).not.toContain(sessionId);
    const table = await box.run('audit', '--operation', 'Decrypt');
    expect(table.stdout).toMatch(/^Time\s+Operation\s+Result\s+Principal\s+OnBehalfOf\s+KeyArn/);
    expect(table.stdout).toContain(byConsole[0]!.onBehalfOf!);
  });
});
