import type { QueueRow } from '../data/queueOverview.js';
import { formatAge, formatCount } from './format.js';
import { html, type SafeHtml } from './html.js';
import { liveSwitch, type PageContext, page } from './layout.js';
import { queueHref } from './queuesPage.js';
import { type RedriveState, redrivePanel } from './redrive.js';

/** A DLQ row: the queue and the state of its redrive. */
export interface DeadLetterView {
  queue: QueueRow;
  redrive: RedriveState;
}

export function deadLetterRows(
  ctx: PageContext,
  rows: readonly DeadLetterView[],
  nowMs: number,
): SafeHtml {
  if (rows.length === 0) {
    return html`<tr><td colspan="5">No dead-letter queues: no queue has a RedrivePolicy. Give one a DLQ with <code>sealbus queue create NAME --dlq NAME-dlq --max-receive-count 3</code>.</td></tr>`;
  }
  return html`${rows.map(
    ({ queue, redrive }) => html`<tr data-queue="${queue.name}">
<th scope="row"><a href="${queueHref(ctx, queue.name)}">${queue.name}</a></th>
<td class="num" data-col="visible">${formatCount(queue.visible)}</td>
<td class="num">${queue.oldestSentTimestamp === undefined ? '–' : formatAge(nowMs - queue.oldestSentTimestamp)}</td>
<td>${queue.sourceQueueNames.map((name, i) => html`${i > 0 ? ', ' : ''}<a href="${queueHref(ctx, name)}">${name}</a>`)}</td>
<td>${redrivePanel(ctx, redrive, { live: false, withRate: false })}</td>
</tr>`,
  )}`;
}

export function deadLettersPage(
  ctx: PageContext,
  rows: readonly DeadLetterView[],
  nowMs: number,
): SafeHtml {
  return page(ctx, {
    title: 'Dead-letter queues',
    section: 'dlqs',
    body: html`${liveSwitch()}
<p>Messages land here after their source queue's <code>maxReceiveCount</code>. A redrive is an SQS message move task back to each message's source queue; the stored bytes move untouched, so sealed messages stay sealed.</p>
<div class="table-wrap">
<table>
<caption>Dead-letter queues and their redrives</caption>
<thead><tr><th scope="col">Dead-letter queue</th><th scope="col" class="num">Visible</th><th scope="col" class="num">Oldest</th><th scope="col">Sources</th><th scope="col">Redrive</th></tr></thead>
<tbody id="dlq-rows" data-live hx-get="${ctx.basePath}/dlqs?part=rows" hx-trigger="refresh" hx-swap="innerHTML">
${deadLetterRows(ctx, rows, nowMs)}
</tbody>
</table>
</div>
<p class="muted">The queue page of each DLQ can limit a redrive's rate. From a terminal: <code>sealbus dlq redrive NAME</code>.</p>`,
  });
}
