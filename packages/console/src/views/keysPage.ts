import type { AuditEntry, PolicyStatement } from '@sealbus/kms-local';
import type { KeyRow } from '../data/keyInventory.js';
import type { KmsActivity } from '../data/kmsActivity.js';
import { formatCount, formatTime, shortKeyId } from './format.js';
import { html, jsonScript, type SafeHtml } from './html.js';
import { type PageContext, page } from './layout.js';

export interface AuditFilter {
  keyArn?: string;
  operation?: string;
}

export const AUDIT_OPERATIONS = [
  'GenerateDataKey',
  'Decrypt',
  'Encrypt',
  'ReEncrypt',
  'DescribeKey',
  'CreateKey',
  'CreateAlias',
  'PutKeyPolicy',
  'EnableKey',
  'DisableKey',
  'ScheduleKeyDeletion',
] as const;

function statementLine(statement: PolicyStatement): SafeHtml {
  return html`<li><span class="badge ${statement.effect === 'Deny' ? 'badge-deny' : 'badge-allow'}">${statement.effect}</span> ${statement.principals.join(', ')} → <code>${statement.actions.join(', ')}</code></li>`;
}

function keyRows(rows: readonly KeyRow[]): SafeHtml {
  if (rows.length === 0) return html`<tr><td colspan="6">No keys yet.</td></tr>`;
  return html`${rows.map(
    (row) => html`<tr>
<th scope="row">${row.aliases.length === 0 ? html`<span class="muted">no alias</span>` : row.aliases.map((alias) => html`<code>${alias}</code><br>`)}<code class="arn">${row.metadata.arn}</code><br><span class="muted">${row.metadata.description}</span></th>
<td><span class="badge ${row.metadata.keyState === 'Enabled' ? 'badge-allow' : 'badge-deny'}">${row.metadata.keyState}</span></td>
<td>${row.metadata.keyManager}<br><span class="muted key-kind">${row.metadata.keySpec} · ${row.metadata.keyUsage}</span></td>
<td>${row.rotationEnabled ? html`every ${row.rotationPeriodInDays} days${row.nextRotationDate === undefined ? '' : html`<br><span class="muted">next ${formatTime(row.nextRotationDate.getTime())}</span>`}` : 'off'}</td>
<td><ul class="policy-lines">${row.statements.map(statementLine)}</ul></td>
<td>${row.consoleMayDecrypt ? html`<span class="badge badge-allow">allowed</span>` : html`<span class="badge badge-deny">denied</span>`}</td>
</tr>`,
  )}`;
}

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
  return html`<section aria-labelledby="activity-heading">
<h2 id="activity-heading">KMS calls over time</h2>
<p>Calls per ${activity.bucketSeconds}s from the audit log, against the SSE cost formula (SQS <code>R = B/D × (2P + C)</code>, SNS <code>R = B/D × 2P</code>) with P and C the principals seen in the window.</p>
<div id="kms-chart" class="chart" role="img" aria-label="Chart of KMS calls per ${activity.bucketSeconds} seconds: ${activity.dataKeyCalls} data-key calls over ${activity.windowSeconds} seconds, cost formula ${activity.formulaRequests} requests"></div>
${jsonScript('kms-chart-data', chartData)}
<div class="table-wrap">
<table>
<caption>Cost formula over the last ${activity.windowSeconds}s: ${formatCount(activity.formulaRequests)} requests (≈ $${activity.formulaCostUsd.toFixed(6)}); actual data-key calls: ${formatCount(activity.dataKeyCalls)}, refused calls: ${formatCount(activity.refused.reduce((sum, n) => sum + n, 0))}</caption>
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

function auditSection(
  ctx: PageContext,
  keys: readonly KeyRow[],
  entries: readonly AuditEntry[],
  filter: AuditFilter,
): SafeHtml {
  const newestFirst = [...entries].reverse();
  return html`<section aria-labelledby="audit-heading">
<h2 id="audit-heading">Audit log</h2>
<form class="filters" method="get" action="${ctx.basePath}/keys">
<label>Key <select name="keyArn"><option value="">all keys</option>${keys.map((key) => html`<option value="${key.metadata.arn}"${key.metadata.arn === filter.keyArn ? ' selected' : ''}>${key.aliases[0] ?? shortKeyId(key.metadata.arn)}</option>`)}</select></label>
<label>Operation <select name="operation"><option value="">all operations</option>${AUDIT_OPERATIONS.map((operation) => html`<option${operation === filter.operation ? ' selected' : ''}>${operation}</option>`)}</select></label>
<button type="submit">Filter</button>
</form>
<div class="table-wrap">
<table class="audit">
<caption>The ${newestFirst.length} most recent KMS calls${filter.keyArn === undefined ? '' : ' on the chosen key'}, newest first</caption>
<thead><tr><th scope="col">Time</th><th scope="col">Operation</th><th scope="col">Principal</th><th scope="col">Key</th><th scope="col">Encryption context</th><th scope="col">Result</th></tr></thead>
<tbody>${
    newestFirst.length === 0
      ? html`<tr><td colspan="6">No calls recorded.</td></tr>`
      : newestFirst.map(
          (entry) => html`<tr data-operation="${entry.operation}">
<td>${formatTime(entry.eventTime.getTime())}</td>
<th scope="row">${entry.operation}</th>
<td><code>${entry.principal}</code></td>
<td>${entry.keyArn === undefined ? '–' : html`<code title="${entry.keyArn}">${shortKeyId(entry.keyArn)}</code>`}</td>
<td>${entry.encryptionContext === undefined ? '–' : Object.entries(entry.encryptionContext).map(([k, v]) => html`<code>${k}=${v}</code> `)}</td>
<td>${entry.result === 'ok' ? html`<span class="badge badge-allow">ok</span>` : html`<span class="badge badge-deny">${entry.errorCode ?? 'error'}</span>`}</td>
</tr>`,
        )
  }</tbody>
</table>
</div>
</section>`;
}

export function keysPage(
  ctx: PageContext,
  data: { keys: KeyRow[]; activity: KmsActivity; audit: AuditEntry[]; filter: AuditFilter },
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
