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
