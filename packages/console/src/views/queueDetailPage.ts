import type { PeekedMessage } from '@sealbus/broker-engine';
import type { MessageAttributes } from '@sealbus/core';
import type { QueueRow } from '../data/queueOverview.js';
import { formatAge, formatCount, formatTime } from './format.js';
import { html, type SafeHtml } from './html.js';
import { csrfField, liveSwitch, type PageContext, page } from './layout.js';
import { queueHref, sseLabel } from './queuesPage.js';
import { type RedriveState, redrivePanel } from './redrive.js';

export interface QueueDetail {
  row: QueueRow;
  messages: PeekedMessage[];
  /** Set when the peek page is full: the cursor of the next page. */
  nextAfter?: string;
  /** Set for a dead-letter queue. */
  redrive?: RedriveState;
  /** Queues by ARN that dead-letter into others, with their `maxReceiveCount`. */
  deadLetterSources: ReadonlyMap<string, DeadLetterSource>;
  visibilityTimeoutSeconds: number;
  retentionSeconds: number;
}

export interface DeadLetterSource {
  name: string;
  maxReceiveCount: number;
}

/**
 * A dead-lettered message's receive count starts over in the DLQ; it left its source after
 * `maxReceiveCount` receives there, so both are shown, with the total.
 */
function receivesCell(message: PeekedMessage, source: DeadLetterSource | undefined): SafeHtml {
  if (message.deadLetterQueueSourceArn === undefined || source === undefined) {
    return html`<td class="num" data-col="receives">${message.receiveCount}</td>`;
  }
  return html`<td class="num" data-col="receives">${source.maxReceiveCount + message.receiveCount}<br><span class="muted nowrap">${source.maxReceiveCount} in source, ${message.receiveCount} here</span></td>`;
}

function sourceCell(
  ctx: PageContext,
  message: PeekedMessage,
  source: DeadLetterSource | undefined,
): SafeHtml {
  const arn = message.deadLetterQueueSourceArn;
  if (arn === undefined) return html`<td>–</td>`;
  if (source === undefined) return html`<td><code class="arn">${arn}</code></td>`;
  return html`<td><a href="${queueHref(ctx, source.name)}" title="${arn}">${source.name}</a></td>`;
}

function attributeList(attributes: MessageAttributes): SafeHtml {
  const names = Object.keys(attributes);
  if (names.length === 0) return html`<span class="muted">none</span>`;
  return html`<ul class="attrs">${names.map((name) => {
    const value = attributes[name]!;
    const shown =
      value.stringValue ??
      (value.binaryValue === undefined ? '' : `${value.binaryValue.byteLength} bytes`);
    return html`<li><code>${name}</code> (${value.dataType}) = <code>${shown}</code></li>`;
  })}</ul>`;
}

function messageState(message: PeekedMessage, nowMs: number): string {
  if (message.visibleAt <= nowMs) return 'visible';
  return message.receiveCount > 0 ? 'in flight' : 'delayed';
}

function messageRows(
  ctx: PageContext,
  queueName: string,
  detail: QueueDetail,
  nowMs: number,
): SafeHtml {
  const { messages } = detail;
  if (messages.length === 0) return html`<tr><td colspan="8">No messages stored.</td></tr>`;
  return html`${messages.map((message) => {
    const action = `${queueHref(ctx, queueName)}/messages/${encodeURIComponent(message.messageId)}/body`;
    const source =
      message.deadLetterQueueSourceArn === undefined
        ? undefined
        : detail.deadLetterSources.get(message.deadLetterQueueSourceArn);
    return html`<tr data-message-id="${message.messageId}">
<th scope="row"><code>${message.messageId}</code><br><span class="muted">${formatTime(message.sentTimestamp)} · ${formatAge(nowMs - message.sentTimestamp)} old</span></th>
<td>${messageState(message, nowMs)}</td>
${receivesCell(message, source)}
<td>${message.sealed ? html`<span class="badge badge-sealed">sealed</span>` : html`<span class="badge badge-plain">plain</span>`}</td>
<td>${message.keyArn === undefined ? '–' : html`<code class="arn">${message.keyArn}</code>`}${message.envelopeVersion === undefined ? '' : html`<br><span class="muted">envelope v${message.envelopeVersion}</span>`}</td>
<td>${attributeList(message.messageAttributes)}</td>
${sourceCell(ctx, message, source)}
<td class="body-cell"><form method="post" action="${action}" hx-post="${action}" hx-target="closest td" hx-swap="innerHTML">${csrfField(ctx)}<span class="muted">Body hidden.</span> <button type="submit">${message.sealed ? 'Decrypt' : 'Show body'}<span class="visually-hidden"> message ${message.messageId}</span></button></form></td>
</tr>`;
  })}`;
}

