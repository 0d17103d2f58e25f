import type { AuditEntry } from '@sealbus/kms-local';
import { describe, expect, it } from 'vitest';
import {
  AUDIT_PAGE_CALLS,
  AUDIT_PAGE_ROWS,
  auditPage,
  auditRuns,
  auditSection,
} from './auditLog.js';

function entry(id: number, principal: string, result: 'ok' | 'error' = 'ok'): AuditEntry {
  return {
    id,
    eventTime: new Date(Date.UTC(2026, 0, 1) + id * 1000),
    operation: 'Decrypt',
    principal,
    keyArn: 'arn:aws:kms:us-east-1:000000000000:key/k1',
    encryptionContext: { 'aws:sqs:arn': 'arn:aws:sqs:us-east-1:000000000000:Orders' },
    result,
    ...(result === 'error' ? { errorCode: 'KMS.AccessDeniedException' } : {}),
  };
}

describe('audit runs and pages', () => {
  it('folds identical calls in a row, newest first, and keeps calls that differ apart', () => {
    const entries = [
      entry(1, 'a'),
      entry(2, 'b', 'error'),
      entry(3, 'b', 'error'),
      entry(4, 'b', 'error'),
      entry(5, 'b'),
      entry(6, 'a'),
    ];
    expect(auditRuns(entries).map((run) => [run.newest.id, run.oldest.id, run.count])).toEqual([
      [6, 6, 1],
      [5, 5, 1],
      [4, 2, 3],
      [1, 1, 1],
    ]);
  });

  it('names whom a call was made for, and never folds the calls of two sessions together', () => {
    const forSession = (id: number, session: string) => ({
      ...entry(id, 'sealbus-console'),
      onBehalfOf: session,
    });
    const entries = [forSession(1, 'session:aaaa'), forSession(2, 'session:bbbb'), entry(3, 'w')];
    const page = auditPage(entries);
    expect(page.runs.map((run) => run.count)).toEqual([1, 1, 1]);
    const ctx = {
      basePath: '/console',
      csrfToken: 't',
      refreshIntervalMs: 2000,
      signedIn: true,
      principal: 'sealbus-console',
    };
    const rendered = auditSection(ctx, [], page, {}).value;
    expect(rendered).toContain(
      '<code>sealbus-console</code><br><span class="muted">for <code>session:bbbb</code></span>',
    );
    expect(rendered).toContain('<td><code>w</code></td>');
  });

  it('shows at most a page of rows and points the older page at the oldest call shown', () => {
    // Alternating principals: nothing folds, so rows = calls.
    const entries = Array.from({ length: 40 }, (_, i) => entry(i + 1, i % 2 === 0 ? 'a' : 'b'));
    const page = auditPage(entries);
    expect(page.runs).toHaveLength(AUDIT_PAGE_ROWS);
    expect(page.runs[0]?.newest.id).toBe(40);
    expect(page.olderBeforeId).toBe(40 - AUDIT_PAGE_ROWS + 1);
    expect(auditPage(entries.slice(0, 10)).olderBeforeId).toBeUndefined();
  });

  it('offers an older page when a full read folded into few rows', () => {
    const entries = Array.from({ length: AUDIT_PAGE_CALLS }, (_, i) => entry(i + 1, 'x', 'error'));
    const page = auditPage(entries, AUDIT_PAGE_CALLS + 1);
    expect(page.runs.map((run) => run.count)).toEqual([AUDIT_PAGE_CALLS]);
    expect(page.olderBeforeId).toBe(1);
    expect(page.beforeId).toBe(AUDIT_PAGE_CALLS + 1);
  });
});
