import type { IncomingMessage } from 'node:http';
import { headerValue } from './headers.js';
import type { Session } from './SessionGuard.js';
import { type SessionMac, sameBytes } from './sessionMac.js';

/** The form field and header that carry the CSRF token of a POST. */
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** CSRF tokens: one per session, an HMAC of its id, shown in every page's forms. */
export class CsrfTokens {
  readonly #mac: SessionMac;

  constructor(mac: SessionMac) {
    this.#mac = mac;
  }

  tokenOf(session: Session): string {
    return this.#mac.of('csrf', session.id);
  }

  /** Whether a POST carries its session's token, in the form field or the header. */
  check(session: Session, req: IncomingMessage, form: URLSearchParams): boolean {
    const token = form.get(CSRF_FIELD) ?? headerValue(req, CSRF_HEADER);
    // A session minted on this very request has never been shown a token.
    if (session.setCookie !== undefined || token === undefined) return false;
    return sameBytes(token, this.tokenOf(session));
  }
}

/**
 * Browsers say where a POST comes from: refuse cross-site ones outright (SameSite cookies and
 * the CSRF token already stop them; this is defence in depth). `Origin: null` is refused too:
 * it is what a no-referrer page or a sandboxed frame elsewhere sends, so it proves nothing.
 */
export function isSameOrigin(req: IncomingMessage): boolean {
  if (headerValue(req, 'sec-fetch-site') === 'cross-site') return false;
  const origin = headerValue(req, 'origin');
  if (origin === undefined || origin === 'null') return origin === undefined;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
