import type { MoveTask } from '@sealbus/core';
import { moveProgress } from '../data/deadLetterQueues.js';
import { formatCount } from './format.js';
import { html, type SafeHtml } from './html.js';
import { csrfField, type PageContext } from './layout.js';
import { queueHref } from './queuesPage.js';

/** Progress of the newest move task out of a DLQ; refreshed in place while live refresh is on. */
export function moveTaskStatus(
  ctx: PageContext,
  queueName: string,
  task: MoveTask | undefined,
): SafeHtml {
  const attributes = html`class="move-task" data-live hx-get="${queueHref(ctx, queueName)}/move-task" hx-trigger="refresh" hx-swap="outerHTML"`;
  if (task === undefined) return html`<div ${attributes}><span>No redrive yet</span></div>`;
  const percent = Math.round(moveProgress(task) * 100);
  const toMove = task.approximateNumberOfMessagesToMove;
  return html`<div ${attributes}>
<progress max="100" value="${percent}" aria-label="Redrive of ${queueName}: ${percent}%">${percent}%</progress>
<span class="move-text">${task.status}: ${formatCount(task.approximateNumberOfMessagesMoved)}${toMove === undefined ? '' : html` of ${formatCount(toMove)}`} moved${task.failureReason === undefined ? '' : html` (${task.failureReason})`}</span>
</div>`;
}

/** The redrive button: a CSRF-protected POST that starts a move task back to the source queues. */
export function redriveForm(ctx: PageContext, queueName: string): SafeHtml {
  const action = `${queueHref(ctx, queueName)}/redrive`;
  return html`<form class="redrive" method="post" action="${action}" hx-post="${action}" hx-target="#status" hx-swap="innerHTML">
${csrfField(ctx)}
<label>Max messages/s <input type="number" name="maxPerSecond" min="1" max="500" inputmode="numeric" placeholder="no limit"></label>
<button type="submit">Redrive ${queueName} to source</button>
</form>`;
}
