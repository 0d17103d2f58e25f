import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EngineBroker, MOVE_TASK_STALE_MS } from '@sealbus/broker-engine';
import type { Clock } from '@sealbus/core';
import type { LocalKms } from '@sealbus/kms-local';
import { openSqliteKms } from '@sealbus/kms-local/sqlite';
import { createSqliteBroker } from '@sealbus/sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleServer, startConsoleServer } from '../src/index.js';
import { ConsoleClient } from './support/ConsoleClient.js';

const HTMX = { 'hx-request': 'true' };
const MESSAGES = 5;

/** A broker in "another process": its own KMS handle and broker on the same SQLite file. */
function openBroker(path: string, clock?: Clock): { kms: LocalKms; broker: EngineBroker } {
  const kms = openSqliteKms({ path });
  return {
    kms,
    broker: createSqliteBroker({ path, kms, ...(clock === undefined ? {} : { clock }) }),
  };
}

describe('console redrive of a move task whose runner died', () => {
  let dir: string;
  let path: string;
  let console_: { kms: LocalKms; broker: EngineBroker };
  let server: ConsoleServer;
  let nowMs = 0;
  let client: ConsoleClient;
  let taskHandle: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sealbus-console-moves-'));
    path = join(dir, 'moves.db');
    // The CLI's process: dead-letters a few messages, starts a slow redrive, then dies (here:
    // closes, which stops its runner and leaves the stored task RUNNING, as Ctrl-C did).
    const cli = openBroker(path);
    const dlq = await cli.broker.createQueue('Jobs-DLQ', { SqsManagedSseEnabled: false });
    const jobs = await cli.broker.createQueue('Jobs', {
      SqsManagedSseEnabled: false,
      RedrivePolicy: { deadLetterTargetArn: dlq.arn, maxReceiveCount: 1 },
    });
    for (let i = 0; i < MESSAGES; i++) await jobs.send(`job ${i}`);
    await jobs.receive({ maxMessages: 10, visibilityTimeoutSeconds: 0 });
    await jobs.receive({ maxMessages: 10, visibilityTimeoutSeconds: 0 });
    expect((await dlq.getAttributes()).ApproximateNumberOfMessages).toBe(MESSAGES);
    const task = await cli.broker.startMessageMove({ sourceArn: dlq.arn, maxPerSecond: 1 });
    taskHandle = task.taskHandle;
    nowMs = task.startedTimestamp;
    await cli.broker.close();
    await cli.kms.close();

    // The console's broker and the console share one clock, so the broker's stale-runner check
    // (a heartbeat silent for MOVE_TASK_STALE_MS) can be reached without waiting.
    const clock = { now: () => nowMs };
    console_ = openBroker(path, clock);
    server = await startConsoleServer({ ...console_, port: 0, clock });
    client = new ConsoleClient(new URL(server.url).origin);
  });

  afterAll(async () => {
    await server?.close();
    await console_?.broker.close();
    await console_?.kms.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the task RUNNING with a Cancel button, then FAILED as the broker reports it once its runner is silent', async () => {
    const first = await (await client.get('/console/queues/Jobs-DLQ')).text();
    expect(first).toMatch(/RUNNING: [01] of 5 moved/);
    expect(first).toContain('Cancel redrive<span class="visually-hidden"> of Jobs-DLQ</span>');
    // No redrive offered while one is RUNNING: it would be refused.
    expect(first).not.toContain('action="/console/queues/Jobs-DLQ/redrive"');

    nowMs += MOVE_TASK_STALE_MS + 1000;
    const later = await (await client.get('/console/queues/Jobs-DLQ/move-task', HTMX)).text();
    expect(later).toMatch(
      /FAILED: [01] of 5 moved \(The task stopped after moving [01] of 5 messages: its runner, process \d+ on [^,]+, has not reported progress for 31 s\. Start a new move task to move the rest\.\)/,
    );
    expect(later).not.toContain('Cancel redrive');
    expect(later).toContain('action="/console/queues/Jobs-DLQ/redrive"');
    const list = await (await client.get('/console/dlqs')).text();
    expect(list).toMatch(/FAILED: [01] of 5 moved/);
    const [task] = await console_.broker.listMessageMoveTasks(
      (await console_.broker.getQueue('Jobs-DLQ')).arn,
    );
    expect(task).toMatchObject({ taskHandle, status: 'FAILED' });
  });

  it('refuses a cancel without a CSRF token or for a task of another queue, naming the field', async () => {
    const noCsrf = await client.post(
      '/console/queues/Jobs-DLQ/move-task/cancel',
      { taskHandle },
      { csrf: null, headers: HTMX },
    );
    expect(noCsrf.status).toBe(403);
    const wrong = await client.post(
      '/console/queues/Jobs-DLQ/move-task/cancel',
      { taskHandle: 'not-a-task' },
      { headers: HTMX },
    );
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain(
      'taskHandle &quot;not-a-task&quot; is not a recent move task',
    );
  });

  it('cancels a running redrive with the button, after which a new redrive moves the rest', async () => {
    const dlqArn = (await console_.broker.getQueue('Jobs-DLQ')).arn;
    const slow = await client.post(
      '/console/queues/Jobs-DLQ/redrive',
      { maxPerSecond: '1' },
      { headers: HTMX },
    );
    expect(slow.status).toBe(202);
    const [running] = await console_.broker.listMessageMoveTasks(dlqArn);
    expect(running?.status).toBe('RUNNING');
    const response = await client.post(
      '/console/queues/Jobs-DLQ/move-task/cancel',
      { taskHandle: running!.taskHandle },
      { headers: HTMX },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('hx-trigger')).toBe('sealbus:refresh');
    expect(await response.text()).toMatch(/Redrive of Jobs-DLQ cancelled after \d of [45]/);
    const [cancelled] = await console_.broker.listMessageMoveTasks(dlqArn);
    expect(cancelled?.status).toBe('CANCELLED');

    const panel = await (await client.get('/console/queues/Jobs-DLQ/move-task', HTMX)).text();
    expect(panel).toMatch(/CANCELLED: \d of [45] moved/);
    expect(panel).toContain('action="/console/queues/Jobs-DLQ/redrive"');
    expect(panel).not.toContain('Cancel redrive');

    const redrive = await client.post('/console/queues/Jobs-DLQ/redrive', {}, { headers: HTMX });
    expect(redrive.status).toBe(202);
    for (let attempt = 0; attempt < 200; attempt++) {
      const [task] = await console_.broker.listMessageMoveTasks(dlqArn);
      if (task?.status === 'COMPLETED') break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const jobs = await (await console_.broker.getQueue('Jobs')).getAttributes();
    expect(jobs.ApproximateNumberOfMessages).toBe(MESSAGES);
  });
});
