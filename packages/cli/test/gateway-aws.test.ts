import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BIN, REPO_ROOT, runCli, sandbox } from './support/runCli.js';

/** `sealbus gateway` in the background, and the aws backend of the CLI pointed at it. */
describe('sealbus gateway and the aws backend', () => {
  const box = sandbox();
  let gateway: ChildProcess;
  let url: string;
  let exited: Promise<number | null>;

  beforeAll(async () => {
    gateway = spawn(process.execPath, [CLI_BIN, 'gateway', '--port', '0', '--path', box.path], {
      cwd: REPO_ROOT,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    exited = new Promise((resolve) => gateway.on('exit', (code) => resolve(code)));
    url = await new Promise<string>((resolve, reject) => {
      let seen = '';
      gateway.stdout!.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        const match = /listening on (http:\/\/\S+)/.exec(seen);
        if (match !== null) resolve(match[1]!);
      });
      gateway.stderr!.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
      });
      gateway.on('exit', (code) => reject(new Error(`gateway exited ${code}: ${seen}`)));
    });
  }, 120_000);

  afterAll(async () => {
    gateway.kill('SIGTERM');
    await exited;
    box.cleanup();
  });

  const aws = (...args: string[]) =>
    runCli([...args, '--backend', 'aws'], {
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL: url,
      AWS_ACCESS_KEY_ID: 'AKIDLOCAL',
      AWS_SECRET_ACCESS_KEY: 'local',
    });

  it('manages keys through the KMS API', async () => {
    const created = await aws(
      'keys',
      'create',
      '--description',
      'over the wire',
      '--alias',
      'alias/wire',
      '--json',
    );
    expect(created.code).toBe(0);
    const key = JSON.parse(created.stdout) as { arn: string };
    const list = JSON.parse((await aws('keys', 'list', '--json')).stdout) as {
      keyArn: string;
      aliases: string[];
    }[];
    expect(list).toContainEqual(
      expect.objectContaining({ keyArn: key.arn, aliases: ['alias/wire'] }),
    );
    const rotated = await aws('keys', 'rotate', 'alias/wire', '--json');
    expect(JSON.parse(rotated.stdout)).toMatchObject({ rotatedNow: true });
    expect(JSON.parse((await aws('keys', 'disable', 'alias/wire', '--json')).stdout).keyState).toBe(
      'Disabled',
    );
    expect(JSON.parse((await aws('keys', 'enable', 'alias/wire', '--json')).stdout).keyState).toBe(
      'Enabled',
    );
  });

  it('creates an SSE queue, sends and receives over SQS; the gateway stores the body sealed', async () => {
    expect((await aws('queue', 'create', 'wire-q', '--kms-key', 'alias/wire')).code).toBe(0);
    expect((await aws('send', 'wire-q', 'over http')).code).toBe(0);
    const atRest = JSON.parse((await box.run('inspect', 'at-rest', 'wire-q', '--json')).stdout);
    expect(atRest.summary).toEqual({ messages: 1, sealed: 1, plain: 0, truncated: false });
    const received = JSON.parse((await aws('receive', 'wire-q', '--delete', '--json')).stdout) as {
      body: string;
    }[];
    expect(received.map((m) => m.body)).toEqual(['over http']);
  });

  it('lists and peeks a dead-letter queue over SQS', async () => {
    await aws(
      'queue',
      'create',
      'wire-src',
      '--kms-key',
      'alias/wire',
      '--dlq',
      'wire-dlq',
      '--max-receive-count',
      '1',
    );
    await aws('send', 'wire-src', 'poison');
    await aws('receive', 'wire-src', '--visibility', '0');
    expect(JSON.parse((await aws('receive', 'wire-src', '--json')).stdout)).toEqual([]);
    const dlqs = JSON.parse((await aws('dlq', 'list', '--json')).stdout) as {
      queueUrl: string;
      approximateNumberOfMessages: number;
    }[];
    expect(dlqs).toEqual([
      expect.objectContaining({
        queueUrl: expect.stringMatching(/\/wire-dlq$/),
        approximateNumberOfMessages: 1,
      }),
    ]);
    const peeked = JSON.parse((await aws('dlq', 'peek', 'wire-dlq', '--json')).stdout) as {
      sourceArn: string;
      receiveCount: number;
    }[];
    expect(peeked).toHaveLength(1);
    expect(peeked[0]!.sourceArn).toMatch(/:wire-src$/);
    // Peeking receives and releases: the message is still there, one receive more.
    const again = JSON.parse((await aws('dlq', 'peek', 'wire-dlq', '--json')).stdout) as {
      receiveCount: number;
    }[];
    expect(again[0]!.receiveCount).toBe(peeked[0]!.receiveCount + 1);

    // A one-message move ends before it is first listed; the redrive still sees it finish.
    const redrive = await aws('dlq', 'redrive', 'wire-dlq', '--json');
    expect(redrive.code).toBe(0);
    expect(JSON.parse(redrive.stdout)).toMatchObject({
      status: 'COMPLETED',
      approximateNumberOfMessagesMoved: 1,
    });
    const back = JSON.parse((await aws('receive', 'wire-src', '--delete', '--json')).stdout) as {
      body: string;
    }[];
    expect(back.map((m) => m.body)).toEqual(['poison']);
  });

  it('reports what the aws backend cannot do, with what to use instead', async () => {
    const inspect = await aws('inspect', 'at-rest', 'wire-q');
    expect(inspect.code).toBe(1);
    expect(inspect.stderr.split('\n')[0]).toMatch(
      // The list comes from the backend registry: every installed backend that runs locally.
      /^sealbus: UnsupportedOperation: inspect at-rest needs a local backend \(memory or sqlite or postgres\); the aws backend cannot do it\. .* CloudTrail\.$/,
    );
    const audit = await aws('audit');
    expect(audit.stderr.trim()).toMatch(
      /^sealbus: UnsupportedOperation: audit needs a local backend \(memory or sqlite or postgres\); the aws backend cannot do it\. .*CloudTrail/,
    );
    const missing = await aws('queue', 'attrs', 'nope');
    expect(missing.code).toBe(4);
    expect(missing.stderr.trim().split('\n')).toHaveLength(2);
    expect(missing.stderr).toMatch(/^sealbus: QueueDoesNotExist: /);
  });
});
