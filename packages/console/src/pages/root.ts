import { redirect } from '../http/respond.js';
import { type ConsolePage, route } from '../http/routes.js';

/** The base path itself: the queues page is the console's home. */
export const rootPage = {
  name: 'root',
  routes: [
    route('GET', '', ({ res, config }) => redirect(res, `${config.basePath}/queues`, false)),
  ],
} satisfies ConsolePage;
