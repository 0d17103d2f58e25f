import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  InvalidParameterValueError,
  isSealbusError,
  type MoveTask,
  QueueDoesNotExistError,
} from '@sealbus/core';
import { type ConsoleOptions, resolveConsoleOptions } from './ConsoleOptions.js';
import { latestMoveTask, listDeadLetterRows } from './data/deadLetterQueues.js';
import { listKeyRows } from './data/keyInventory.js';
import { kmsActivity } from './data/kmsActivity.js';
import { MoveTaskWatch, STALL_AFTER_MS } from './data/moveTaskWatch.js';
import { listQueueRows, type QueueRow } from './data/queueOverview.js';
import { revealBody } from './data/revealBody.js';
import { listTopicRows } from './data/topicOverview.js';
import { loadAsset } from './http/assets.js';
import { hostNameOf, isLoopbackHost } from './http/loopback.js';
import { readForm } from './http/readForm.js';
import { redirect, securityHeaders, sendHtml, sendText } from './http/respond.js';
import { matchRoute, type Route } from './http/routes.js';
import { CSRF_FIELD, CSRF_HEADER, type Session, SessionGuard } from './http/SessionGuard.js';
import {
  AUDIT_OPERATIONS,
  AUDIT_PAGE_CALLS,
  type AuditFilter,
  auditPage,
} from './views/auditLog.js';
import { deadLetterRows, deadLettersPage } from './views/deadLettersPage.js';
import { html, type SafeHtml } from './views/html.js';
import { keysPage } from './views/keysPage.js';
import { notice, type PageContext } from './views/layout.js';
import {
  type DeadLetterSource,
  deniedBody,
  messagePage,
  queueDetailPage,
  queueSummary,
  revealedBody,
} from './views/queueDetailPage.js';
import { queueRows, queuesPage } from './views/queuesPage.js';
import { type RedriveState, redrivePanel } from './views/redrive.js';
import { errorPage, loginPage } from './views/simplePages.js';
import { topicsPage } from './views/topicsPage.js';

/** A node:http request handler serving the console under its base path. */
export interface ConsoleHandler {
  readonly basePath: string;
  /**
   * Serves the request when its path is under `basePath` and returns true (the answer is then
   * written asynchronously); returns false at once, touching nothing, for any other path.
   */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
}

const PEEK_PAGE = 50;
/** The keys page charts the last hour of KMS calls. */
const ACTIVITY_WINDOW_MS = 60 * 60 * 1000;

interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  session: Session;
  page: PageContext;
  htmx: boolean;
  form: URLSearchParams;
}

/** What an error answer needs: the full page once the request got that far. */
interface FailureState {
  res: ServerResponse;
  htmx: boolean;
  page?: PageContext;
}

/** Codes of the "no such thing" errors that answer 404. */
const NOT_FOUND_CODES = new Set(['QueueDoesNotExist', 'ResourceNotFoundException', 'NotFound']);

/**
 * The web console as a request handler, for the gateway to mount or `startConsoleServer` to
 * serve alone. Pages are rendered on the server; htmx refreshes them and posts the actions.
 */
