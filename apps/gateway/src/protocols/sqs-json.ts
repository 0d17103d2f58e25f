import { awsWireError } from '@sealbus/core';
import type { GatewayRequest, Protocol } from '../http/types.js';
import type { Actions } from '../services/context.js';
import { jsonErrorBody, runJsonAction } from './json.js';

const CONTENT_TYPE = 'application/x-amz-json-1.0';

/** SQS JSON 1.0 (`X-Amz-Target: AmazonSQS.*`), used by @aws-sdk/client-sqs ≥ 3.446. */
export function sqsJsonProtocol(actions: Actions): Protocol {
  return {
    name: 'sqs-json',
    handle: (request: GatewayRequest) =>
      runJsonAction({ contentType: CONTENT_TYPE, targetPrefix: 'AmazonSQS', actions }, request),
    error(error, _requestId, action) {
      const wire = awsWireError(error, 'sqs', { action });
      return {
        // SQS JSON is "awsQueryCompatible": it keeps the Query protocol's HTTP status (an
        // unknown access key answers 403 InvalidClientTokenId on both), only the body changes.
        status: wire.status,
        headers: {
          'content-type': CONTENT_TYPE,
          // SDKs pick the error class from this header (awsQueryCompatible).
          'x-amzn-query-error': `${wire.code};${wire.fault}`,
        },
        body: jsonErrorBody(`com.amazonaws.sqs#${wire.jsonType}`, wire.message),
      };
    },
  };
}
