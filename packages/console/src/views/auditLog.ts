import type { AuditEntry } from '@sealbus/kms-local';
import type { KeyRow } from '../data/keyInventory.js';
import { formatTime, shortKeyId } from './format.js';
import { html, type SafeHtml } from './html.js';
import type { PageContext } from './layout.js';

export interface AuditFilter {
  keyArn?: string;
  operation?: string;
  result?: 'ok' | 'error';
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

/** Rows of the audit table per page. */
export const AUDIT_PAGE_ROWS = 25;
/** Calls read per page; identical calls in a row fold, so a page may cover many of them. */
export const AUDIT_PAGE_CALLS = 1000;

/** A run of identical calls in a row (a consumer refused 25 times in a second shows once). */
export interface AuditRun {
  newest: AuditEntry;
  oldest: AuditEntry;
  count: number;
}

/** One page of the audit table, newest first. */
export interface AuditPage {
  runs: AuditRun[];
  /** The cursor this page was read with; absent on the newest page. */
  beforeId?: number;
  /** The cursor of the next (older) page, when older calls exist. */
  olderBeforeId?: number;
}

/**
 * The page of the audit table from up to `AUDIT_PAGE_CALLS` entries (oldest first, as the
 * audit log returns them) read before `beforeId`: at most `AUDIT_PAGE_ROWS` runs.
 */
export function auditPage(entries: readonly AuditEntry[], beforeId?: number): AuditPage {
  const runs = auditRuns(entries);
  const shown = runs.slice(0, AUDIT_PAGE_ROWS);
  const page: AuditPage = { runs: shown };
  if (beforeId !== undefined) page.beforeId = beforeId;
  const last = shown[shown.length - 1];
  if (last !== undefined && (runs.length > shown.length || entries.length >= AUDIT_PAGE_CALLS)) {
    page.olderBeforeId = last.oldest.id;
  }
  return page;
}

function sameCall(a: AuditEntry, b: AuditEntry): boolean {
  return (
    a.operation === b.operation &&
    a.principal === b.principal &&
    a.onBehalfOf === b.onBehalfOf &&
    a.keyArn === b.keyArn &&
    a.result === b.result &&
    a.errorCode === b.errorCode &&
    JSON.stringify(a.encryptionContext) === JSON.stringify(b.encryptionContext)
  );
}

/** Newest first, consecutive identical calls folded into one run. */
export function auditRuns(entries: readonly AuditEntry[]): AuditRun[] {
  const runs: AuditRun[] = [];
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i]!;
    const last = runs[runs.length - 1];
    if (last !== undefined && sameCall(last.oldest, entry)) {
      last.oldest = entry;
      last.count++;
    } else {
      runs.push({ newest: entry, oldest: entry, count: 1 });
    }
  }
  return runs;
}

/** ARN values of a context shown by their last part (the queue or topic name); all of it on hover. */
function contextCell(entry: AuditEntry): SafeHtml {
  if (entry.encryptionContext === undefined) return html`–`;
  return html`${Object.entries(entry.encryptionContext).map(([key, value]) => {
    const shown = value.startsWith('arn:') ? `…:${value.slice(value.lastIndexOf(':') + 1)}` : value;
    return html`<code title="${key}=${value}">${key}=${shown}</code> `;
  })}`;
}

function keyCell(entry: AuditEntry, aliasOf: ReadonlyMap<string, string>): SafeHtml {
  if (entry.keyArn === undefined) return html`–`;
  return html`<code title="${entry.keyArn}">${aliasOf.get(entry.keyArn) ?? shortKeyId(entry.keyArn)}</code>`;
}

