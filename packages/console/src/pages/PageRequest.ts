import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResolvedConsoleOptions } from '../ConsoleOptions.js';
import type { Session, SessionGuard } from '../http/SessionGuard.js';
import type { PageContext } from '../views/layout.js';

/** What every route handler gets: the request, its session, and the console's parts. */
export interface PageRequest {
  readonly config: ResolvedConsoleOptions;
  readonly sessions: SessionGuard;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  readonly session: Session;
  /** What the views need to render a page for this request. */
  readonly page: PageContext;
  /** Whether htmx sent the request (it then wants a fragment, not a page). */
  readonly htmx: boolean;
  /** The urlencoded body of a POST (empty for a GET). */
  readonly form: URLSearchParams;
  /** The console clock's time when the request was dispatched. */
  readonly now: number;
}
