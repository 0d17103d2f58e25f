import type { PolicyStatement } from '@sealbus/kms-local';
import type { ConsoleDecrypt, KeyRow } from '../data/keyInventory.js';
import type { KmsActivity } from '../data/kmsActivity.js';
import { type AuditFilter, type AuditPage, auditSection } from './auditLog.js';
import { formatAge, formatCount, formatTime } from './format.js';
import { html, jsonScript, type SafeHtml } from './html.js';
import { type PageContext, page } from './layout.js';

function statementLine(statement: PolicyStatement): SafeHtml {
  return html`<li><span class="badge ${statement.effect === 'Deny' ? 'badge-deny' : 'badge-allow'}">${statement.effect}</span> ${statement.principals.join(', ')} → <code>${statement.actions.join(', ')}</code></li>`;
}

function consoleDecryptCell(decrypt: ConsoleDecrypt): SafeHtml {
  switch (decrypt.kind) {
    case 'allowed':
      return html`<span class="badge badge-allow">allowed</span>`;
    case 'deniedByPolicy':
      return html`<span class="badge badge-deny">denied</span><br><span class="muted">by the key policy</span>`;
    default:
      return html`<span class="badge badge-deny">refused</span><br><span class="muted">the key is ${decrypt.keyState}</span>`;
  }
}

function keyRows(rows: readonly KeyRow[]): SafeHtml {
  if (rows.length === 0) {
    return html`<tr><td colspan="6">No keys yet. Create one with <code>sealbus keys create --alias alias/NAME</code>.</td></tr>`;
  }
  return html`${rows.map(
    (row) => html`<tr data-key="${row.metadata.keyId}">
<th scope="row">${row.aliases.length === 0 ? html`<span class="muted">no alias</span>` : row.aliases.map((alias) => html`<code>${alias}</code><br>`)}<code class="arn">${row.metadata.arn}</code><br><span class="muted">${row.metadata.description}</span></th>
<td data-col="state"><span class="badge ${row.metadata.keyState === 'Enabled' ? 'badge-allow' : 'badge-deny'}">${row.metadata.keyState}</span></td>
<td>${row.metadata.keyManager}<br><span class="muted key-kind">${row.metadata.keySpec} · ${row.metadata.keyUsage}</span></td>
<td>${row.rotationEnabled ? html`every ${row.rotationPeriodInDays} days${row.nextRotationDate === undefined ? '' : html`<br><span class="muted">next ${formatTime(row.nextRotationDate.getTime())}</span>`}` : 'off'}</td>
<td><ul class="policy-lines">${row.statements.map(statementLine)}</ul></td>
<td data-col="console-decrypt">${consoleDecryptCell(row.consoleDecrypt)}</td>
</tr>`,
  )}`;
}

function total(series: readonly number[]): number {
  return series.reduce((sum, n) => sum + n, 0);
}

/**
 * Two charts, each on its own scale: data-key calls against the cost formula, and the calls that
 * are no data keys (refusals, management calls). Refusals can outnumber data-key calls a
 * hundredfold; on one scale they flatten the lines the page is about.
 */
function activitySection(activity: KmsActivity): SafeHtml {
  const chartData = {
    times: activity.times,
    generateDataKey: activity.generateDataKey,
    decrypt: activity.decrypt,
    other: activity.other,
    refused: activity.refused,
    formula: activity.times.map(() => Number(activity.formulaPerBucket.toFixed(3))),
    bucketSeconds: activity.bucketSeconds,
  };
  const refused = total(activity.refused);
  const other = total(activity.other);
  return html`<section aria-labelledby="activity-heading">
<h2 id="activity-heading">KMS calls over time</h2>
<p>From the audit log, over the last ${formatAge(activity.windowSeconds * 1000)}, against the SSE cost formula (SQS <code>R = B/D × (2P + C)</code>, SNS <code>R = B/D × 2P</code>) with P and C the principals seen in the window.</p>
<dl class="counters" data-col="kms-totals">
<div><dt>GenerateDataKey</dt><dd data-col="generate-data-key">${formatCount(total(activity.generateDataKey))}</dd></div>
<div><dt>Decrypt</dt><dd data-col="decrypt">${formatCount(total(activity.decrypt))}</dd></div>
<div><dt>Cost formula</dt><dd data-col="formula">${formatCount(activity.formulaRequests)}</dd></div>
<div><dt>Refused</dt><dd data-col="refused">${formatCount(refused)}</dd></div>
<div><dt>Other calls</dt><dd data-col="other">${formatCount(other)}</dd></div>
</dl>
<div class="charts">
<figure class="chart-panel">
<figcaption>Data-key calls per ${activity.bucketSeconds}s and the cost formula</figcaption>
<div id="kms-chart" class="chart" role="img" aria-label="Chart of data-key calls per ${activity.bucketSeconds} seconds: ${activity.dataKeyCalls} GenerateDataKey and Decrypt calls over ${activity.windowSeconds} seconds; the cost formula expects ${activity.formulaRequests}"></div>
</figure>
<figure class="chart-panel">
<figcaption>Refused and other KMS calls per ${activity.bucketSeconds}s (own scale)</figcaption>
<div id="kms-chart-other" class="chart" role="img" aria-label="Chart of refused and other KMS calls per ${activity.bucketSeconds} seconds: ${refused} refused, ${other} other"></div>
</figure>
</div>
${jsonScript('kms-chart-data', chartData)}
<div class="table-wrap">
<table>
<caption>Cost formula per resource over the last ${activity.windowSeconds}s: ${formatCount(activity.formulaRequests)} requests (≈ $${activity.formulaCostUsd.toFixed(6)}); actual data-key calls: ${formatCount(activity.dataKeyCalls)}</caption>
<thead><tr><th scope="col">Resource</th><th scope="col" class="num">D (s)</th><th scope="col" class="num">P</th><th scope="col" class="num">C</th><th scope="col" class="num">Formula requests</th></tr></thead>
<tbody>${
    activity.resources.length === 0
      ? html`<tr><td colspan="5">No data-key calls in the window.</td></tr>`
      : activity.resources.map(
          (resource) =>
            html`<tr><th scope="row">${resource.kind} ${resource.name}</th><td class="num">${resource.reusePeriodSeconds}</td><td class="num">${resource.producers}</td><td class="num">${resource.kind === 'queue' ? resource.consumers : '–'}</td><td class="num">${formatCount(resource.requests)}</td></tr>`,
        )
  }</tbody>
</table>
</div>
</section>`;
}

export function keysPage(
  ctx: PageContext,
  data: { keys: KeyRow[]; activity: KmsActivity; audit: AuditPage; filter: AuditFilter },
): SafeHtml {
  return page(ctx, {
    title: 'Keys & audit',
    section: 'keys',
    chart: true,
    body: html`<section aria-labelledby="keys-heading">
<h2 id="keys-heading">Keys</h2>
<div class="table-wrap">
<table>
<caption>KMS keys, their state, rotation and key-policy principals</caption>
<thead><tr><th scope="col">Key</th><th scope="col">State</th><th scope="col">Manager, spec, usage</th><th scope="col">Rotation</th><th scope="col">Policy principals</th><th scope="col">Console decrypt</th></tr></thead>
<tbody>${keyRows(data.keys)}</tbody>
</table>
</div>
</section>
${activitySection(data.activity)}
${auditSection(ctx, data.keys, data.audit, data.filter)}`,
  });
}
