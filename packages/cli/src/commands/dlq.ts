import type { Backend } from '@sealbus/backends';
import type { MoveTask } from '@sealbus/core';
import { Command } from 'commander';
import { isoTime, table } from '../output/Output.js';
import { ProgressBar } from '../output/ProgressBar.js';
import { type CommandContext, withBackend, withExamples } from '../program/CommandContext.js';
import { parseCount } from '../program/parsers.js';
import { cancelMoveTask, interruptedRedrive, movedCount, moveTasksOf } from './moveTasks.js';

interface DeadLetterQueueEntry {
  queueUrl: string;
  queueArn: string;
  sourceQueueUrls: string[];
  approximateNumberOfMessages: number;
}

/** Every queue that some queue's RedrivePolicy targets, with its sources and depth. */
async function deadLetterQueues(backend: Backend): Promise<DeadLetterQueueEntry[]> {
  const entries: DeadLetterQueueEntry[] = [];
  for (const url of await backend.broker.listQueues()) {
    const sources = await backend.broker.listDeadLetterSourceQueues(url);
    if (sources.length === 0) continue;
    const queue = await backend.broker.getQueue(url);
    const attributes = await queue.getAttributes();
    entries.push({
      queueUrl: url,
      queueArn: queue.arn,
      sourceQueueUrls: sources,
      approximateNumberOfMessages: attributes.ApproximateNumberOfMessages,
    });
  }
  return entries;
}

/**
 * Without storage access (aws), the worker's inspector receives the messages and releases them;
 * `sealed` then says whether this principal could not open a body (SQS decrypts server-side).
 */
async function receiveAndRelease(backend: Backend, name: string, limit: number) {
  const { DlqInspector } = await import('@sealbus/worker');
  const summaries = await new DlqInspector(backend.broker, name).inspect({ maxMessages: limit });
  return summaries.map((m) => ({
    messageId: m.messageId,
    sealed: m.sealed !== undefined,
    keyArn: m.sealed?.keyArn,
    sourceArn: m.sourceArn,
    receiveCount: m.receiveCount,
    sentTimestamp: m.sentTimestamp,
  }));
}

