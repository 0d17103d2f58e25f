import type { QueueRow } from '../data/queueOverview.js';
import type { TopicRow } from '../data/topicOverview.js';
import { fanoutGraph } from './fanoutGraph.js';
import { html, type SafeHtml } from './html.js';
import { type PageContext, page } from './layout.js';
import { queueHref } from './queuesPage.js';

function topicSection(ctx: PageContext, topic: TopicRow): SafeHtml {
  return html`<section class="topic" aria-label="Topic ${topic.name}">
<h3>${topic.name}</h3>
<p><code class="arn">${topic.arn}</code> · SSE ${topic.kmsMasterKeyId === undefined ? 'off' : html`<code>${topic.kmsMasterKeyId}</code>`}${topic.fifo ? ' · FIFO' : ''}</p>
<div class="table-wrap">
<table>
<caption>Subscriptions of ${topic.name}</caption>
<thead><tr><th scope="col">Queue</th><th scope="col">Filter policy</th><th scope="col">Scope</th><th scope="col">Raw delivery</th></tr></thead>
<tbody>${
    topic.subscriptions.length === 0
      ? html`<tr><td colspan="4">No subscriptions.</td></tr>`
      : topic.subscriptions.map(
          (subscription) => html`<tr>
<th scope="row"><a href="${queueHref(ctx, subscription.queueName)}">${subscription.queueName}</a></th>
<td>${subscription.filterPolicy === undefined ? html`<span class="muted">all messages</span>` : html`<pre class="policy">${JSON.stringify(subscription.filterPolicy, null, 2)}</pre>`}</td>
<td>${subscription.filterPolicyScope}</td>
<td>${subscription.rawMessageDelivery ? 'yes' : 'no'}</td>
</tr>`,
        )
  }</tbody>
</table>
</div>
</section>`;
}

export function topicsPage(
  ctx: PageContext,
  topics: readonly TopicRow[],
  queues: readonly QueueRow[],
): SafeHtml {
  const graph = fanoutGraph({ topics, queues, queueHref: (name) => queueHref(ctx, name) });
  return page(ctx, {
    title: 'Topics',
    section: 'topics',
    body: html`<section aria-labelledby="graph-heading">
<h2 id="graph-heading">Fanout</h2>
${topics.length === 0 ? html`<p>No topics yet. Create one with <code>sealbus topic create NAME</code> and subscribe a queue with <code>sealbus topic subscribe NAME QUEUE</code>.</p>` : html`<figure class="graph"><div class="graph-scroll" tabindex="0" role="region" aria-label="Fanout graph, scrollable">${graph}</div><figcaption>Each topic delivers to its subscribed queues (edge labels name filter-policy attributes); each queue dead-letters to its DLQ. The tables below list the same in text.</figcaption></figure>`}
</section>
<section aria-labelledby="topics-heading">
<h2 id="topics-heading">Subscriptions</h2>
${topics.map((topic) => topicSection(ctx, topic))}
</section>`,
  });
}
