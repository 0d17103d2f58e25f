/** Schemes whose URL form `URL` parses into user, password and host, as node-postgres does. */
export const URL_SCHEMES: ReadonlySet<string> = new Set(['postgres:', 'postgresql:']);

/**
 * The connection string with its password masked, for messages and descriptions. Anything else
 * (keyword/value strings, another scheme, a string that does not parse) is not echoed at all:
 * `URL` would not find the password in it, e.g. `user:secret@host` parses as scheme `user:`.
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (!URL_SCHEMES.has(parsed.protocol)) throw new TypeError('not a PostgreSQL URL');
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparsable connection string)';
  }
}
