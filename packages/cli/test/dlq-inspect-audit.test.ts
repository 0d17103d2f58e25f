import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliSandbox, sandbox } from './support/runCli.js';

interface AtRestJson {
  summary: { messages: number; sealed: number; plain: number; truncated: boolean };
  keys: string[];
  messages: {
    messageId: string;
    storage: 'sealed' | 'plain';
    keyArn?: string;
    envelopeVersion?: number;
  }[];
}

describe('sealbus dlq, inspect at-rest and audit', () => {
  let box: CliSandbox;
  let keyArn: string;
  beforeAll(async () => {
    box = sandbox();
    keyArn = (await box.json<{ arn: string }>('keys', 'create', '--alias', 'alias/billing')).arn;
    await box.json(
      'queue',
      'create',
      'billing',
      '--kms-key',
      'alias/billing',
      '--dlq',
      'billing-dlq',
      '--max-receive-count',
      '1',
    );
    await box.json('queue', 'create', 'plain', '--attribute', 'SqsManagedSseEnabled=false');
  });
  afterAll(() => box.cleanup());

  it('reports messages on an SSE queue as sealed with the key ARN and envelope version', async () => {
    await box.json('send', 'billing', '{"invoice":1}');
    await box.json('send', 'billing', '{"invoice":2}');
    const report = await box.json<AtRestJson>('inspect', 'at-rest', 'billing');
    expect(report.summary).toEqual({ messages: 2, sealed: 2, plain: 0, truncated: false });
    expect(report.keys).toEqual([keyArn]);
    expect(report.messages.every((m) => m.envelopeVersion === 2)).toBe(true);
    expect(JSON.stringify(report)).not.toContain('invoice');
    const first = await box.json<AtRestJson>('inspect', 'at-rest', 'billing', '--limit', '1');
    expect(first.summary).toEqual({ messages: 1, sealed: 1, plain: 0, truncated: true });
    const text = await box.run('inspect', 'at-rest', 'billing');
    expect(text.stdout).toMatch(/Sealed:\s+2/);
    expect(text.stdout).toMatch(new RegExp(`sealed\\s+${keyArn}\\s+v2`));
  });

  it('reports messages on a queue without SSE as plain', async () => {
    await box.json('send', 'plain', 'hello');
    const report = await box.json<AtRestJson>('inspect', 'at-rest', 'plain');
    expect(report.summary).toEqual({ messages: 1, sealed: 0, plain: 1, truncated: false });
    expect(report.messages[0]!.keyArn).toBeUndefined();
  });

  it('lists the DLQ, peeks it without bodies, and redrives with a progress bar; messages stay sealed', async () => {
    // maxReceiveCount 1: the second receive of each message dead-letters it.
    await box.json('receive', 'billing', '--max', '10', '--visibility', '0');
    expect(await box.json<unknown[]>('receive', 'billing', '--max', '10')).toEqual([]);
    const dlqs = await box.json<
      { queueUrl: string; sourceQueueUrls: string[]; approximateNumberOfMessages: number }[]
    >('dlq', 'list');
    expect(dlqs).toHaveLength(1);
    expect(dlqs[0]!.queueUrl).toMatch(/\/billing-dlq$/);
    expect(dlqs[0]!.sourceQueueUrls[0]).toMatch(/\/billing$/);
    expect(dlqs[0]!.approximateNumberOfMessages).toBe(2);

    const peeked = await box.json<{ sealed: boolean; keyArn: string; sourceArn: string }[]>(
      'dlq',
      'peek',
      'billing-dlq',
    );
    expect(peeked).toHaveLength(2);
    expect(
      peeked.every((m) => m.sealed && m.keyArn === keyArn && m.sourceArn.endsWith(':billing')),
    ).toBe(true);
    const dlqAtRest = await box.json<AtRestJson>('inspect', 'at-rest', 'billing-dlq');
    expect(dlqAtRest.summary.sealed).toBe(2);

    const redrive = await box.run('dlq', 'redrive', 'billing-dlq', '--poll-ms', '20');
    expect(redrive.code).toBe(0);
    expect(redrive.stdout).toMatch(
      /^moved 2 of 2 messages from .*billing-dlq \(COMPLETED\); sealed messages stay sealed$/m,
    );
    expect(redrive.stderr).toMatch(/redrive \[#+\] 2\/2 100%/);
    const back = await box.json<AtRestJson>('inspect', 'at-rest', 'billing');
    expect(back.summary).toEqual({ messages: 2, sealed: 2, plain: 0, truncated: false });
    expect(back.keys).toEqual([keyArn]);
  });

  it('receives sealed when the principal may not decrypt, and reads the audit log per key', async () => {
    await box.json('queue', 'create', 'records', '--kms-key', 'alias/billing');
    const policy = {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'all', Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' },
        {
          Sid: 'auditor',
          Effect: 'Deny',
          Principal: { AWS: 'auditor' },
          Action: 'kms:Decrypt',
          Resource: '*',
        },
      ],
    };
    const file = join(box.dir, 'policy.json');
    writeFileSync(file, JSON.stringify(policy));
    await box.json('keys', 'policy', 'alias/billing', '--put', file);
    await box.json('send', 'records', 'secret', '--as', 'producer');
    const sealed = await box.json<{ body?: string; sealed?: { keyArn: string; reason: string } }[]>(
      'receive',
      'records',
      '--as',
      'auditor',
      '--visibility',
      '0',
    );
    expect(sealed[0]!.body).toBeUndefined();
    expect(sealed[0]!.sealed).toMatchObject({ keyArn, reason: 'KMS.AccessDeniedException' });
    const text = await box.run('receive', 'records', '--as', 'auditor', '--visibility', '0');
    expect(text.stdout).toContain(`<sealed: KMS.AccessDeniedException under ${keyArn}>`);

    const audit = await box.json<
      { operation: string; principal: string; result: string; errorCode?: string }[]
    >('audit', '--key', 'alias/billing', '--since', '1h', '--operation', 'Decrypt');
    expect(audit).toContainEqual(
      expect.objectContaining({
        principal: 'auditor',
        result: 'error',
        errorCode: 'KMS.AccessDeniedException',
      }),
    );
    const table = await box.run('audit', '--key', keyArn);
    expect(table.stdout).toMatch(/^Time\s+Operation\s+Result\s+Principal/);
    expect(table.stdout).toContain('GenerateDataKey');
    expect(table.stdout).not.toContain('secret');
  });

  it('compares the cost formula with the KMS calls recorded in the audit log', async () => {
    const report = await box.json<{
      requests: number;
      audit: { recorded: number; byOperation: Record<string, number> };
    }>(
      'cost',
      '--service',
      'sqs',
      '--billing-seconds',
      '3600',
      '--reuse-period',
      '300',
      '--principals',
      '1',
      '--consumers',
      '1',
      '--from-audit',
      '--key',
      'alias/billing',
    );
    expect(report.requests).toBe(12 * 3);
    expect(report.audit.byOperation['GenerateDataKey']).toBeGreaterThan(0);
    expect(report.audit.recorded).toBe(
      (report.audit.byOperation['GenerateDataKey'] ?? 0) +
        (report.audit.byOperation['Decrypt'] ?? 0),
    );
  });
});
