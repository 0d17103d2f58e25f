import type { Backend } from '@sealbus/backends';
import { type MoveTask, MoveTaskStatus, ResourceNotFoundError } from '@sealbus/core';
import { CliError } from '../output/errorTaxonomy.js';

/** `moved 300 of 627 messages` (or without the total when the broker did not count it). */
export function movedCount(task: MoveTask): string {
  const total = task.approximateNumberOfMessagesToMove;
  return `moved ${task.approximateNumberOfMessagesMoved}${total === undefined ? '' : ` of ${total}`} messages`;
}

/** The tasks of a dead-letter queue, newest first (the broker keeps the last 10 per queue). */
export async function moveTasksOf(backend: Backend, queue: string): Promise<MoveTask[]> {
  const { arn } = await backend.broker.getQueue(queue);
  return backend.broker.listMessageMoveTasks(arn, 10);
}

/** Cancels the running task of `queue` (or the one with `taskHandle`) and returns its final state. */
export async function cancelMoveTask(
  backend: Backend,
  queue: string,
  taskHandle?: string,
): Promise<MoveTask> {
  const tasks = await moveTasksOf(backend, queue);
  const task =
    taskHandle === undefined
      ? tasks.find((t) => t.status === MoveTaskStatus.RUNNING)
      : tasks.find((t) => t.taskHandle === taskHandle);
  if (task === undefined) {
    throw new ResourceNotFoundError(
      taskHandle === undefined
        ? `No message move task is running for ${queue}.`
        : `Queue ${queue} has no message move task ${taskHandle}.`,
      { field: 'TaskHandle' },
    );
  }
  return backend.broker.cancelMessageMoveTask(task.taskHandle);
}

/**
 * After Ctrl-C: cancels the task if it still runs, and builds the error that says how far it got
 * and how to move the rest. A task that ended meanwhile is reported as it ended.
 */
export async function interruptedRedrive(
  backend: Backend,
  queue: string,
  started: MoveTask | undefined,
): Promise<CliError> {
  const resume = `run \`sealbus dlq redrive ${queue}\` again to move the messages still in ${queue}`;
  if (started === undefined) {
    return new CliError(
      'Interrupted',
      `redrive of ${queue} stopped before its move task started; nothing moved.`,
      'interrupted',
      resume,
    );
  }
  let task = started;
  try {
    task = await backend.broker.cancelMessageMoveTask(started.taskHandle);
  } catch {
    // It ended between the last poll and the cancel: report how it ended.
    task =
      (await moveTasksOf(backend, queue)).find((t) => t.taskHandle === started.taskHandle) ??
      started;
  }
  return new CliError(
    'Interrupted',
    `redrive of ${queue} interrupted: ${movedCount(task)}; move task ${task.taskHandle} is ${task.status}.`,
    'interrupted',
    task.status === MoveTaskStatus.COMPLETED ? 'nothing: every message was moved' : resume,
  );
}
