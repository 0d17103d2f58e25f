import { listQueueRows } from '../data/queueOverview.js';
import { sendHtml } from '../http/respond.js';
import { type ConsolePage, route } from '../http/routes.js';
import { queueRows, queuesPage as renderQueuesPage } from '../views/queuesPage.js';

/** Every queue with its counts; `?part=rows` is the live-refreshed table body. */
export const queuesPage = {
  name: 'queues',
  routes: [
    route('GET', 'queues', async ({ res, url, page, config, now }) => {
      const rows = await listQueueRows(config.broker);
      const rowsOnly = url.searchParams.get('part') === 'rows';
      sendHtml(res, 200, rowsOnly ? queueRows(page, rows, now) : renderQueuesPage(page, rows, now));
    }),
  ],
} satisfies ConsolePage;
