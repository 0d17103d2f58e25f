import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createAwsBroker } from '@sealbus/aws';
import type { Broker } from '@sealbus/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BIN, REPO_ROOT, runCli } from './support/runCli.js';

/**
 * `sealbus deliveries` against `sealbus gateway` in a child process that verifies signatures:
 * the deliveries live in the gateway's memory, and the CLI asks for them with a signed request.
 */
describe('sealbus deliveries', () => {
  const KEY = { accessKeyId: 'AKIDOPS', secretAccessKey: 'ops-secret' };
  const MARKER = `cli-marker-${randomUUID()}`;
  let gateway: ChildProcess;
  let url: string;
  let output = '';
  let exited: Promise<number | null>;
  let broker: Broker;

  beforeAll(async () => {
    gateway = spawn(
      process.execPath,
      [
        CLI_BIN,
        'gateway',
        ...['--backend', 'memory', '--port', '0', '--log-level', 'debug', '--verify-sigv4'],
        ...['--credentials', `${KEY.accessKeyId}:${KEY.secretAccessKey}`],
        ...['--console-token', 'deliveries-console-token'],
      ],
      {
        cwd: REPO_ROOT,
        env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    exited = new Promise((resolve) => gateway.on('exit', (code) => resolve(code)));
    gateway.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    gateway.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    url = await new Promise<string>((resolve, reject) => {
      const check = () => {
        const match = /listening on (http:\/\/\S+)/.exec(output);
        if (match !== null) resolve(match[1]!);
      };
      gateway.stdout!.on('data', check);
      gateway.on('exit', (code) => reject(new Error(`gateway exited ${code}: ${output}`)));
    });
    broker = createAwsBroker({ region: 'eu-west-1', endpoint: url, credentials: KEY });
    const topic = await broker.createTopic('ward-alerts');
    await topic.subscribe({ protocol: 'sms', endpoint: '+447700900321' });
    await topic.subscribe({ protocol: 'sms', endpoint: '+447700900322' });
    // An escape sequence in a body must not reach the operator's terminal raw.
    await topic.publish(`${MARKER} \u001b[2J bed 7`);
  }, 120_000);

  afterAll(async () => {
    await broker?.close();
    gateway.kill('SIGTERM');
    await exited;
  });

  const deliveries = (args: string[], env: Record<string, string> = {}) =>
    runCli(['deliveries', '--endpoint-url', url, ...args], {
      AWS_ACCESS_KEY_ID: KEY.accessKeyId,
      AWS_SECRET_ACCESS_KEY: KEY.secretAccessKey,
      ...env,
    });

  it('lists the region deliveries as JSON, filtered by recipient', async () => {
    const all = await deliveries(['--region', 'eu-west-1', '--json']);
    expect(all.code, all.stderr).toBe(0);
    const listed = JSON.parse(all.stdout) as {
      region: string;
      deliveries: Array<Record<string, unknown>>;
    };
    expect(listed.region).toBe('eu-west-1');
    expect(
      listed.deliveries.map((d) => [d.region, d.protocol, d.endpoint, d.kind, d.body]),
    ).toEqual([
      ['eu-west-1', 'sms', '+447700900321', 'Notification', `${MARKER} \u001b[2J bed 7`],
      ['eu-west-1', 'sms', '+447700900322', 'Notification', `${MARKER} \u001b[2J bed 7`],
    ]);
    const one = await deliveries(['--region', 'eu-west-1', '--to', '+447700900322', '--json']);
    expect((JSON.parse(one.stdout) as typeof listed).deliveries.map((d) => d.endpoint)).toEqual([
      '+447700900322',
    ]);
    // The region is the signature's scope: us-east-1 holds none of them.
    const east = await deliveries(['--json'], { AWS_REGION: 'us-east-1' });
    expect(JSON.parse(east.stdout)).toEqual({ region: 'us-east-1', deliveries: [] });
  });

  it('prints a table whose bodies carry no terminal control characters', async () => {
    const text = await deliveries(['--region', 'eu-west-1']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^TIME\s+REGION\s+PROTOCOL\s+ENDPOINT\s+KIND\s+TOPIC\s+BODY/);
    expect(text.stdout).toContain(`${MARKER} \\u001b[2J bed 7`);
    expect(text.stdout).not.toContain('\u001b');
  });

  it('is refused with a wrong secret, and without credentials asks for them', async () => {
    const wrong = await deliveries(['--region', 'eu-west-1'], {
      AWS_SECRET_ACCESS_KEY: 'not-the-secret',
    });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('SignatureDoesNotMatch');
    expect(wrong.stdout + wrong.stderr).not.toContain(MARKER);
    // --endpoint is the aws backend's global flag: taking it for a recipient would list all.
    const misnamed = await deliveries(['--endpoint', '+447700900322']);
    expect(misnamed.code).toBe(1);
    expect(misnamed.stderr).toContain('filter by recipient with --to');
    const none = await runCli(['deliveries', '--endpoint-url', url]);
    expect(none.code).not.toBe(0);
    expect(none.stderr).toContain('AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set');
  });

  it('leaves the bodies out of the gateway log, even at debug level', () => {
    expect(output).toContain('recorded deliveries listed');
    expect(output).not.toContain(MARKER);
  });
});
