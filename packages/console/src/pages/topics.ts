import { listQueueRows } from '../data/queueOverview.js';
import { listTopicRows } from '../data/topicOverview.js';
import { sendHtml } from '../http/respond.js';
import { type ConsolePage, route } from '../http/routes.js';
import { topicsPage as renderTopicsPage } from '../views/topicsPage.js';

/** Topics with their subscriptions and the fanout graph to the queues. */
export const topicsPage = {
  name: 'topics',
  routes: [
    route('GET', 'topics', async ({ res, page, config }) => {
      const topics = await listTopicRows(config.broker);
      const queues = await listQueueRows(config.broker);
      sendHtml(res, 200, renderTopicsPage(page, topics, queues));
    }),
  ],
} satisfies ConsolePage;
