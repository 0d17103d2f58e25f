import type { Broker } from '@sealbus/core';
import type { SqsActions } from '../protocols/sqs-query.js';
import { sqsMessageActions } from './sqs/messageActions.js';
import { sqsMoveActions } from './sqs/moveActions.js';
import { sqsQueueActions } from './sqs/queueActions.js';

/**
 * The SQS actions over a `Broker`, shared by the JSON 1.0 and Query protocols: inputs and
 * outputs are JSON-model objects (blobs in base64), queue URLs are built on the request's host.
 * One action per operation of the SQS shape table, checked by the compiler.
 */
export function sqsActions(broker: Broker): SqsActions {
  return {
    ...sqsQueueActions(broker),
    ...sqsMessageActions(broker),
    ...sqsMoveActions(broker),
  } satisfies SqsActions;
}
