import type { QueueRow, SseSetting } from '../data/queueOverview.js';
import { formatAge, formatCount } from './format.js';
import { html, type SafeHtml } from './html.js';
import { liveSwitch, type PageContext, page } from './layout.js';

export function queueHref(ctx: PageContext, name: string): string {
  return `${ctx.basePath}/queues/${encodeURIComponent(name)}`;
}

export function sseLabel(sse: SseSetting): SafeHtml {
  switch (sse.kind) {
    case 'kms':
      return html`<span class="badge badge-sealed">SSE-KMS</span> <code>${sse.keyId}</code>`;
    case 'sqs':
      return html`<span class="badge badge-sealed">SSE-SQS</span>`;
    default:
      return html`<span class="badge badge-plain">none</span>`;
  }
}

export function queueRows(ctx: PageContext, rows: readonly QueueRow[], nowMs: number): SafeHtml {
  if (rows.length === 0) {
    return html`<tr><td colspan="7">No queues yet. Create one with <code>sealbus queue create NAME</code>.</td></tr>`;
  }
  return html`${rows.map(
    (row) => html`<tr data-queue="${row.name}">
<th scope="row"><a href="${queueHref(ctx, row.name)}">${row.name}</a>${row.sourceQueueNames.length > 0 ? html` <span class="badge">DLQ</span>` : ''}</th>
<td class="num" data-col="visible">${formatCount(row.visible)}</td>
<td class="num" data-col="in-flight">${formatCount(row.inFlight)}</td>
<td class="num" data-col="delayed">${formatCount(row.delayed)}</td>
<td class="num" data-col="oldest">${row.oldestSentTimestamp === undefined ? '–' : formatAge(nowMs - row.oldestSentTimestamp)}</td>
<td data-col="dlq">${
      row.deadLetterQueue === undefined
        ? '–'
        : html`<a href="${queueHref(ctx, row.deadLetterQueue.name)}">${row.deadLetterQueue.name}</a>: <span class="num" data-col="dlq-depth">${formatCount(row.deadLetterQueue.visible)}</span>`
    }</td>
<td data-col="sse">${sseLabel(row.sse)}</td>
</tr>`,
  )}`;
}

export function queuesPage(ctx: PageContext, rows: readonly QueueRow[], nowMs: number): SafeHtml {
  return page(ctx, {
    title: 'Queues',
    section: 'queues',
    body: html`${liveSwitch()}
<div class="table-wrap">
<table>
<caption>Depth, age and encryption of every queue</caption>
<thead><tr>
<th scope="col">Queue</th><th scope="col" class="num">Visible</th><th scope="col" class="num">In flight</th>
<th scope="col" class="num">Delayed</th><th scope="col" class="num">Oldest</th>
<th scope="col">Dead-letter queue: depth</th><th scope="col">SSE key</th>
</tr></thead>
<tbody id="queue-rows" data-live hx-get="${ctx.basePath}/queues?part=rows" hx-trigger="refresh" hx-swap="innerHTML">
${queueRows(ctx, rows, nowMs)}
</tbody>
</table>
</div>`,
  });
}
