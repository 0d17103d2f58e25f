import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ConsoleOptions, resolveConsoleOptions } from './ConsoleOptions.js';
import { CsrfTokens } from './http/csrf.js';
import { SessionGuard } from './http/SessionGuard.js';
import {
  answerFailure,
  type ConsoleParts,
  type FailureState,
  serveRequest,
} from './http/serveRequest.js';
import { SessionMac } from './http/sessionMac.js';
import { CONSOLE_ROUTES } from './pages/routeTable.js';

/** A node:http request handler serving the console under its base path. */
export interface ConsoleHandler {
  readonly basePath: string;
  /** Whether every page and action needs the access token (set with `accessToken`). */
  readonly requiresToken: boolean;
  /**
   * Serves the request when its path is under `basePath` and returns true (the answer is then
   * written asynchronously); returns false at once, touching nothing, for any other path.
   */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
}

/**
 * The web console as a request handler, for the gateway to mount or `startConsoleServer` to
 * serve alone. Pages are rendered on the server; htmx refreshes them and posts the actions.
 * Each page is a module of `pages/` with its routes; `pages/routeTable.ts` lists them.
 */
export function createConsole(options: ConsoleOptions): ConsoleHandler {
  const config = resolveConsoleOptions(options);
  const mac = new SessionMac();
  const parts: ConsoleParts = {
    config,
    sessions: new SessionGuard(mac, config.accessToken, config.basePath),
    csrf: new CsrfTokens(mac),
    routes: CONSOLE_ROUTES,
  };
  const { basePath } = config;
  return {
    basePath,
    requiresToken: parts.sessions.requiresToken,
    handle(req, res) {
      const url = new URL(req.url ?? '/', 'http://console.invalid');
      if (url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) return false;
      const state: FailureState = { res, htmx: req.headers['hx-request'] === 'true' };
      serveRequest(parts, req, res, url, state).catch((error: unknown) =>
        answerFailure(config, state, error),
      );
      return true;
    },
  };
}
