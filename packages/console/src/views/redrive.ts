import { type MoveTask, MoveTaskStatus } from '@sealbus/core';
import { moveProgress } from '../data/deadLetterQueues.js';
import { formatCount } from './format.js';
import { html, type SafeHtml } from './html.js';
import { csrfField, type PageContext } from './layout.js';
import { queueHref } from './queuesPage.js';

/** What the redrive panel of one dead-letter queue shows. */
export interface RedriveState {
  queueName: string;
  /** Visible messages in the DLQ: what a new redrive would move. */
  visible: number;
  /**
   * The newest move task out of the DLQ, as the broker reports it: a RUNNING task whose runner
   * died is FAILED there, with the reason, so the panel needs no liveness check of its own.
   */
  task?: MoveTask;
}

export function redriveState(
  queueName: string,
  visible: number,
  task: MoveTask | undefined,
): RedriveState {
  return task === undefined ? { queueName, visible } : { queueName, visible, task };
}

function progressLine(task: MoveTask): SafeHtml {
  const toMove = task.approximateNumberOfMessagesToMove;
  if (task.status === MoveTaskStatus.COMPLETED && (toMove ?? 0) === 0) {
    return html`<span class="move-text">${task.status}: nothing to move, the queue was empty</span>`;
  }
  const percent = Math.round(moveProgress(task) * 100);
  const ended = task.status !== MoveTaskStatus.RUNNING && task.status !== MoveTaskStatus.COMPLETED;
  return html`<progress${ended ? html` class="ended"` : ''} max="100" value="${percent}" aria-label="Redrive: ${percent}%">${percent}%</progress>
<span class="move-text">${task.status}: ${formatCount(task.approximateNumberOfMessagesMoved)}${toMove === undefined ? '' : html` of ${formatCount(toMove)}`} moved${task.failureReason === undefined ? '' : html` (${task.failureReason})`}</span>`;
}

function cancelForm(ctx: PageContext, queueName: string, task: MoveTask): SafeHtml {
  const action = `${queueHref(ctx, queueName)}/move-task/cancel`;
  return html`<form class="redrive" method="post" action="${action}" hx-post="${action}" hx-target="#status" hx-swap="innerHTML">
${csrfField(ctx)}<input type="hidden" name="taskHandle" value="${task.taskHandle}">
<button type="submit" class="secondary">Cancel redrive<span class="visually-hidden"> of ${queueName}</span></button>
</form>`;
}

/** The redrive button: a CSRF-protected POST that starts a move task back to the source queues. */
function redriveForm(ctx: PageContext, queueName: string, withRate: boolean): SafeHtml {
  const action = `${queueHref(ctx, queueName)}/redrive`;
  return html`<form class="redrive" method="post" action="${action}" hx-post="${action}" hx-target="#status" hx-swap="innerHTML">
${csrfField(ctx)}
${withRate ? html`<label>Max messages/s <input type="number" name="maxPerSecond" min="1" max="500" inputmode="numeric" placeholder="no limit"></label>` : ''}
<button type="submit">Redrive<span${withRate ? '' : html` class="visually-hidden"`}> ${queueName} to source</span></button>
</form>`;
}

/**
 * The newest redrive of a DLQ and what can be done next: cancel a RUNNING task, start a redrive when there is something to move, or nothing at all for an
 * empty queue. The queue page's panel refreshes itself (`live`) and offers a rate limit; the DLQ
 * list's panels sit in rows that refresh as a whole.
 */
export function redrivePanel(
  ctx: PageContext,
  state: RedriveState,
  options: { live: boolean; withRate: boolean },
): SafeHtml {
  const { queueName, task } = state;
  const live = options.live
    ? html` data-live hx-get="${queueHref(ctx, queueName)}/move-task" hx-trigger="refresh" hx-swap="outerHTML"`
    : '';
  const running = task?.status === MoveTaskStatus.RUNNING;
  const action = running
    ? cancelForm(ctx, queueName, task)
    : state.visible === 0
      ? html`<span class="muted">Nothing to redrive: ${queueName} is empty.</span>`
      : redriveForm(ctx, queueName, options.withRate);
  return html`<div class="redrive-panel move-task"${live}>
<div class="move-status">${task === undefined ? html`<span>No redrive yet</span>` : progressLine(task)}</div>
${action}
</div>`;
}
