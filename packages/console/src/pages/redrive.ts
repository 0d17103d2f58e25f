import { InvalidParameterValueError } from '@sealbus/core';
import { latestMoveTask } from '../data/deadLetterQueues.js';
import { redirect, sendHtml } from '../http/respond.js';
import { type ConsolePage, route } from '../http/routes.js';
import { html } from '../views/html.js';
import { notice } from '../views/layout.js';
import { redrivePanel, redriveState } from '../views/redrive.js';
import type { PageRequest } from './PageRequest.js';
import { queueNamed } from './queueLookup.js';

async function showPanel(request: PageRequest, name: string): Promise<void> {
  const { res, page, config } = request;
  const queue = await queueNamed(config.broker, name);
  const attributes = await queue.getAttributes();
  const state = redriveState(
    queue.name,
    attributes.ApproximateNumberOfMessages,
    await latestMoveTask(config.broker, queue.arn),
  );
  sendHtml(res, 200, redrivePanel(page, state, { live: true, withRate: true }));
}

async function startRedrive(request: PageRequest, name: string): Promise<void> {
  const { res, form, htmx, config } = request;
  const queue = await queueNamed(config.broker, name);
  const rate = form.get('maxPerSecond')?.trim() ?? '';
  const task = await config.broker.startMessageMove({
    sourceArn: queue.arn,
    ...(rate === '' ? {} : { maxPerSecond: Number(rate) }),
  });
  config.logger.info(
    { queue: queue.name, taskHandle: task.taskHandle },
    'console started a redrive',
  );
  if (!htmx) {
    redirect(res, `${config.basePath}/queues/${encodeURIComponent(queue.name)}`, false);
    return;
  }
  // Every live region refreshes at once so the progress bar and counts follow the move.
  res.setHeader('HX-Trigger', 'sealbus:refresh');
  sendHtml(
    res,
    202,
    notice(
      'ok',
      html`Redrive of ${queue.name} started (task <code>${task.taskHandle}</code>, ${task.approximateNumberOfMessagesToMove ?? 0} messages to move).`,
    ),
  );
}

/**
 * Cancels the RUNNING move task the user saw (its handle comes with the form), whichever
 * process runs it: a live runner sees the stored status change and stops at its next batch.
 */
async function cancelMove(request: PageRequest, name: string): Promise<void> {
  const { res, form, htmx, config } = request;
  const queue = await queueNamed(config.broker, name);
  const handle = form.get('taskHandle') ?? '';
  const tasks = await config.broker.listMessageMoveTasks(queue.arn, 10);
  if (!tasks.some((task) => task.taskHandle === handle)) {
    throw new InvalidParameterValueError(
      `taskHandle ${JSON.stringify(handle.slice(0, 80))} is not a recent move task of ${queue.name}; reload the page to see its current redrive.`,
      { field: 'taskHandle' },
    );
  }
  const task = await config.broker.cancelMessageMoveTask(handle);
  config.logger.info({ queue: queue.name, taskHandle: handle }, 'console cancelled a redrive');
  if (!htmx) {
    redirect(res, `${config.basePath}/queues/${encodeURIComponent(queue.name)}`, false);
    return;
  }
  res.setHeader('HX-Trigger', 'sealbus:refresh');
  const toMove = task.approximateNumberOfMessagesToMove;
  sendHtml(
    res,
    200,
    notice(
      'ok',
      html`Redrive of ${queue.name} cancelled after ${task.approximateNumberOfMessagesMoved}${toMove === undefined ? '' : html` of ${toMove}`} messages moved. The rest stays in ${queue.name}; redrive again to move it.`,
    ),
  );
}

/** A DLQ's redrive: the live panel, starting a move task back to the sources, cancelling it. */
export const redrivePage = {
  name: 'redrive',
  routes: [
    route('GET', 'queues/:queue/move-task', (request, { queue }) => showPanel(request, queue)),
    route('POST', 'queues/:queue/redrive', (request, { queue }) => startRedrive(request, queue)),
    route('POST', 'queues/:queue/move-task/cancel', (request, { queue }) =>
      cancelMove(request, queue),
    ),
  ],
} satisfies ConsolePage;
