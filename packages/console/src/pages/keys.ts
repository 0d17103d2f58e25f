import { InvalidParameterValueError } from '@sealbus/core';
import { listKeyRows } from '../data/keyInventory.js';
import { kmsActivity } from '../data/kmsActivity.js';
import { listQueueRows } from '../data/queueOverview.js';
import { listTopicRows } from '../data/topicOverview.js';
import { sendHtml } from '../http/respond.js';
import { type ConsolePage, route } from '../http/routes.js';
import {
  AUDIT_OPERATIONS,
  AUDIT_PAGE_CALLS,
  type AuditFilter,
  auditPage,
} from '../views/auditLog.js';
import { keysPage as renderKeysPage } from '../views/keysPage.js';
import type { PageRequest } from './PageRequest.js';

/** The keys page charts the last hour of KMS calls. */
const ACTIVITY_WINDOW_MS = 60 * 60 * 1000;

/** The `before` cursor of an audit page: an audit entry id. */
function auditCursor(value: string | null): number | undefined {
  if (value === null || value === '') return undefined;
  const id = Number(value);
  if (!/^[0-9]{1,15}$/.test(value) || id < 1) {
    throw new InvalidParameterValueError(
      `before must be an audit entry id (a whole number from 1); got ${JSON.stringify(value.slice(0, 40))}.`,
      { field: 'before' },
    );
  }
  return id;
}

function auditFilter(params: URLSearchParams): AuditFilter {
  const filter: AuditFilter = {};
  const keyArn = params.get('keyArn');
  if (keyArn !== null && keyArn !== '') filter.keyArn = keyArn;
  const operation = params.get('operation');
  if (operation !== null && (AUDIT_OPERATIONS as readonly string[]).includes(operation))
    filter.operation = operation;
  const result = params.get('result');
  if (result === 'ok' || result === 'error') filter.result = result;
  return filter;
}

async function showKeys(request: PageRequest): Promise<void> {
  const { res, url, page, config, now } = request;
  const filter = auditFilter(url.searchParams);
  const beforeId = auditCursor(url.searchParams.get('before'));
  const recent = await config.kms.auditLog({
    since: new Date(now - ACTIVITY_WINDOW_MS),
    limit: 100_000,
  });
  const entries = await config.kms.auditLog({
    limit: AUDIT_PAGE_CALLS,
    ...filter,
    ...(beforeId === undefined ? {} : { beforeId }),
  });
  const audit = auditPage(entries, beforeId);
  const keys = await listKeyRows(config.kms, config.principal);
  const queues = await listQueueRows(config.broker);
  const topics = await listTopicRows(config.broker);
  const activity = kmsActivity(recent, queues, topics, now, ACTIVITY_WINDOW_MS);
  sendHtml(res, 200, renderKeysPage(page, { keys, activity, audit, filter }));
}

/** KMS keys, the last hour's KMS activity and cost, and the audit log a page at a time. */
export const keysPage = {
  name: 'keys',
  routes: [route('GET', 'keys', showKeys)],
} satisfies ConsolePage;
