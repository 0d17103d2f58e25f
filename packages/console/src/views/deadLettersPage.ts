import type { DeadLetterRow } from '../data/deadLetterQueues.js';
import { formatAge, formatCount } from './format.js';
import { html, type SafeHtml } from './html.js';
import { liveSwitch, type PageContext, page } from './layout.js';
import { queueHref } from './queuesPage.js';
import { moveTaskStatus, redriveForm } from './redrive.js';

export function deadLetterRows(
  ctx: PageContext,
  rows: readonly DeadLetterRow[],
  nowMs: number,
): SafeHtml {
  if (rows.length === 0) {
    return html`<tr><td colspan="5">No dead-letter queues: no queue has a RedrivePolicy.</td></tr>`;
  }
  return html`${rows.map(
    ({ queue, latestTask }) => html`<tr data-queue="${queue.name}">
<th scope="row"><a href="${queueHref(ctx, queue.name)}">${queue.name}</a></th>
<td class="num" data-col="visible">${formatCount(queue.visible)}</td>
<td class="num">${queue.oldestSentTimestamp === undefined ? '–' : formatAge(nowMs - queue.oldestSentTimestamp)}</td>
<td>${queue.sourceQueueNames.map((name, i) => html`${i > 0 ? ', ' : ''}<a href="${queueHref(ctx, name)}">${name}</a>`)}</td>
<td>${moveTaskStatus(ctx, queue.name, latestTask)}</td>
</tr>`,
  )}`;
}

export function deadLettersPage(
  ctx: PageContext,
  rows: readonly DeadLetterRow[],
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
<thead><tr><th scope="col">Dead-letter queue</th><th scope="col" class="num">Visible</th><th scope="col" class="num">Oldest</th><th scope="col">Sources</th><th scope="col">Latest redrive</th></tr></thead>
<tbody id="dlq-rows" data-live hx-get="${ctx.basePath}/dlqs?part=rows" hx-trigger="refresh" hx-swap="innerHTML">
${deadLetterRows(ctx, rows, nowMs)}
</tbody>
</table>
</div>
<h2>Redrive</h2>
<div class="redrive-list">${rows.map(({ queue }) => redriveForm(ctx, queue.name))}</div>`,
  });
}
