import { MoveTaskStatus } from '@sealbus/core';
import type { EngineContext } from '../engine/EngineContext.js';
import type { MoveRequest, MoveResult, MoveTaskRecord } from '../store/MessageStore.js';
import { orThrow } from '../store/storeMissError.js';
import { thisProcess } from './moveTaskLiveness.js';

/** Without a rate, a task moves this many messages per store call and yields between calls. */
const UNLIMITED_BATCH_SIZE = 500;
const RATE_WINDOW_MS = 1000;

/**
 * Runs message move tasks in the background: each tick moves one batch (atomic in the store),
 * saves the task's progress and schedules the next tick, one second later for a rated task.
 * A task stops when the source is drained, when its stored status leaves RUNNING (cancelled,
 * possibly by another process) or when the broker closes. Every save carries this process as the
 * task's runner with a heartbeat, so other processes can tell when the runner is gone.
 */
export class MoveTaskRunner {
  readonly #ctx: EngineContext;
  readonly #timers = new Map<string, NodeJS.Timeout>();
  /** Ticks in progress, awaited by `stopAll` so nothing touches the store after close. */
  readonly #ticks = new Set<Promise<void>>();

  constructor(ctx: EngineContext) {
    this.#ctx = ctx;
  }

  /** The task as this process saves it when it takes it on: itself as runner, beating now. */
  claim(task: MoveTaskRecord): MoveTaskRecord {
    return { ...task, runner: this.#runner() };
  }

  start(task: MoveTaskRecord, request: MoveRequest): void {
    this.#schedule(task.taskHandle, request, 0);
  }

  /** Stops the local loop of a task (its stored status is the caller's business). */
  stop(taskHandle: string): void {
    clearTimeout(this.#timers.get(taskHandle));
    this.#timers.delete(taskHandle);
  }

  /** Stops every task loop and waits for ticks already running. */
  async stopAll(): Promise<void> {
    for (const handle of [...this.#timers.keys()]) this.stop(handle);
    await Promise.all(this.#ticks);
  }

  #runner() {
    return { ...thisProcess, heartbeatTimestamp: this.#ctx.clock.now() };
  }

  #schedule(taskHandle: string, request: MoveRequest, delayMs: number): void {
    const timer = setTimeout(() => {
      this.#timers.delete(taskHandle);
      const tick = this.#tick(taskHandle, request)
        .catch((error: unknown) => {
          this.#ctx.logger.error({ err: error, taskHandle }, 'message move task tick failed');
        })
        .finally(() => this.#ticks.delete(tick));
      this.#ticks.add(tick);
    }, delayMs);
    this.#timers.set(taskHandle, timer);
  }

  async #tick(taskHandle: string, request: MoveRequest): Promise<void> {
    if (this.#ctx.closeSignal.aborted) return;
    const task = await this.#ctx.store.getMoveTask(taskHandle);
    if (task === undefined || task.status !== MoveTaskStatus.RUNNING) return;
    let progress: MoveResult;
    try {
      // A miss (the source, or a message's destination, is gone) fails the task like an error.
      progress = orThrow(await this.#ctx.store.moveMessages(request, this.#ctx.clock.now()));
    } catch (error) {
      const failureReason = error instanceof Error ? error.message : String(error);
      await this.#ctx.store.saveMoveTask({ ...task, status: MoveTaskStatus.FAILED, failureReason });
      this.#ctx.logger.warn(
        { taskHandle, sourceArn: task.sourceArn, failureReason },
        'message move task failed',
      );
      return;
    }
    this.#ctx.metrics.count('moved', progress.moved, { queue: request.sourceQueueName });
    // Re-read so a cancel that landed during the move is not overwritten.
    const current = await this.#ctx.store.getMoveTask(taskHandle);
    if (current === undefined) return;
    const moved = current.approximateNumberOfMessagesMoved + progress.moved;
    const done = progress.remaining === 0 || progress.moved === 0;
    const status =
      current.status === MoveTaskStatus.RUNNING && done ? MoveTaskStatus.COMPLETED : current.status;
    await this.#ctx.store.saveMoveTask({
      ...current,
      status,
      approximateNumberOfMessagesMoved: moved,
      runner: this.#runner(),
    });
    if (status === MoveTaskStatus.COMPLETED) {
      this.#ctx.logger.info(
        { taskHandle, sourceArn: task.sourceArn, moved },
        'message move task completed',
      );
    }
    if (status === MoveTaskStatus.RUNNING && !this.#ctx.closeSignal.aborted) {
      this.#schedule(taskHandle, request, task.maxNumberOfMessagesPerSecond ? RATE_WINDOW_MS : 0);
    }
  }
}

/** Messages per tick: the rate per second, or a large batch when unlimited. */
export function moveBatchSize(maxPerSecond: number | undefined): number {
  return maxPerSecond ?? UNLIMITED_BATCH_SIZE;
}