function runRow(run: AuditRun, aliasOf: ReadonlyMap<string, string>): SafeHtml {
  const entry = run.newest;
  const repeated =
    run.count === 1
      ? ''
      : html` <span class="badge" title="${run.count} identical calls from ${formatTime(run.oldest.eventTime.getTime())}">×${run.count}</span>`;
  return html`<tr data-operation="${entry.operation}" data-audit-id="${entry.id}">
<td>${formatTime(entry.eventTime.getTime())}</td>
<th scope="row">${entry.operation}${repeated}</th>
<td><code>${entry.principal}</code>${entry.onBehalfOf === undefined ? '' : html`<br><span class="muted">for <code>${entry.onBehalfOf}</code></span>`}</td>
<td>${keyCell(entry, aliasOf)}</td>
<td>${contextCell(entry)}</td>
<td>${entry.result === 'ok' ? html`<span class="badge badge-allow">ok</span>` : html`<span class="badge badge-deny">${entry.errorCode ?? 'error'}</span>`}</td>
</tr>`;
}

/** The audit view's URL: the filter, and the page cursor when there is one. */
function auditHref(ctx: PageContext, filter: AuditFilter, beforeId?: number): string {
  const query = new URLSearchParams();
  if (filter.keyArn !== undefined) query.set('keyArn', filter.keyArn);
  if (filter.operation !== undefined) query.set('operation', filter.operation);
  if (filter.result !== undefined) query.set('result', filter.result);
  if (beforeId !== undefined) query.set('before', String(beforeId));
  const text = query.toString();
  return `${ctx.basePath}/keys${text === '' ? '' : `?${text}`}#audit-heading`;
}

const RESULTS = [
  ['', 'all results'],
  ['ok', 'ok'],
  ['error', 'refused or failed'],
] as const;

export function auditSection(
  ctx: PageContext,
  keys: readonly KeyRow[],
  audit: AuditPage,
  filter: AuditFilter,
): SafeHtml {
  const aliasOf = new Map(
    keys.flatMap((key) =>
      key.aliases[0] === undefined ? [] : [[key.metadata.arn, key.aliases[0]] as const],
    ),
  );
  const { runs } = audit;
  const calls = runs.reduce((sum, run) => sum + run.count, 0);
  const pager = html`<nav class="pager" aria-label="Audit log pages">${audit.beforeId === undefined ? '' : html`<a href="${auditHref(ctx, filter)}">Newest calls</a>`}${audit.olderBeforeId === undefined ? '' : html`<a href="${auditHref(ctx, filter, audit.olderBeforeId)}" rel="next">Older calls</a>`}</nav>`;
  return html`<section aria-labelledby="audit-heading">
<h2 id="audit-heading">Audit log</h2>
<form class="filters" method="get" action="${ctx.basePath}/keys#audit-heading">
<label>Key <select name="keyArn"><option value="">all keys</option>${keys.map((key) => html`<option value="${key.metadata.arn}"${key.metadata.arn === filter.keyArn ? ' selected' : ''}>${key.aliases[0] ?? shortKeyId(key.metadata.arn)}</option>`)}</select></label>
<label>Operation <select name="operation"><option value="">all operations</option>${AUDIT_OPERATIONS.map((operation) => html`<option${operation === filter.operation ? ' selected' : ''}>${operation}</option>`)}</select></label>
<label>Result <select name="result">${RESULTS.map(([value, label]) => html`<option value="${value}"${value === (filter.result ?? '') ? ' selected' : ''}>${label}</option>`)}</select></label>
<button type="submit">Filter</button>
</form>
<div class="table-wrap">
<table class="audit">
<caption>${calls === 0 ? 'No' : calls} KMS calls${filter.keyArn === undefined ? '' : ' on the chosen key'}${filter.operation === undefined ? '' : html` (${filter.operation})`}, newest first, identical calls in a row folded (×N)${audit.beforeId === undefined ? '' : ', older page'}</caption>
<thead><tr><th scope="col">Time</th><th scope="col">Operation</th><th scope="col">Principal</th><th scope="col">Key</th><th scope="col">Encryption context</th><th scope="col">Result</th></tr></thead>
<tbody>${
    runs.length === 0
      ? html`<tr><td colspan="6">No calls recorded.</td></tr>`
      : runs.map((run) => runRow(run, aliasOf))
  }</tbody>
</table>
</div>
${pager}
</section>`;
}
