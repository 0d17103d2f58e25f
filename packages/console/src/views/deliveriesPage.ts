import type { DeliveryFilter, ListedDelivery } from '../data/recordedDeliveries.js';
import { formatTime } from './format.js';
import { html, type SafeHtml } from './html.js';
import { type PageContext, page } from './layout.js';

/** At most this many deliveries on one page, newest first (each may carry a 256 KiB body). */
export const DELIVERIES_PAGE_ROWS = 100;

function bodyCell(delivery: ListedDelivery): SafeHtml {
  if (delivery.withheld !== undefined) {
    return html`<span class="muted" title="${delivery.withheld.message}">withheld: ${delivery.withheld.code}</span>`;
  }
  return html`<pre class="body">${delivery.body}</pre>`;
}

/**
 * The deliveries the brokers recorded instead of sending (email, SMS, and whichever protocols
 * record), newest first, each naming its region. Protocol and kind are shown as recorded.
 */
export function deliveriesPage(
  ctx: PageContext,
  deliveries: readonly ListedDelivery[],
  regions: readonly string[],
  filter: DeliveryFilter,
): SafeHtml {
  const shown = deliveries.slice(-DELIVERIES_PAGE_ROWS).reverse();
  const withheld = deliveries.filter((delivery) => delivery.withheld !== undefined).length;
  return page(ctx, {
    title: 'Recorded deliveries',
    section: 'deliveries',
    body: html`<section aria-labelledby="deliveries-heading">
<h2 id="deliveries-heading">Recorded deliveries</h2>
<p>Messages SNS would have sent by email, SMS and other non-HTTP protocols, kept in this process's memory instead (never on disk); they are gone when it stops. The body of an encrypted topic's message shows only if ${ctx.principal} may <code>kms:Decrypt</code> with the topic's key (each check is in the KMS audit log).</p>
<form class="filters" method="get" action="${ctx.basePath}/deliveries">
<label>Endpoint <input type="text" name="endpoint" value="${filter.endpoint ?? ''}" placeholder="all endpoints" maxlength="2048"></label>
<label>Region <select name="region"><option value="">all regions</option>${regions.map((region) => html`<option${region === filter.region ? ' selected' : ''}>${region}</option>`)}</select></label>
<button type="submit">Filter</button>
</form>
<div class="table-wrap">
<table class="deliveries">
<caption>${deliveries.length === 0 ? 'No' : shown.length < deliveries.length ? `The newest ${shown.length} of ${deliveries.length}` : deliveries.length} recorded ${deliveries.length === 1 ? 'delivery' : 'deliveries'}${filter.endpoint === undefined ? '' : html` to <code>${filter.endpoint}</code>`}${filter.region === undefined ? '' : html` in ${filter.region}`}, newest first${withheld === 0 ? '' : `, ${withheld} with the body withheld`}</caption>
<thead><tr><th scope="col">Time</th><th scope="col">Region</th><th scope="col">Protocol</th><th scope="col">Endpoint</th><th scope="col">Topic</th><th scope="col">Kind</th><th scope="col">Body</th></tr></thead>
<tbody>${
      shown.length === 0
        ? html`<tr><td colspan="7">Nothing recorded${filter.endpoint === undefined ? '' : ' to this endpoint'}. Subscribe an email address or phone number to a topic and publish; recorded deliveries live in the process that published (the gateway), so a console started on its own shows only its own.</td></tr>`
        : shown.map(
            (delivery) => html`<tr>
<td>${formatTime(delivery.timestamp)}</td>
<td>${delivery.region}</td>
<td>${delivery.protocol}</td>
<td><code>${delivery.endpoint}</code></td>
<td><code class="arn">${delivery.topicArn}</code></td>
<td>${delivery.kind}</td>
<td class="body-cell">${bodyCell(delivery)}</td>
</tr>`,
          )
    }</tbody>
</table>
</div>
</section>`,
  });
}
