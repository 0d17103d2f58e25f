import { SealbusError } from './SealbusError.js';

/** A call on a broker after `close()`. Create a new broker to continue. */
export class BrokerClosedError extends SealbusError {
  override readonly name = 'BrokerClosedError';
  readonly code = 'BrokerClosed';
}
