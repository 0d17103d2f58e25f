import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { parseCookies, serializeCookie } from './cookies.js';

export const SESSION_COOKIE = 'sealbus_console_session';
export const AUTH_COOKIE = 'sealbus_console_auth';
/** The form field and header that carry the CSRF token of a POST. */
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** A login lasts a working day. */
const AUTH_MAX_AGE_SECONDS = 12 * 60 * 60;
const SESSION_ID = /^[A-Za-z0-9_-]{22}$/;

export interface Session {
  id: string;
  /** Set when the request brought no valid session cookie: the response must set it. */
  setCookie?: string;
}

function sameBytes(a: string, b: string): boolean {
  // Hash first so the comparison takes the same time whatever the lengths.
  const left = createHash('sha256').update(a).digest();
  const right = createHash('sha256').update(b).digest();
  return timingSafeEqual(left, right);
}

/**
 * Sessions, login and CSRF without server-side state: the session id is random, and the auth
 * cookie and CSRF token are HMACs of it under a secret that lives only in this process.
 */
export class SessionGuard {
  readonly #secret = randomBytes(32);
  readonly #accessToken: string | undefined;
  readonly #path: string;

  constructor(accessToken: string | undefined, cookiePath: string) {
    this.#accessToken = accessToken;
    this.#path = cookiePath;
  }

  get requiresToken(): boolean {
    return this.#accessToken !== undefined;
  }

  session(req: IncomingMessage): Session {
    const id = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
    if (id !== undefined && SESSION_ID.test(id)) return { id };
    const fresh = randomBytes(16).toString('base64url');
    return { id: fresh, setCookie: serializeCookie(SESSION_COOKIE, fresh, { path: this.#path }) };
  }

  /** Without an access token everyone on loopback is in; with one, a Bearer header or the login cookie. */
  isAuthenticated(req: IncomingMessage, session: Session): boolean {
    if (this.#accessToken === undefined) return true;
    const authorization = req.headers.authorization;
    if (authorization?.startsWith('Bearer ')) {
      return sameBytes(authorization.slice('Bearer '.length).trim(), this.#accessToken);
    }
    const cookie = parseCookies(req.headers.cookie).get(AUTH_COOKIE);
    return cookie !== undefined && sameBytes(cookie, this.#mac('auth', session.id));
  }

  /**
   * Who acts, for the audit of console actions: `loopback` without an access token, `bearer`
   * for a client sending the token, else the signed-in session (a hash of its id, which is
   * stable for the sign-in and reveals nothing that would let anyone reuse it).
   */
  identity(req: IncomingMessage, session: Session): string {
    if (this.#accessToken === undefined) return 'loopback';
    if (req.headers.authorization?.startsWith('Bearer ')) return 'bearer';
    return `session:${createHash('sha256').update(session.id).digest('base64url').slice(0, 16)}`;
  }

  /** The `Set-Cookie` of a successful login, or undefined when the token is wrong. */
  login(session: Session, token: string): string | undefined {
    if (this.#accessToken === undefined || !sameBytes(token, this.#accessToken)) return undefined;
    return serializeCookie(AUTH_COOKIE, this.#mac('auth', session.id), {
      path: this.#path,
      maxAgeSeconds: AUTH_MAX_AGE_SECONDS,
    });
  }

  logoutCookie(): string {
    return serializeCookie(AUTH_COOKIE, '', { path: this.#path, maxAgeSeconds: 0 });
  }

  csrfToken(session: Session): string {
    return this.#mac('csrf', session.id);
  }

  checkCsrf(session: Session, token: string | undefined): boolean {
    // A session minted on this very request has never been shown a token.
    if (session.setCookie !== undefined || token === undefined) return false;
    return sameBytes(token, this.csrfToken(session));
  }

  #mac(purpose: string, sessionId: string): string {
    return createHmac('sha256', this.#secret)
      .update(`${purpose}\0${sessionId}`)
      .digest('base64url');
  }
}
