import type { Broker } from '@sealbus/core';
import type { SnsActions } from '../protocols/sns-query.js';
import { snsPermissionActions } from './sns/permissionActions.js';
import { snsPublishActions } from './sns/publishActions.js';
import { snsSmsActions } from './sns/smsActions.js';
import { snsSubscriptionActions } from './sns/subscriptionActions.js';
import { snsTopicActions } from './sns/topicActions.js';

/**
 * The SNS actions over a `Broker` (Query protocol; inputs and outputs as JSON-model objects).
 * One action per operation of the SNS shape table, checked by the compiler.
 */
export function snsActions(broker: Broker): SnsActions {
  return {
    ...snsTopicActions(broker),
    ...snsSubscriptionActions(broker),
    ...snsPublishActions(broker),
    ...snsPermissionActions(broker),
    ...snsSmsActions(broker),
  } satisfies SnsActions;
}