export function dlqCommand(ctx: CommandContext): Command {
  const dlq = withExamples(
    new Command('dlq').description(
      'Dead-letter queues: list, peek, redrive, cancel a redrive (messages stay sealed)',
    ),
    [
      'sealbus dlq list',
      'sealbus dlq peek billing-dlq',
      'sealbus dlq redrive billing-dlq',
      'sealbus dlq cancel billing-dlq',
    ],
  );

  dlq.addCommand(
    withExamples(
      new Command('list').description('List dead-letter queues with their sources and depth'),
      ['sealbus dlq list --json'],
    ).action((_opts: object, command: Command) =>
      withBackend(ctx, command, async ({ backend, out }) => {
        const entries = await deadLetterQueues(backend);
        out.result(entries, (list) =>
          table(
            ['DeadLetterQueue', 'Messages', 'Sources'],
            list.map((e) => [
              e.queueUrl,
              e.approximateNumberOfMessages,
              e.sourceQueueUrls.join(','),
            ]),
          ),
        );
      }),
    ),
  );

  dlq.addCommand(
    withExamples(
      new Command('peek')
        .description(
          'Show dead-lettered messages without bodies: local backends read storage (nothing changes); aws receives and releases them',
        )
        .argument('<queue>', 'the dead-letter queue')
        .option('--limit <n>', 'messages to show, 1–1,000', '10'),
      ['sealbus dlq peek billing-dlq --limit 50'],
    ).action((name: string, opts: { limit: string }, command: Command) =>
      withBackend(ctx, command, async ({ backend, out }) => {
        const limit = parseCount(opts.limit, 'limit');
        const rows =
          backend.local === undefined
            ? await receiveAndRelease(backend, name, limit)
            : (await backend.local.engine.peek(name, { limit })).map((m) => ({
                messageId: m.messageId,
                sealed: m.sealed,
                keyArn: m.keyArn,
                sourceArn: m.deadLetterQueueSourceArn,
                receiveCount: m.receiveCount,
                sentTimestamp: m.sentTimestamp,
              }));
        out.result(rows, (list) =>
          table(
            ['MessageId', 'Sealed', 'KeyArn', 'SourceArn', 'Receives', 'Sent'],
            list.map((m) => [
              m.messageId,
              m.sealed ? 'yes' : 'no',
              m.keyArn,
              m.sourceArn,
              m.receiveCount,
              isoTime(m.sentTimestamp),
            ]),
          ),
        );
      }),
    ),
  );

  dlq.addCommand(
    withExamples(
      new Command('redrive')
        .description(
          'Move dead-lettered messages back to their source queues (or --to a queue) with a message move task; stored bytes move untouched',
        )
        .argument('<queue>', 'the dead-letter queue')
        .option('--to <queue>', "destination queue instead of each message's source")
        .option('--max-per-second <n>', 'rate limit, 1–500')
        .option('--poll-ms <ms>', 'how often the task is polled', '200'),
      [
        'sealbus dlq redrive billing-dlq',
        'sealbus dlq redrive billing-dlq --to billing-retry --max-per-second 50',
      ],
    ).action(
      (
        name: string,
        opts: { to?: string; maxPerSecond?: string; pollMs: string },
        command: Command,
      ) =>
        withBackend(ctx, command, async ({ backend, out }) => {
          const destinationArn =
            opts.to === undefined ? undefined : (await backend.broker.getQueue(opts.to)).arn;
          const bar = new ProgressBar(out.stderr, 'redrive');
          const { redriveToSource } = await import('@sealbus/worker');
          const interrupt = new AbortController();
          const release = ctx.onInterrupt(() => interrupt.abort());
          let latest: MoveTask | undefined;
          let task: MoveTask;
          try {
            task = await redriveToSource(backend.broker, name, {
              pollIntervalMs: parseCount(opts.pollMs, 'poll-ms'),
              signal: interrupt.signal,
              ...(destinationArn === undefined ? {} : { destinationArn }),
              ...(opts.maxPerSecond === undefined
                ? {}
                : { maxPerSecond: parseCount(opts.maxPerSecond, 'max-per-second') }),
              onProgress: (t) => {
                latest = t;
                if (!out.json)
                  bar.update(
                    t.approximateNumberOfMessagesMoved,
                    t.approximateNumberOfMessagesToMove,
                  );
              },
            });
          } catch (error) {
            if (!interrupt.signal.aborted) throw error;
            bar.finish();
            throw await interruptedRedrive(backend, name, latest);
          } finally {
            release();
          }
          bar.finish();
          out.result(
            task,
            (t) =>
              `${movedCount(t)} from ${t.sourceArn} (${t.status}); sealed messages stay sealed`,
          );
        }),
    ),
  );

  dlq.addCommand(
    withExamples(
      new Command('cancel')
        .description(
          "Cancel the running message move task of a dead-letter queue (another process's too); moved messages stay moved",
        )
        .argument('<queue>', 'the dead-letter queue')
        .option('--task <handle>', 'cancel this task instead of the running one'),
      ['sealbus dlq cancel billing-dlq'],
    ).action((name: string, opts: { task?: string }, command: Command) =>
      withBackend(ctx, command, async ({ backend, out }) => {
        const task = await cancelMoveTask(backend, name, opts.task);
        out.result(
          task,
          (t) =>
            `move task ${t.taskHandle} is ${t.status}: ${movedCount(t)}; run \`sealbus dlq redrive ${name}\` to move the rest`,
        );
      }),
    ),
  );

  dlq.addCommand(
    withExamples(
      new Command('tasks')
        .description('List the message move tasks of a dead-letter queue, newest first')
        .argument('<queue>', 'the dead-letter queue'),
      ['sealbus dlq tasks billing-dlq --json'],
    ).action((name: string, _opts: object, command: Command) =>
      withBackend(ctx, command, async ({ backend, out }) => {
        const tasks = await moveTasksOf(backend, name);
        out.result(tasks, (list) =>
          table(
            ['TaskHandle', 'Status', 'Moved', 'ToMove', 'Started', 'FailureReason'],
            list.map((t) => [
              t.taskHandle,
              t.status,
              t.approximateNumberOfMessagesMoved,
              t.approximateNumberOfMessagesToMove,
              isoTime(t.startedTimestamp),
              t.failureReason,
            ]),
          ),
        );
      }),
    ),
  );
  return dlq;
}
