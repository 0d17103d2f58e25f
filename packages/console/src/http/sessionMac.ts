import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a session MAC vouches for: the sign-in cookie or the CSRF token of one session. */
export type MacPurpose = 'auth' | 'csrf';

/**
 * The secret behind the console's stateless sessions: the sign-in cookie and the CSRF token are
 * HMACs of the random session id under a key that lives only in this process, so a restart
 * signs everyone out and nothing needs storing.
 */
export class SessionMac {
  readonly #secret = randomBytes(32);

  of(purpose: MacPurpose, sessionId: string): string {
    return createHmac('sha256', this.#secret)
      .update(`${purpose}\0${sessionId}`)
      .digest('base64url');
  }
}

export function sameBytes(a: string, b: string): boolean {
  // Hash first so the comparison takes the same time whatever the lengths.
  const left = createHash('sha256').update(a).digest();
  const right = createHash('sha256').update(b).digest();
  return timingSafeEqual(left, right);
}
