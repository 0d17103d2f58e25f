import { errorBase } from './SealbusError.js';

/** A call on a broker after `close()`. Create a new broker to continue. */
export class BrokerClosedError extends errorBase('BrokerClosed') {}

/**
 * A command that only reads was pointed at a database file that does not exist. Nothing is
 * created, so a mistyped path cannot silently start a new, empty broker.
 */
export class DatabaseNotFoundError extends errorBase('DatabaseNotFound') {
  readonly path: string;

  constructor(path: string, fix: string) {
    super(`no database at ${JSON.stringify(path)}; ${fix}`, { field: 'path' });
    this.path = path;
  }
}

/**
 * An options object carried a key the call does not know, e.g. `attributes` for
 * `messageAttributes`. JavaScript callers get no type error, and an ignored option would change
 * the behaviour silently, so the call is refused instead.
 */
export class UnknownOptionError extends errorBase('UnknownOption') {
  /** The key that was not recognised. */
  readonly option: string;
  /** The known key it most likely meant, when one is close. */
  readonly suggestion?: string;

  constructor(message: string, option: string, field: string, suggestion: string | undefined) {
    super(message, { field });
    this.option = option;
    if (suggestion !== undefined) this.suggestion = suggestion;
  }
}
