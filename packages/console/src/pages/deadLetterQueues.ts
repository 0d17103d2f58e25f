import { listDeadLetterRows } from '../data/deadLetterQueues.js';
import { listQueueRows } from '../data/queueOverview.js';
import { sendHtml } from '../http/respond.js';
import { type ConsolePage, route } from '../http/routes.js';
import { deadLetterRows, deadLettersPage } from '../views/deadLettersPage.js';
import { redriveState } from '../views/redrive.js';

/** The queues some redrive policy targets, each with its latest redrive; `?part=rows` refreshes. */
export const deadLetterQueuesPage = {
  name: 'dead-letter queues',
  routes: [
    route('GET', 'dlqs', async ({ res, url, page, config, now }) => {
      const rows = (
        await listDeadLetterRows(config.broker, await listQueueRows(config.broker))
      ).map(({ queue, latestTask }) => ({
        queue,
        redrive: redriveState(queue.name, queue.visible, latestTask),
      }));
      const rowsOnly = url.searchParams.get('part') === 'rows';
      sendHtml(
        res,
        200,
        rowsOnly ? deadLetterRows(page, rows, now) : deadLettersPage(page, rows, now),
      );
    }),
  ],
} satisfies ConsolePage;
