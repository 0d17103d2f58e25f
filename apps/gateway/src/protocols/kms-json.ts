import { awsWireError } from '@sealbus/core';
import type { GatewayRequest, Protocol } from '../http/types.js';
import type { Actions } from '../services/context.js';
import { jsonErrorBody, runJsonAction } from './json.js';

const CONTENT_TYPE = 'application/x-amz-json-1.1';

/** KMS JSON 1.1 (`X-Amz-Target: TrentService.*`); errors carry short `__type` names. */
export function kmsJsonProtocol(actions: Actions): Protocol {
  return {
    name: 'kms-json',
    handle: (request: GatewayRequest) =>
      runJsonAction({ contentType: CONTENT_TYPE, targetPrefix: 'TrentService', actions }, request),
    error(error, _requestId, action) {
      const wire = awsWireError(error, 'kms', { action });
      return {
        status: wire.status,
        headers: { 'content-type': CONTENT_TYPE },
        body: jsonErrorBody(wire.code, wire.message),
      };
    },
  };
}
