import { setTimeout as sleep } from 'node:timers/promises';
import { type Broker, type MoveTask, MoveTaskStatus } from '@sealbus/core';
import { MessageMoveFailedError } from '../errors/MessageMoveFailedError.js';
import { checkInteger } from '../options/checks.js';

export interface RedriveOptions {
  /** Move to this queue instead of each message's source. @defaultValue each message's source queue */
  destinationArn?: string;
  /** 1–500. @defaultValue as fast as the broker allows */
  maxPerSecond?: number;
  /** How often the task is polled. 10–60,000. @defaultValue 200 */
  pollIntervalMs?: number;
  /** Called with every task snapshot while it runs. */
  onProgress?: (task: MoveTask) => void;
  /**
   * Stops waiting at once, rejecting with the signal's reason (the move itself keeps running;
   * cancel it with `cancelMessageMoveTask`, its handle is in the `onProgress` snapshots).
   */
  signal?: AbortSignal;
}

const RUNNING: readonly string[] = [MoveTaskStatus.RUNNING, MoveTaskStatus.CANCELLING];

/**
 * Moves a dead-letter queue's messages back to the queues they came from with the broker's
 * `startMessageMove` — stored bytes untouched, so sealed messages stay sealed — and polls
 * `listMessageMoveTasks` until the task ends. Resolves with the completed task; throws
 * `MessageMoveFailedError` when it ends FAILED or CANCELLED.
 */
export async function redriveToSource(
  broker: Broker,
  deadLetterQueue: string,
  options: RedriveOptions = {},
): Promise<MoveTask> {
  const pollIntervalMs = checkInteger('pollIntervalMs', options.pollIntervalMs ?? 200, 10, 60_000);
  const queue = await broker.getQueue(deadLetterQueue);
  const started = await broker.startMessageMove({
    sourceArn: queue.arn,
    ...(options.destinationArn === undefined ? {} : { destinationArn: options.destinationArn }),
    ...(options.maxPerSecond === undefined ? {} : { maxPerSecond: options.maxPerSecond }),
  });
  let task = started;
  while (RUNNING.includes(task.status)) {
    options.onProgress?.(task);
    options.signal?.throwIfAborted();
    await sleep(
      pollIntervalMs,
      undefined,
      options.signal === undefined ? {} : { signal: options.signal },
    );
    const tasks = await broker.listMessageMoveTasks(queue.arn, 10);
    task = tasks.find((t) => t.taskHandle === started.taskHandle) ?? task;
  }
  options.onProgress?.(task);
  if (task.status !== MoveTaskStatus.COMPLETED) throw new MessageMoveFailedError(task);
  return task;
}
