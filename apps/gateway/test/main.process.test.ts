import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterEach, describe, expect, it } from 'vitest';
import { PRODUCER, REGION } from './harness.js';

const appDir = dirname(dirname(fileURLToPath(import.meta.url)));
let child: ChildProcess | undefined;
let dir: string | undefined;

afterEach(() => {
  if (child !== undefined && child.exitCode === null) child.kill('SIGKILL');
  child = undefined;
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** Resolves with the endpoint the gateway prints once it listens. */
function endpointOf(process: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    process.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match !== null) resolve(match[1]!);
    });
    process.once('exit', (code) => reject(new Error(`gateway exited with ${code}: ${output}`)));
  });
}

describe('the gateway process', () => {
  it('serves SDK calls on the printed endpoint and stops cleanly on SIGTERM', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sealbus-gateway-main-'));
    child = spawn(
      process.execPath,
      [
        '--conditions=@sealbus/source',
        '--import',
        'tsx',
        'src/main.ts',
        '--port',
        '0',
        '--path',
        join(dir, 'data', 'g.db'),
        '--account-id',
        '123456789012',
      ],
      {
        cwd: appDir,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, LOG_LEVEL: 'warn' },
      },
    );
    const url = await endpointOf(child);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(`${url}/health`)).json()).toEqual({ status: 'ok' });

    const sqs = new SQSClient({ endpoint: url, region: REGION, credentials: PRODUCER });
    const { QueueUrl } = await sqs.send(
      new CreateQueueCommand({
        QueueName: 'proc',
        Attributes: { KmsMasterKeyId: 'alias/aws/sqs' },
      }),
    );
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'through a real process' }));
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl }));
    expect(Messages?.[0]?.Body).toBe('through a real process');
    expect(QueueUrl).toBe(`${url}/123456789012/proc`);
    sqs.destroy();

    // Another region is another namespace, kept in its own SQLite file next to --path.
    const west = new SQSClient({ endpoint: url, region: 'eu-west-1', credentials: PRODUCER });
    const created = await west.send(new CreateQueueCommand({ QueueName: 'proc-west' }));
    const { Attributes } = await west.send(
      new GetQueueAttributesCommand({ QueueUrl: created.QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    expect(Attributes?.QueueArn).toBe('arn:aws:sqs:eu-west-1:123456789012:proc-west');
    expect(existsSync(join(dir, 'data', 'g.eu-west-1.db'))).toBe(true);
    west.destroy();

    // The same process serves the web console, which lists the queue the SDK created.
    const consolePage = await fetch(`${url}/console/queues`);
    expect(consolePage.status).toBe(200);
    expect(await consolePage.text()).toContain('proc');

    const exited = new Promise<number | null>((resolve) => child!.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);

  it('runs on the memory backend from SEALBUS_BACKEND and stops on SIGINT', async () => {
    child = spawn(
      process.execPath,
      ['--conditions=@sealbus/source', '--import', 'tsx', 'src/main.ts', '--port', '0'],
      {
        cwd: appDir,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, LOG_LEVEL: 'warn', SEALBUS_BACKEND: 'memory' },
      },
    );
    const url = await endpointOf(child);
    expect((await fetch(`${url}/health`)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child!.once('exit', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  }, 60_000);
});
