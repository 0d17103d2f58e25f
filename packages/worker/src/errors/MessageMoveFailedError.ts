import { errorBase, type MoveTask } from '@sealbus/core';

export const MESSAGE_MOVE_FAILED_ERROR = 'Sealbus.MessageMoveFailed' as const;

/** A `startMessageMove` task that ended `FAILED` or `CANCELLED`. */
export class MessageMoveFailedError extends errorBase(MESSAGE_MOVE_FAILED_ERROR) {
  readonly task: MoveTask;

  constructor(task: MoveTask) {
    super(
      `Message move ${task.taskHandle} from ${task.sourceArn} ended ${task.status} after ${task.approximateNumberOfMessagesMoved} messages${task.failureReason === undefined ? '' : `: ${task.failureReason}`}. Fix the cause and start the move again; moved messages stay moved.`,
    );
    this.task = task;
  }
}
