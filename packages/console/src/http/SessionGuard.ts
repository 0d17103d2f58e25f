import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { parseCookies, serializeCookie } from './cookies.js';
import { type SessionMac, sameBytes } from './sessionMac.js';

export const SESSION_COOKIE = 'sealbus_console_session';
export const AUTH_COOKIE = 'sealbus_console_auth';

/** A login lasts a working day. */
const AUTH_MAX_AGE_SECONDS = 12 * 60 * 60;
const SESSION_ID = /^[A-Za-z0-9_-]{22}$/;

export interface Session {
  id: string;
  /** Set when the request brought no valid session cookie: the response must set it. */
  setCookie?: string;
}

/**
 * Sessions and sign-in without server-side state: the session id is random, and the sign-in
 * cookie is an HMAC of it (see `SessionMac`). CSRF tokens hang off the same session
 * (`CsrfTokens`).
 */
export class SessionGuard {
  readonly #mac: SessionMac;
  readonly #accessToken: string | undefined;
  readonly #path: string;

  constructor(mac: SessionMac, accessToken: string | undefined, cookiePath: string) {
    this.#mac = mac;
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
    return cookie !== undefined && sameBytes(cookie, this.#mac.of('auth', session.id));
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
    return serializeCookie(AUTH_COOKIE, this.#mac.of('auth', session.id), {
      path: this.#path,
      maxAgeSeconds: AUTH_MAX_AGE_SECONDS,
    });
  }

  logoutCookie(): string {
    return serializeCookie(AUTH_COOKIE, '', { path: this.#path, maxAgeSeconds: 0 });
  }
}
