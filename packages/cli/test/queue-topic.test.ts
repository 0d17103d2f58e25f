import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliSandbox, sandbox } from './support/runCli.js';

interface QueueJson {
  name: string;
  url: string;
  arn: string;
}

describe('sealbus queue and topic', () => {
  let box: CliSandbox;
  beforeAll(() => {
    box = sandbox();
  });
  afterAll(() => box.cleanup());

  it('creates a queue with SSE and a DLQ that shares its key, idempotently', async () => {
    const queue = await box.json<QueueJson>(
      'queue',
      'create',
      'orders',
      '--kms-key',
      'alias/aws/sqs',
      '--reuse-period',
      '600',
      '--dlq',
      'orders-dlq',
      '--max-receive-count',
      '3',
    );
    expect(queue.arn).toMatch(/:orders$/);
    const attrs = await box.json<Record<string, unknown>>('queue', 'attrs', 'orders');
    expect(attrs).toMatchObject({
      KmsMasterKeyId: 'alias/aws/sqs',
      KmsDataKeyReusePeriodSeconds: 600,
      RedrivePolicy: {
        deadLetterTargetArn: queue.arn.replace(/orders$/, 'orders-dlq'),
        maxReceiveCount: 3,
      },
    });
    const dlqAttrs = await box.json<Record<string, unknown>>('queue', 'attrs', 'orders-dlq');
    expect(dlqAttrs['KmsMasterKeyId']).toBe('alias/aws/sqs');
    const again = await box.run(
      'queue',
      'create',
      'orders',
      '--kms-key',
      'alias/aws/sqs',
      '--reuse-period',
      '600',
    );
    expect(again.code).toBe(0);
    const conflict = await box.run('queue', 'create', 'orders', '--reuse-period', '900');
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toMatch(/^sealbus: QueueNameExists: /);
  });

  it('lists queues, optionally by prefix', async () => {
    await box.json('queue', 'create', 'other');
    const all = await box.json<string[]>('queue', 'list');
    expect(all.map((url) => url.split('/').at(-1)).sort()).toEqual([
      'orders',
      'orders-dlq',
      'other',
    ]);
    const text = await box.run('queue', 'list', 'ord');
    expect(text.stdout.trim().split('\n')).toHaveLength(2);
  });

  it('sets attributes with SQS names and rejects out-of-range values naming the limit', async () => {
    const attrs = await box.json<Record<string, unknown>>(
      'queue',
      'set',
      'other',
      'VisibilityTimeout=60',
      'DelaySeconds=5',
    );
    expect(attrs).toMatchObject({ VisibilityTimeout: 60, DelaySeconds: 5 });
    const bad = await box.run('queue', 'set', 'other', 'VisibilityTimeout=99999');
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(2);
    expect(bad.stderr).toMatch(/VisibilityTimeout/);
    expect(bad.stderr).toMatch(/43,?200/);
  });

  it('sends, receives and deletes; purges; deletes the queue', async () => {
    await box.json(
      'send',
      'other',
      'first',
      '--delay',
      '0',
      '--attribute',
      'kind=note',
      '--attribute',
      'n:Number=7',
    );
    const received = await box.json<{ body: string; messageAttributes: Record<string, unknown> }[]>(
      'receive',
      'other',
      '--max',
      '10',
      '--delete',
      '--wait',
      '1',
    );
    expect(received).toHaveLength(1);
    expect(received[0]!.body).toBe('first');
    expect(received[0]!.messageAttributes).toEqual({
      kind: { dataType: 'String', stringValue: 'note' },
      n: { dataType: 'Number', stringValue: '7' },
    });
    const empty = await box.run('receive', 'other');
    expect(empty.stdout).toBe('no messages\n');
    await box.json('send', 'other', 'second');
    expect((await box.run('queue', 'purge', 'other')).stdout).toBe('purged other\n');
    expect(await box.json<unknown[]>('receive', 'other', '--wait', '0')).toEqual([]);
    expect((await box.run('queue', 'delete', 'other')).code).toBe(0);
    const gone = await box.run('queue', 'attrs', 'other');
    expect(gone.code).toBe(4);
    expect(gone.stderr).toMatch(/^sealbus: QueueDoesNotExist: /);
    expect(gone.stderr).toContain('  fix: list the queues with `sealbus queue list`');
  });

  it('reads a body from --body-file and reports a missing body as a usage error', async () => {
    const file = join(box.dir, 'body.json');
    writeFileSync(file, '{"from":"file"}');
    await box.json('queue', 'create', 'files');
    await box.json('send', 'files', '--body-file', file);
    expect((await box.json<{ body: string }[]>('receive', 'files'))[0]!.body).toBe(
      '{"from":"file"}',
    );
    const missing = await box.run('send', 'orders');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^sealbus: UsageError: a message body is required/);
  });

  it('creates topics, subscribes queues with a filter policy and fans a publish out', async () => {
    const topic = await box.json<{ arn: string }>(
      'topic',
      'create',
      'Patient-Records',
      '--kms-key',
      'alias/aws/sns',
    );
    expect(topic.arn).toMatch(/:Patient-Records$/);
    expect(await box.json<string[]>('topic', 'list')).toEqual([topic.arn]);
    await box.json('queue', 'create', 'billing');
    await box.json('queue', 'create', 'scheduling');
    await box.json(
      'topic',
      'subscribe',
      'Patient-Records',
      'billing',
      '--raw',
      '--filter-policy',
      '{"kind":["invoice"]}',
    );
    const sub = await box.json<{ arn: string; endpoint: string }>(
      'topic',
      'subscribe',
      'Patient-Records',
      'scheduling',
      '--raw',
    );
    expect(sub.endpoint).toMatch(/:scheduling$/);
    await box.json(
      'publish',
      'Patient-Records',
      'visit',
      '--attribute',
      'kind=appointment',
      '--subject',
      'hi',
    );
    expect(await box.json<unknown[]>('receive', 'billing')).toEqual([]);
    const scheduled = await box.json<{ body: string }[]>('receive', 'scheduling', '--delete');
    expect(scheduled.map((m) => m.body)).toEqual(['visit']);
  });
});
