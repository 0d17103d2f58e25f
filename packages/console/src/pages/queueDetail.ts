import { QueueDoesNotExistError } from '@sealbus/core';
import { latestMoveTask } from '../data/deadLetterQueues.js';
import { listQueueRows, type QueueRow } from '../data/queueOverview.js';
import { sendHtml } from '../http/respond.js';
import { type ConsolePage, route } from '../http/routes.js';
import {
  type DeadLetterSource,
  queueSummary,
  queueDetailPage as renderQueueDetail,
} from '../views/queueDetailPage.js';
import { redriveState } from '../views/redrive.js';
import type { PageRequest } from './PageRequest.js';
import { queueNamed } from './queueLookup.js';

const PEEK_PAGE = 50;

/** Queues with a DLQ, by ARN: a dead-lettered message names its source by ARN. */
function deadLetterSources(rows: readonly QueueRow[]): Map<string, DeadLetterSource> {
  const sources = new Map<string, DeadLetterSource>();
  for (const row of rows) {
    if (row.redrivePolicy === undefined) continue;
    sources.set(row.arn, { name: row.name, maxReceiveCount: row.redrivePolicy.maxReceiveCount });
  }
  return sources;
}

async function showQueue(request: PageRequest, name: string): Promise<void> {
  const { res, url, page, config, now } = request;
  const queue = await queueNamed(config.broker, name);
  const rows = await listQueueRows(config.broker);
  const row = rows.find((candidate) => candidate.name === queue.name);
  if (row === undefined) {
    throw new QueueDoesNotExistError(`Queue ${name} was deleted while the page loaded.`, {
      field: 'QueueUrl',
    });
  }
  if (url.searchParams.get('part') === 'summary') {
    sendHtml(res, 200, queueSummary(row, now));
    return;
  }
  const after = url.searchParams.get('after');
  const messages = await config.broker.peek(
    queue.name,
    after === null ? { limit: PEEK_PAGE } : { limit: PEEK_PAGE, afterMessageId: after },
  );
  const attributes = await queue.getAttributes();
  const redrive =
    row.sourceQueueNames.length > 0
      ? redriveState(row.name, row.visible, await latestMoveTask(config.broker, queue.arn))
      : undefined;
  sendHtml(
    res,
    200,
    renderQueueDetail(
      page,
      {
        row,
        messages,
        ...(messages.length === PEEK_PAGE
          ? { nextAfter: messages[messages.length - 1]!.messageId }
          : {}),
        ...(redrive === undefined ? {} : { redrive }),
        deadLetterSources: deadLetterSources(rows),
        visibilityTimeoutSeconds: attributes.VisibilityTimeout ?? 30,
        retentionSeconds: attributes.MessageRetentionPeriod ?? 345_600,
      },
      now,
    ),
  );
}

/** One queue: its counts, its stored messages a page at a time, and its redrive panel for a DLQ. */
export const queueDetailPage = {
  name: 'queue',
  routes: [route('GET', 'queues/:queue', (request, { queue }) => showQueue(request, queue))],
} satisfies ConsolePage;