export function queueSummary(row: QueueRow, nowMs: number): SafeHtml {
  return html`<dl class="counters" data-col="summary">
<div><dt>Visible</dt><dd data-col="visible">${formatCount(row.visible)}</dd></div>
<div><dt>In flight</dt><dd data-col="in-flight">${formatCount(row.inFlight)}</dd></div>
<div><dt>Delayed</dt><dd data-col="delayed">${formatCount(row.delayed)}</dd></div>
<div><dt>Oldest</dt><dd data-col="oldest">${row.oldestSentTimestamp === undefined ? '–' : formatAge(nowMs - row.oldestSentTimestamp)}</dd></div>
</dl>`;
}

export function queueDetailPage(ctx: PageContext, detail: QueueDetail, nowMs: number): SafeHtml {
  const { row } = detail;
  const href = queueHref(ctx, row.name);
  const isDeadLetterQueue = row.sourceQueueNames.length > 0;
  return page(ctx, {
    title: row.name,
    section: isDeadLetterQueue ? 'dlqs' : 'queues',
    body: html`${liveSwitch()}
<section aria-labelledby="depth-heading">
<h2 id="depth-heading">Depth</h2>
<div data-live hx-get="${href}?part=summary" hx-trigger="refresh" hx-swap="innerHTML">${queueSummary(row, nowMs)}</div>
</section>
<section aria-labelledby="settings-heading">
<h2 id="settings-heading">Settings</h2>
<dl class="settings">
<dt>ARN</dt><dd><code class="arn">${row.arn}</code></dd>
<dt>SSE key</dt><dd>${sseLabel(row.sse)}</dd>
<dt>Visibility timeout</dt><dd>${detail.visibilityTimeoutSeconds}s</dd>
<dt>Retention</dt><dd>${formatAge(detail.retentionSeconds * 1000)}</dd>
<dt>Dead-letter queue</dt><dd>${row.deadLetterQueue === undefined ? 'none' : html`<a href="${queueHref(ctx, row.deadLetterQueue.name)}">${row.deadLetterQueue.name}</a> after ${row.redrivePolicy?.maxReceiveCount} receives`}</dd>
${isDeadLetterQueue ? html`<dt>Dead-letter queue of</dt><dd>${row.sourceQueueNames.map((name, i) => html`${i > 0 ? ', ' : ''}<a href="${queueHref(ctx, name)}">${name}</a>`)}</dd>` : ''}
</dl>
</section>
${
  isDeadLetterQueue && detail.redrive !== undefined
    ? html`<section aria-labelledby="redrive-heading">
<h2 id="redrive-heading">Redrive</h2>
<p>Moves every visible message back to the queue it was dead-lettered from, stored bytes untouched (sealed stays sealed).</p>
${detail.redrive === undefined ? '' : redrivePanel(ctx, detail.redrive, { live: true, withRate: true })}
</section>`
    : ''
}
<section aria-labelledby="messages-heading">
<h2 id="messages-heading">Messages</h2>
<p>Peeked as stored, oldest first, without changing visibility. Bodies stay hidden until you decrypt one: that is a KMS <code>Decrypt</code> call by <code>${ctx.principal}</code>, allowed or denied by the key policy and audited.</p>
<p><a href="${href}">Reload messages</a>${detail.nextAfter === undefined ? '' : html` · <a href="${href}?after=${encodeURIComponent(detail.nextAfter)}" rel="next">Next page</a>`}</p>
<div class="table-wrap">
<table class="messages">
<caption>Stored messages of ${row.name}</caption>
<thead><tr>
<th scope="col">Message</th><th scope="col">State</th><th scope="col" class="num">Receives</th><th scope="col">Body</th>
<th scope="col">Key ARN</th><th scope="col">Attributes</th><th scope="col">Dead-lettered from</th><th scope="col">Content</th>
</tr></thead>
<tbody>${messageRows(ctx, row.name, detail, nowMs)}</tbody>
</table>
</div>
</section>`,
  });
}

export function revealedBody(body: string, note: string): SafeHtml {
  return html`<p class="muted">${note}</p><pre class="body" tabindex="0">${body}</pre>`;
}

export function deniedBody(code: string, message: string): SafeHtml {
  return html`<p class="notice notice-error" role="alert"><strong>Decrypt denied (${code}).</strong> ${message}</p>`;
}

/** The answer to a decrypt without JavaScript: the result on a page of its own. */
export function messagePage(
  ctx: PageContext,
  queueName: string,
  messageId: string,
  result: SafeHtml,
): SafeHtml {
  return page(ctx, {
    title: `Message ${messageId}`,
    section: 'queues',
    body: html`<p>In <a href="${queueHref(ctx, queueName)}">${queueName}</a>.</p>${result}`,
  });
}
