import type { ConsolePage, ConsoleRoute } from '../http/routes.js';
import { assetsPage } from './assets.js';
import { deadLetterQueuesPage } from './deadLetterQueues.js';
import { deliveriesPage } from './deliveries.js';
import { keysPage } from './keys.js';
import { queueDetailPage } from './queueDetail.js';
import { queuesPage } from './queues.js';
import { redrivePage } from './redrive.js';
import { revealBodyPage } from './revealBody.js';
import { rootPage } from './root.js';
import { signInPage } from './signIn.js';
import { topicsPage } from './topics.js';

/**
 * Every page of the console. A route exists only with its handler (`route`); a page module
 * left out of this list is caught by routeTable.test.ts.
 */
export const CONSOLE_PAGES: readonly ConsolePage[] = [
  rootPage,
  assetsPage,
  signInPage,
  queuesPage,
  queueDetailPage,
  redrivePage,
  revealBodyPage,
  deadLetterQueuesPage,
  topicsPage,
  deliveriesPage,
  keysPage,
];

export const CONSOLE_ROUTES: readonly ConsoleRoute[] = CONSOLE_PAGES.flatMap((page) => page.routes);
