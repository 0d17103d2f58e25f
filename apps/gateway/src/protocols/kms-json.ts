import type { GatewayRequest, Protocol } from '../http/types.js';
import type { Actions } from '../services/context.js';
import { jsonErrorBody, runJsonAction } from './json.js';
import { kmsWireError } from './wire-errors.js';

const CONTENT_TYPE = 'application/x-amz-json-1.1';

/** KMS JSON 1.1 (`X-Amz-Target: TrentService.*`); errors carry short `__type` names. */
export function kmsJsonProtocol(actions: Actions): Protocol {
  return {
    name: 'kms-json',
    handle: (request: GatewayRequest) =>
      runJsonAction({ contentType: CONTENT_TYPE, targetPrefix: 'TrentService', actions }, request),
    error(error) {
      const wire = kmsWireError(error);
      return {
        status: wire.jsonStatus,
        headers: { 'content-type': CONTENT_TYPE },
        body: jsonErrorBody(wire.jsonType, wire.message),
      };
    },
  };
}
