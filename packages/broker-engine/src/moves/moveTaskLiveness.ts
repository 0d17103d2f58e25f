import { hostname } from 'node:os';
import { MoveTaskStatus } from '@sealbus/core';
import type { MoveTaskRecord, MoveTaskRunnerRecord } from '../store/MessageStore.js';

/**
 * A running task saves a heartbeat on every tick (at least once a second); one silent for this
 * long has no runner left, even when its process is alive (its broker was closed, or it hangs).
 */
export const MOVE_TASK_STALE_MS = 30_000;

/** The process running tasks here: the store is shared by processes on one host (SQLite). */
export interface RunnerIdentity {
  readonly host: string;
  readonly pid: number;
}

export const thisProcess: RunnerIdentity = { host: hostname(), pid: process.pid };

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function describeRunner(runner: MoveTaskRunnerRecord): string {
  return `process ${runner.pid} on ${runner.host}`;
}

/**
 * Why a RUNNING task has no live runner, or undefined while it may still be running: its runner
 * process on this host has exited, or its heartbeat is older than `MOVE_TASK_STALE_MS`.
 */
export function staleReason(
  task: MoveTaskRecord,
  now: number,
  self: RunnerIdentity = thisProcess,
): string | undefined {
  if (task.status !== MoveTaskStatus.RUNNING) return undefined;
  const runner = task.runner;
  if (runner === undefined) {
    // Saved before tasks recorded their runner: only its age tells.
    return now - task.startedTimestamp > MOVE_TASK_STALE_MS
      ? 'the task has no recorded runner and is older than the stale limit'
      : undefined;
  }
  const sameProcess = runner.host === self.host && runner.pid === self.pid;
  if (runner.host === self.host && !sameProcess && !processExists(runner.pid)) {
    return `its runner, ${describeRunner(runner)}, has exited`;
  }
  const silentMs = now - runner.heartbeatTimestamp;
  if (silentMs > MOVE_TASK_STALE_MS) {
    return `its runner, ${describeRunner(runner)}, has not reported progress for ${Math.round(silentMs / 1000)} s`;
  }
  return undefined;
}

/** The public snapshot without the runner bookkeeping. */
export function toMoveTask(record: MoveTaskRecord) {
  const { runner: _runner, ...task } = record;
  return task;
}
