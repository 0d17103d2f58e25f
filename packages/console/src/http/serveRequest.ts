import type { IncomingMessage, ServerResponse } from 'node:http';
import { isSealbusError } from '@sealbus/core';
import type { ResolvedConsoleOptions } from '../ConsoleOptions.js';
import type { PageRequest } from '../pages/PageRequest.js';
import { notice, type PageContext } from '../views/layout.js';
import { errorPage } from '../views/simplePages.js';
import { type CsrfTokens, isSameOrigin } from './csrf.js';
import { hostNameOf, isLoopbackHost } from './loopback.js';
import { readForm } from './readForm.js';
import { redirect, securityHeaders, sendHtml, sendText } from './respond.js';
import { type ConsoleRoute, matchRoute } from './routes.js';
import type { SessionGuard } from './SessionGuard.js';

/** What serving a request needs: the options, sessions, CSRF tokens and the route table. */
export interface ConsoleParts {
  readonly config: ResolvedConsoleOptions;
  readonly sessions: SessionGuard;
  readonly csrf: CsrfTokens;
  readonly routes: readonly ConsoleRoute[];
}

/** What an error answer needs: the full page once the request got that far. */
export interface FailureState {
  res: ServerResponse;
  htmx: boolean;
  page?: PageContext;
}

/** Codes of the "no such thing" errors that answer 404. */
const NOT_FOUND_CODES = new Set(['QueueDoesNotExist', 'ResourceNotFoundException', 'NotFound']);

/**
 * Serves one request under the base path, in the order the defences need: loopback gate, route
 * match, same-origin check of a POST, session, CSRF token, sign-in, then the route's handler.
 */
export async function serveRequest(
  parts: ConsoleParts,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  state: FailureState,
): Promise<void> {
  const { config, sessions, csrf } = parts;
  securityHeaders(res);
  // Without a token only loopback may reach the console: the connection itself (a `Host`
  // header is the client's to choose), and loopback names, so that a DNS-rebinding page on
  // some other host name cannot read it through the browser.
  if (!sessions.requiresToken && !isLoopbackRequest(req)) {
    sendText(
      res,
      403,
      `This console answers only on loopback host names without an access token; start it with an access token to reach it as ${req.headers.host ?? 'this host'}.`,
    );
    return;
  }
  const match = matchRoute(
    parts.routes,
    req.method ?? 'GET',
    url.pathname.slice(config.basePath.length),
  );
  if (match.kind === 'notFound') {
    sendText(res, 404, `No console page at ${url.pathname}.`);
    return;
  }
  if (match.kind === 'methodNotAllowed') {
    sendText(res, 405, `Use ${match.allow.join(' or ')} for ${url.pathname}.`, {
      Allow: match.allow.join(', '),
    });
    return;
  }
  const { route, params } = match;
  if (route.access === 'asset') {
    await route.handle(res, params);
    return;
  }
  // Before any session cookie is minted: a cross-site POST arrives without the SameSite cookies,
  // and answering it with a fresh session would sign the user out from another site.
  if (route.method === 'POST' && !isSameOrigin(req)) {
    sendText(
      res,
      403,
      'Cross-site POST refused: console actions must come from the console itself.',
    );
    return;
  }
  const session = sessions.session(req);
  if (session.setCookie !== undefined) res.setHeader('Set-Cookie', session.setCookie);
  const signedIn = sessions.isAuthenticated(req, session);
  const page = pageContext(parts, csrf.tokenOf(session), signedIn);
  state.page = page;
  let form = new URLSearchParams();
  if (route.method === 'POST') {
    form = await readForm(req);
    if (!csrf.check(session, req, form)) {
      sendText(res, 403, 'Missing or invalid CSRF token: reload the console page and try again.');
      return;
    }
  }
  const pageRequest: PageRequest = {
    config,
    sessions,
    req,
    res,
    url,
    session,
    page,
    htmx: state.htmx,
    form,
    now: config.clock.now(),
  };
  if (route.access === 'signedIn' && !signedIn) {
    refuseSignedOut(pageRequest);
    return;
  }
  await route.handle(pageRequest, params);
}

function pageContext(parts: ConsoleParts, csrfToken: string, authenticated: boolean): PageContext {
  return {
    basePath: parts.config.basePath,
    csrfToken,
    refreshIntervalMs: parts.config.refreshIntervalMs,
    signedIn: parts.sessions.requiresToken && authenticated,
    principal: parts.config.principal,
  };
}

/** A browser asking for a page goes to the sign-in form; anything else gets a 401. */
function refuseSignedOut({ req, res, url, htmx, config }: PageRequest): void {
  const wantsHtml = req.method === 'GET' && (req.headers.accept ?? '').includes('text/html');
  if (wantsHtml && !htmx) {
    const next = url.pathname + url.search;
    redirect(res, `${config.basePath}/login?next=${encodeURIComponent(next)}`, false);
    return;
  }
  sendText(
    res,
    401,
    'The console needs its access token: send "Authorization: Bearer <token>" or sign in at ' +
      `${config.basePath}/login.`,
    { 'WWW-Authenticate': 'Bearer realm="sealbus-console"' },
  );
}

/** Answers a request whose handler threw: sealbus errors say what to fix, others are logged. */
export function answerFailure(
  config: ResolvedConsoleOptions,
  state: FailureState,
  error: unknown,
): void {
  const { res } = state;
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const status = statusOf(error);
  if (status === 500) config.logger.error({ err: error }, 'console failed to answer a request');
  const message = isSealbusError(error)
    ? `${error.code}: ${error.message}`
    : 'The console hit an internal error; the server log has the details.';
  if (state.page === undefined || state.htmx) {
    sendHtml(res, status, notice('error', message));
    return;
  }
  sendHtml(
    res,
    status,
    errorPage(state.page, status === 404 ? 'Not found' : 'Request failed', message),
  );
}

function statusOf(error: unknown): number {
  if (!isSealbusError(error)) return 500;
  if (NOT_FOUND_CODES.has(error.code)) return 404;
  return error.fault === 'client' ? 400 : 503;
}

function isLoopbackRequest(req: IncomingMessage): boolean {
  const { remoteAddress, localAddress } = req.socket;
  return (
    remoteAddress !== undefined &&
    localAddress !== undefined &&
    isLoopbackHost(remoteAddress) &&
    isLoopbackHost(localAddress) &&
    isLoopbackHost(hostNameOf(req.headers.host ?? ''))
  );
}
