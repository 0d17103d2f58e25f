import { type MoveTask, MoveTaskStatus } from '@sealbus/core';

/**
 * A live move task moves a batch every tick (at most a second apart when rate-limited) or ends,
 * so this long without progress means its runner is gone: a task runs in the process that
 * started it, and that process exited or was interrupted without cancelling it.
 */
export const STALL_AFTER_MS = 15_000;
/** The watch forgets the oldest tasks beyond this many. */
const MAX_WATCHED = 1000;

/**
 * Remembers, per RUNNING task, when its moved count last changed, so the console can tell a task
 * that is moving from one whose runner died. It learns from what the console itself reads.
 */
export class MoveTaskWatch {
  readonly #seen = new Map<string, { moved: number; since: number }>();

  /** How long the task has shown no progress, or undefined when it is not RUNNING. */
  idleFor(task: MoveTask, nowMs: number): number | undefined {
    const { taskHandle, approximateNumberOfMessagesMoved: moved } = task;
    if (task.status !== MoveTaskStatus.RUNNING) {
      this.#seen.delete(taskHandle);
      return undefined;
    }
    let seen = this.#seen.get(taskHandle);
    if (seen === undefined || seen.moved !== moved) {
      // A task first seen with nothing moved has been idle since it started.
      const since = seen === undefined && moved === 0 ? task.startedTimestamp : nowMs;
      seen = { moved, since };
      this.#seen.delete(taskHandle);
      this.#seen.set(taskHandle, seen);
      if (this.#seen.size > MAX_WATCHED) this.#seen.delete(this.#seen.keys().next().value!);
    }
    return Math.max(0, nowMs - seen.since);
  }

  /** Whether the task is RUNNING without a runner (no progress for `STALL_AFTER_MS`). */
  isStalled(task: MoveTask, nowMs: number): boolean {
    return (this.idleFor(task, nowMs) ?? 0) >= STALL_AFTER_MS;
  }
}
