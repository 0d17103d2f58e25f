import { redirect, sendHtml } from '../http/respond.js';
import { type ConsolePage, route } from '../http/routes.js';
import { loginPage } from '../views/simplePages.js';
import type { PageRequest } from './PageRequest.js';

/** Where to go after signing in: only paths of this console, never another origin (open redirect). */
function safeNext(basePath: string, next: string | null): string {
  if (next?.startsWith(`${basePath}/`) && !next.startsWith('//') && !next.includes('\\')) {
    return next;
  }
  return `${basePath}/queues`;
}

function showForm(request: PageRequest): void {
  const { res, url, config, sessions, htmx, page } = request;
  const next = safeNext(config.basePath, url.searchParams.get('next'));
  if (!sessions.requiresToken) {
    redirect(res, next, htmx);
    return;
  }
  sendHtml(res, 200, loginPage(page, next, false));
}

function signIn(request: PageRequest): void {
  const { res, url, config, sessions, htmx, page, form, session } = request;
  const next = safeNext(config.basePath, form.get('next'));
  if (!sessions.requiresToken) {
    redirect(res, next, htmx);
    return;
  }
  const cookie = sessions.login(session, form.get('token') ?? '');
  if (cookie === undefined) {
    config.logger.warn({ path: url.pathname }, 'console sign-in with a wrong access token');
    sendHtml(res, 401, loginPage(page, next, true));
    return;
  }
  res.setHeader('Set-Cookie', cookie);
  redirect(res, next, htmx);
}

function signOut({ res, config, sessions, htmx }: PageRequest): void {
  res.setHeader('Set-Cookie', sessions.logoutCookie());
  redirect(res, `${config.basePath}/login`, htmx);
}

/** The sign-in form (reachable before signing in) and sign-out. */
export const signInPage = {
  name: 'sign-in',
  routes: [
    route('GET', 'login', showForm, 'session'),
    route('POST', 'login', signIn, 'session'),
    route('POST', 'logout', signOut),
  ],
} satisfies ConsolePage;
