import { type ChildProcess, spawn } from 'node:child_process';
import { type Backend, createBackend } from '@sealbus/backends';
import type { MoveTask } from '@sealbus/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BIN, type CliSandbox, REPO_ROOT, sandbox } from './support/runCli.js';

const MESSAGES = 40;
const POLLS = 400;

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Starts `sealbus dlq redrive` as a child process, rated so it is still running when we act. */
function startRedrive(
  box: CliSandbox,
  queue: string,
): { child: ChildProcess; exit: Promise<Exit> } {
  const child = spawn(
    process.execPath,
    [CLI_BIN, 'dlq', 'redrive', queue, '--max-per-second', '2', '--poll-ms', '50'],
    {
      cwd: REPO_ROOT,
      env: { PATH: process.env['PATH'] ?? '', SEALBUS_SQLITE_PATH: box.path },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exit = new Promise<Exit>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, exit };
}

/** Polls the task list (never a fixed sleep) until the newest task moved at least `atLeast`. */
async function whenMoved(backend: Backend, queue: string, atLeast: number): Promise<MoveTask> {
  const { arn } = await backend.broker.getQueue(queue);
  for (let poll = 0; poll < POLLS; poll++) {
    const [task] = await backend.broker.listMessageMoveTasks(arn);
    if (task !== undefined && task.approximateNumberOfMessagesMoved >= atLeast) return task;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`no move task of ${queue} moved ${atLeast} messages within ${POLLS} polls`);
}

describe('sealbus dlq redrive interrupted, cancelled and taken over', () => {
  let box: CliSandbox;
  let backend: Backend;

  /** A source queue and its DLQ holding MESSAGES dead letters. */
  async function deadLetters(name: string): Promise<void> {
    const dlq = await backend.broker.createQueue(`${name}-dlq`);
    const source = await backend.broker.createQueue(name, {
      RedrivePolicy: { deadLetterTargetArn: dlq.arn, maxReceiveCount: 1 },
      VisibilityTimeout: 0,
    });
    for (let i = 0; i < MESSAGES; i += 10) {
      await source.sendBatch(
        Array.from({ length: 10 }, (_, j) => ({ id: `m${j}`, body: `visit ${i + j}` })),
      );
    }
    // maxReceiveCount 1: the second receive of each message dead-letters it.
    while ((await source.receive({ maxMessages: 10 })).length > 0) {}
    expect((await dlq.getAttributes()).ApproximateNumberOfMessages).toBe(MESSAGES);
  }

  beforeAll(async () => {
    box = sandbox();
    backend = await createBackend({ backend: 'sqlite', path: box.path }, { env: {} });
  });
  afterAll(async () => {
    await backend.close();
    box.cleanup();
  });

  it('Ctrl-C cancels the move task, says how far it got and how to resume, and exits 130', async () => {
    await deadLetters('intake');
    const { child, exit } = startRedrive(box, 'intake-dlq');
    await whenMoved(backend, 'intake-dlq', 2);
    child.kill('SIGINT');
    const ended = await exit;
    expect(ended.code).toBe(130);
    const lines = ended.stderr.trim().split('\n');
    const [task] = await backend.broker.listMessageMoveTasks(
      (await backend.broker.getQueue('intake-dlq')).arn,
    );
    expect(task!.status).toBe('CANCELLED');
    const moved = task!.approximateNumberOfMessagesMoved;
    expect(moved).toBeGreaterThanOrEqual(2);
    expect(moved).toBeLessThan(MESSAGES);
    expect(lines.at(-2)).toBe(
      `sealbus: Interrupted: redrive of intake-dlq interrupted: moved ${moved} of ${MESSAGES} messages; move task ${task!.taskHandle} is CANCELLED.`,
    );
    expect(lines.at(-1)).toBe(
      '  fix: run `sealbus dlq redrive intake-dlq` again to move the messages still in intake-dlq',
    );

    const again = await box.run('dlq', 'redrive', 'intake-dlq');
    expect(again.code).toBe(0);
    const rest = MESSAGES - moved;
    expect(again.stdout).toContain(`moved ${rest} of ${rest} messages`);
  });

  it('`dlq cancel` from another process cancels a running redrive; the redrive reports it', async () => {
    await deadLetters('billing');
    const { exit } = startRedrive(box, 'billing-dlq');
    await whenMoved(backend, 'billing-dlq', 1);
    const cancelled = await box.run('dlq', 'cancel', 'billing-dlq');
    expect(cancelled.code).toBe(0);
    expect(cancelled.stdout).toMatch(
      /^move task \S+ is CANCELLED: moved \d+ of 40 messages; run `sealbus dlq redrive billing-dlq` to move the rest\n$/,
    );
    const ended = await exit;
    expect(ended.code).toBe(1);
    expect(ended.stderr).toMatch(
      /sealbus: Sealbus\.MessageMoveFailed: Message move \S+ from \S+ ended CANCELLED/,
    );
    expect(ended.stderr).toContain('  fix: see the tasks with `sealbus dlq tasks QUEUE`');

    const none = await box.run('dlq', 'cancel', 'billing-dlq');
    expect(none.code).toBe(4);
    expect(none.stderr).toContain('No message move task is running for billing-dlq.');
  });

  it('a SIGKILLed runner does not block later redrives: its task is marked FAILED and a new one takes over', async () => {
    await deadLetters('records');
    const { child, exit } = startRedrive(box, 'records-dlq');
    const running = await whenMoved(backend, 'records-dlq', 1);
    child.kill('SIGKILL');
    expect((await exit).signal).toBe('SIGKILL');

    const again = await box.run('dlq', 'redrive', 'records-dlq');
    expect(again.code).toBe(0);
    const tasks = await box.json<MoveTask[]>('dlq', 'tasks', 'records-dlq');
    expect(tasks.map((t) => t.status)).toEqual(['COMPLETED', 'FAILED']);
    expect(tasks[1]!.taskHandle).toBe(running.taskHandle);
    expect(tasks[1]!.failureReason).toMatch(
      new RegExp(
        `^The task stopped after moving \\d+ of ${MESSAGES} messages: its runner, process ${child.pid} on .+, has exited\\. Start a new move task to move the rest\\.$`,
      ),
    );
    expect(
      tasks[0]!.approximateNumberOfMessagesMoved + tasks[1]!.approximateNumberOfMessagesMoved,
    ).toBe(MESSAGES);
  });
});