export function createConsole(options: ConsoleOptions): ConsoleHandler {
  const config = resolveConsoleOptions(options);
  const guard = new SessionGuard(config.accessToken, config.basePath);
  const { basePath } = config;
  const moveTaskWatch = new MoveTaskWatch();

  async function serve(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    state: FailureState,
  ): Promise<void> {
    securityHeaders(res);
    // Without a token only loopback names may reach the console: a DNS-rebinding page on some
    // other host name must not read it through the browser.
    if (!guard.requiresToken && !isLoopbackHost(hostNameOf(req.headers.host ?? ''))) {
      sendText(
        res,
        403,
        `This console answers only on loopback host names without an access token; start it with an access token to reach it as ${req.headers.host ?? 'this host'}.`,
      );
      return;
    }
    const match = matchRoute(req.method ?? 'GET', url.pathname.slice(basePath.length));
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
    const { route } = match;
    if (route.name === 'asset') {
      serveAsset(res, route.params[0]!);
      return;
    }
    // Before any session cookie is minted: a cross-site POST arrives without the SameSite cookies,
    // and answering it with a fresh session would sign the user out from another site.
    if (route.method === 'POST' && !sameOrigin(req)) {
      sendText(
        res,
        403,
        'Cross-site POST refused: console actions must come from the console itself.',
      );
      return;
    }
    const session = guard.session(req);
    if (session.setCookie !== undefined) res.setHeader('Set-Cookie', session.setCookie);
    const exchange: Exchange = {
      req,
      res,
      url,
      session,
      htmx: req.headers['hx-request'] === 'true',
      form: new URLSearchParams(),
      page: {
        basePath,
        csrfToken: guard.csrfToken(session),
        refreshIntervalMs: config.refreshIntervalMs,
        signedIn: guard.requiresToken && guard.isAuthenticated(req, session),
        principal: config.principal,
      },
    };
    state.page = exchange.page;
    if (route.method === 'POST') {
      exchange.form = await readForm(req);
      const token = exchange.form.get(CSRF_FIELD) ?? headerValue(req, CSRF_HEADER);
      if (!guard.checkCsrf(session, token)) {
        sendText(res, 403, 'Missing or invalid CSRF token: reload the console page and try again.');
        return;
      }
    }
    if (route.name === 'login') {
      await login(exchange, route);
      return;
    }
    if (!guard.isAuthenticated(req, session)) {
      refuseUnauthenticated(exchange);
      return;
    }
    await dispatch(exchange, route);
  }

  function refuseUnauthenticated(exchange: Exchange): void {
    const { req, res, url } = exchange;
    const wantsHtml = req.method === 'GET' && (req.headers.accept ?? '').includes('text/html');
    if (wantsHtml && !exchange.htmx) {
      const next = url.pathname + url.search;
      redirect(res, `${basePath}/login?next=${encodeURIComponent(next)}`, false);
      return;
    }
    sendText(
      res,
      401,
      'The console needs its access token: send "Authorization: Bearer <token>" or sign in at ' +
        `${basePath}/login.`,
      {
        'WWW-Authenticate': 'Bearer realm="sealbus-console"',
      },
    );
  }

  async function login(exchange: Exchange, route: Route): Promise<void> {
    const { res, url, session, form } = exchange;
    const next = safeNext(
      route.method === 'POST' ? form.get('next') : url.searchParams.get('next'),
    );
    if (!guard.requiresToken) {
      redirect(res, next, exchange.htmx);
      return;
    }
    if (route.method === 'GET') {
      sendHtml(res, 200, loginPage(exchange.page, next, false));
      return;
    }
    const cookie = guard.login(session, form.get('token') ?? '');
    if (cookie === undefined) {
      config.logger.warn({ path: url.pathname }, 'console sign-in with a wrong access token');
      sendHtml(res, 401, loginPage(exchange.page, next, true));
      return;
    }
    res.setHeader('Set-Cookie', cookie);
    redirect(res, next, exchange.htmx);
  }

  function safeNext(next: string | null): string {
    // Only paths of this console: never another origin (open redirect).
    if (next?.startsWith(`${basePath}/`) && !next.startsWith('//') && !next.includes('\\')) {
      return next;
    }
    return `${basePath}/queues`;
  }

  async function dispatch(exchange: Exchange, route: Route): Promise<void> {
    const { res, url, page } = exchange;
    const now = config.clock.now();
    const part = url.searchParams.get('part');
    switch (route.name) {
      case 'root':
        redirect(res, `${basePath}/queues`, false);
        return;
      case 'logout':
        res.setHeader('Set-Cookie', guard.logoutCookie());
        redirect(res, `${basePath}/login`, exchange.htmx);
        return;
      case 'queues': {
        const rows = await listQueueRows(config.broker);
        sendHtml(
          res,
          200,
          part === 'rows' ? queueRows(page, rows, now) : queuesPage(page, rows, now),
        );
        return;
      }
      case 'queue':
        await queueDetail(exchange, route.params[0]!, now);
        return;
      case 'moveTask': {
        const queue = await queueNamed(route.params[0]!);
        const attributes = await queue.getAttributes();
        const state = redriveState(
          queue.name,
          attributes.ApproximateNumberOfMessages,
          await latestMoveTask(config.broker, queue.arn),
          now,
        );
        sendHtml(res, 200, redrivePanel(page, state, { live: true, withRate: true }));
        return;
      }
      case 'redrive':
        await startRedrive(exchange, route.params[0]!);
        return;
      case 'cancelMove':
        await cancelMove(exchange, route.params[0]!);
        return;
      case 'revealBody':
        await reveal(exchange, route.params[0]!, route.params[1]!);
        return;
      case 'dlqs': {
        const rows = (
          await listDeadLetterRows(config.broker, await listQueueRows(config.broker))
        ).map(({ queue, latestTask }) => ({
          queue,
          redrive: redriveState(queue.name, queue.visible, latestTask, now),
        }));
        sendHtml(
          res,
          200,
          part === 'rows' ? deadLetterRows(page, rows, now) : deadLettersPage(page, rows, now),
        );
        return;
      }
      case 'topics': {
        const [topics, queues] = [
          await listTopicRows(config.broker),
          await listQueueRows(config.broker),
        ];
        sendHtml(res, 200, topicsPage(page, topics, queues));
        return;
      }
      case 'keys':
        await keys(exchange, now);
        return;
    }
  }

  async function queueDetail(exchange: Exchange, name: string, now: number): Promise<void> {
    const { res, url, page } = exchange;
    const queue = await queueNamed(name);
    const rows = await listQueueRows(config.broker);
    const row = rows.find((candidate) => candidate.name === queue.name);
    if (row === undefined) {
      throw new QueueDoesNotExistError(`Queue ${name} was deleted while the page loaded.`, {
        field: 'QueueUrl',
      });
    }
    if (url.searchParams.get('part') === 'summary') {
      sendHtml(res, 200, queueSummary(row, now));
      return;
    }
    const after = url.searchParams.get('after');
    const messages = await config.broker.peek(
      queue.name,
      after === null ? { limit: PEEK_PAGE } : { limit: PEEK_PAGE, afterMessageId: after },
    );
    const attributes = await queue.getAttributes();
    const redrive =
      row.sourceQueueNames.length > 0
        ? redriveState(row.name, row.visible, await latestMoveTask(config.broker, queue.arn), now)
        : undefined;
    sendHtml(
      res,
      200,
      queueDetailPage(
        page,
        {
          row,
          messages,
          ...(messages.length === PEEK_PAGE
            ? { nextAfter: messages[messages.length - 1]!.messageId }
            : {}),
          ...(redrive === undefined ? {} : { redrive }),
          deadLetterSources: deadLetterSources(rows),
          visibilityTimeoutSeconds: attributes.VisibilityTimeout ?? 30,
          retentionSeconds: attributes.MessageRetentionPeriod ?? 345_600,
        },
        now,
      ),
    );
  }

  async function startRedrive(exchange: Exchange, name: string): Promise<void> {
    const { res, form, htmx } = exchange;
    const queue = await queueNamed(name);
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
      redirect(res, `${basePath}/queues/${encodeURIComponent(queue.name)}`, false);
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

  /** The queue a console path names; a missing one is explained in console terms (CLI, not API). */
  async function queueNamed(name: string) {
    try {
      return await config.broker.getQueue(name);
    } catch (error) {
      if (!(error instanceof QueueDoesNotExistError)) throw error;
      throw new QueueDoesNotExistError(
        `Queue ${name} does not exist. The queues page lists every queue; create this one with "sealbus queue create ${name}".`,
        { field: 'QueueUrl' },
      );
    }
  }

  /** The redrive panel's state, with a RUNNING task flagged once its runner is seen gone. */
  function redriveState(
    queueName: string,
    visible: number,
    task: MoveTask | undefined,
    now: number,
  ): RedriveState {
    const state: RedriveState = { queueName, visible };
    if (task === undefined) return state;
    state.task = task;
    const idle = moveTaskWatch.idleFor(task, now);
    if (idle !== undefined && idle >= STALL_AFTER_MS) state.stalledForMs = idle;
    return state;
  }

  /**
   * Cancels the RUNNING move task the user saw (its handle comes with the form), whichever
   * process runs it: a live runner sees the stored status change and stops at its next batch.
   */
  async function cancelMove(exchange: Exchange, name: string): Promise<void> {
    const { res, form, htmx } = exchange;
    const queue = await queueNamed(name);
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
      redirect(res, `${basePath}/queues/${encodeURIComponent(queue.name)}`, false);
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

  async function reveal(exchange: Exchange, queueName: string, messageId: string): Promise<void> {
    const { res, page, htmx } = exchange;
    const outcome = await revealBody(config, queueName, messageId);
    let status = 200;
    let fragment: SafeHtml;
    switch (outcome.kind) {
      case 'notFound':
        status = 404;
        fragment = notice(
          'error',
          `Message ${messageId} is no longer stored in ${queueName}: it was received and deleted, moved or expired.`,
        );
        break;
      case 'denied':
        status = 403;
        fragment = deniedBody(outcome.code, outcome.message);
        break;
      case 'plain':
        fragment = revealedBody(outcome.body, 'Stored in the clear (no SSE when it was sent).');
        break;
      default:
        fragment = revealedBody(
          outcome.body,
          `Decrypted by ${config.principal}; the KMS audit log records the Decrypt call.`,
        );
    }
    if (htmx) {
      sendHtml(res, status, fragment);
      return;
    }
    sendHtml(res, status, messagePage(page, queueName, messageId, fragment));
  }

  async function keys(exchange: Exchange, now: number): Promise<void> {
    const { res, url, page } = exchange;
    const filter: AuditFilter = {};
    const keyArn = url.searchParams.get('keyArn');
    if (keyArn !== null && keyArn !== '') filter.keyArn = keyArn;
    const operation = url.searchParams.get('operation');
    if (operation !== null && (AUDIT_OPERATIONS as readonly string[]).includes(operation))
      filter.operation = operation;
    const result = url.searchParams.get('result');
    if (result === 'ok' || result === 'error') filter.result = result;
    const beforeId = auditCursor(url.searchParams.get('before'));
    const recent = await config.kms.auditLog({
      since: new Date(now - ACTIVITY_WINDOW_MS),
      limit: 100_000,
    });
    const entries = await config.kms.auditLog({
      limit: AUDIT_PAGE_CALLS,
      ...filter,
      ...(beforeId === undefined ? {} : { beforeId }),
    });
    const audit = auditPage(entries, beforeId);
    const [keyRows, queues, topics] = [
      await listKeyRows(config.kms, config.principal),
      await listQueueRows(config.broker),
      await listTopicRows(config.broker),
    ];
    const activity = kmsActivity(recent, queues, topics, now, ACTIVITY_WINDOW_MS);
    sendHtml(res, 200, keysPage(page, { keys: keyRows, activity, audit, filter }));
  }

  function serveAsset(res: ServerResponse, name: string): void {
    const asset = loadAsset(name);
    if (asset === undefined) {
      sendText(res, 404, `No console asset named ${name}.`);
      return;
    }
    res.writeHead(200, {
      'Content-Type': asset.type,
      'Content-Length': asset.body.length,
      'Cache-Control': 'public, max-age=300',
    });
    res.end(asset.body);
  }

  function fail(exchange: FailureState, error: unknown): void {
    const { res } = exchange;
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const status = statusOf(error);
    if (status === 500) config.logger.error({ err: error }, 'console failed to answer a request');
    // Sealbus errors say what to fix; anything else stays in the server log.
    const message = isSealbusError(error)
      ? `${error.code}: ${error.message}`
      : 'The console hit an internal error; the server log has the details.';
    if (exchange.page === undefined || exchange.htmx) {
      sendHtml(res, status, notice('error', message));
      return;
    }
    sendHtml(
      res,
      status,
      errorPage(exchange.page, status === 404 ? 'Not found' : 'Request failed', message),
    );
  }

  return {
    basePath,
    handle(req, res) {
      const url = new URL(req.url ?? '/', 'http://console.invalid');
      if (url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) return false;
      const state: FailureState = { res, htmx: req.headers['hx-request'] === 'true' };
      serve(req, res, url, state).catch((error: unknown) => fail(state, error));
      return true;
    },
  };
}

/** Queues with a DLQ, by ARN: a dead-lettered message names its source by ARN. */
function deadLetterSources(rows: readonly QueueRow[]): Map<string, DeadLetterSource> {
  const sources = new Map<string, DeadLetterSource>();
  for (const row of rows) {
    if (row.redrivePolicy === undefined) continue;
    sources.set(row.arn, { name: row.name, maxReceiveCount: row.redrivePolicy.maxReceiveCount });
  }
  return sources;
}

/** The `before` cursor of an audit page: an audit entry id. */
function auditCursor(value: string | null): number | undefined {
  if (value === null || value === '') return undefined;
  const id = Number(value);
  if (!/^[0-9]{1,15}$/.test(value) || id < 1) {
    throw new InvalidParameterValueError(
      `before must be an audit entry id (a whole number from 1); got ${JSON.stringify(value.slice(0, 40))}.`,
      { field: 'before' },
    );
  }
  return id;
}

function statusOf(error: unknown): number {
  if (!isSealbusError(error)) return 500;
  if (NOT_FOUND_CODES.has(error.code)) return 404;
  return error.fault === 'client' ? 400 : 503;
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Browsers say where a POST comes from: refuse cross-site ones outright (SameSite cookies and
 * the CSRF token already stop them; this is defence in depth). `Origin: null` is refused too:
 * it is what a no-referrer page or a sandboxed frame elsewhere sends, so it proves nothing.
 */
function sameOrigin(req: IncomingMessage): boolean {
  if (headerValue(req, 'sec-fetch-site') === 'cross-site') return false;
  const origin = headerValue(req, 'origin');
  if (origin === undefined || origin === 'null') return origin === undefined;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
