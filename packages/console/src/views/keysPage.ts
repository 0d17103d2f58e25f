import type { AuditEntry, PolicyStatement } from '@sealbus/kms-local';
import type { ConsoleDecrypt, KeyRow } from '../data/keyInventory.js';
import type { KmsActivity } from '../data/kmsActivity.js';
import { formatAge, formatCount, formatTime, shortKeyId } from './format.js';
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
<td>${row.metadata.keyManager}</td>
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

/** Query string of an audit view: the filter, and the page cursor when there is one. */
function auditHref(ctx: PageContext, filter: AuditFilter, beforeId?: number): string {
  const query = new URLSearchParams();
  if (filter.keyArn !== undefined) query.set('keyArn', filter.keyArn);
  if (filter.operation !== undefined) query.set('operation', filter.operation);
  if (beforeId !== undefined) query.set('before', String(beforeId));
  const text = query.toString();
  return `${ctx.basePath}/keys${text === '' ? '' : `?${text}`}#audit-heading`;
}

function auditSection(
  ctx: PageContext,
  keys: readonly KeyRow[],
  audit: AuditPage,
  filter: AuditFilter,
): SafeHtml {
  const newestFirst = [...audit.entries].reverse();
  const oldest = audit.entries[0];
  const pager = html`<nav class="pager" aria-label="Audit log pages">${audit.beforeId === undefined ? '' : html`<a href="${auditHref(ctx, filter)}">Newest calls</a>`}${audit.hasOlder && oldest !== undefined ? html`<a href="${auditHref(ctx, filter, oldest.id)}" rel="next">Older calls</a>` : ''}</nav>`;
  return html`<section aria-labelledby="audit-heading">
<h2 id="audit-heading">Audit log</h2>
<form class="filters" method="get" action="${ctx.basePath}/keys#audit-heading">
<label>Key <select name="keyArn"><option value="">all keys</option>${keys.map((key) => html`<option value="${key.metadata.arn}"${key.metadata.arn === filter.keyArn ? ' selected' : ''}>${key.aliases[0] ?? shortKeyId(key.metadata.arn)}</option>`)}</select></label>
<label>Operation <select name="operation"><option value="">all operations</option>${AUDIT_OPERATIONS.map((operation) => html`<option${operation === filter.operation ? ' selected' : ''}>${operation}</option>`)}</select></label>
<button type="submit">Filter</button>
</form>
<div class="table-wrap">
<table class="audit">
<caption>${newestFirst.length === 0 ? 'No' : newestFirst.length} KMS calls${filter.keyArn === undefined ? '' : ' on the chosen key'}${filter.operation === undefined ? '' : html` (${filter.operation})`}, newest first${audit.beforeId === undefined ? '' : ', older page'}</caption>
<thead><tr><th scope="col">Time</th><th scope="col">Operation</th><th scope="col">Principal</th><th scope="col">Key</th><th scope="col">Encryption context</th><th scope="col">Result</th></tr></thead>
<tbody>${
    newestFirst.length === 0
      ? html`<tr><td colspan="6">No calls recorded.</td></tr>`
      : newestFirst.map(
          (entry) => html`<tr data-operation="${entry.operation}" data-audit-id="${entry.id}">
<td class="nowrap">${formatTime(entry.eventTime.getTime())}</td>
<th scope="row">${entry.operation}</th>
<td><code>${entry.principal}</code></td>
<td>${entry.keyArn === undefined ? '–' : html`<code title="${entry.keyArn}">${shortKeyId(entry.keyArn)}</code>`}</td>
<td class="context">${entry.encryptionContext === undefined ? '–' : Object.entries(entry.encryptionContext).map(([k, v]) => html`<code>${k}=${v}</code> `)}</td>
<td>${entry.result === 'ok' ? html`<span class="badge badge-allow">ok</span>` : html`<span class="badge badge-deny">${entry.errorCode ?? 'error'}</span>`}</td>
</tr>`,
        )
  }</tbody>
</table>
</div>
${pager}
</section>`;
}

/** One page of the audit log: its entries (oldest first) and where it sits. */
export interface AuditPage {
  entries: AuditEntry[];
  /** The cursor this page was read with; absent on the newest page. */
  beforeId?: number;
  /** Whether older entries exist beyond this page. */
  hasOlder: boolean;
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
<thead><tr><th scope="col">Key</th><th scope="col">State</th><th scope="col">Manager</th><th scope="col">Rotation</th><th scope="col">Policy principals</th><th scope="col">Console decrypt</th></tr></thead>
<tbody>${keyRows(data.keys)}</tbody>
</table>
</div>
</section>
${activitySection(data.activity)}
${auditSection(ctx, data.keys, data.audit, data.filter)}`,
  });
}
