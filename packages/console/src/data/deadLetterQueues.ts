import type { EngineBroker } from '@sealbus/broker-engine';
import type { MoveTask } from '@sealbus/core';
import type { QueueRow } from './queueOverview.js';

export interface DeadLetterRow {
  queue: QueueRow;
  /** The newest move task out of this DLQ, if any. */
  latestTask?: MoveTask;
}

export async function latestMoveTask(
  broker: EngineBroker,
  queueArn: string,
): Promise<MoveTask | undefined> {
  const [task] = await broker.listMessageMoveTasks(queueArn, 1);
  return task;
}

/** The queues some RedrivePolicy targets, with their newest redrive. */
export async function listDeadLetterRows(
  broker: EngineBroker,
  rows: readonly QueueRow[],
): Promise<DeadLetterRow[]> {
  const result: DeadLetterRow[] = [];
  for (const queue of rows) {
    if (queue.sourceQueueNames.length === 0) continue;
    const latestTask = await latestMoveTask(broker, queue.arn);
    result.push(latestTask === undefined ? { queue } : { queue, latestTask });
  }
  return result;
}

/** Moved share of a task, 0–1; a completed task is full even when its estimate was off. */
export function moveProgress(task: MoveTask): number {
  if (task.status === 'COMPLETED') return 1;
  const total = task.approximateNumberOfMessagesToMove ?? 0;
  if (total <= 0) return 0;
  return Math.min(1, task.approximateNumberOfMessagesMoved / total);
}
