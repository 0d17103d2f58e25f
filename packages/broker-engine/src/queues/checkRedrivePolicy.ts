import {
  describeValue,
  InvalidParameterValueError,
  queueNameFrom,
  type ResolvedQueueAttributes,
} from '@sealbus/core';
import type { MessageStore } from '../store/MessageStore.js';

/**
 * A `RedrivePolicy` must name an existing dead-letter queue of the same type whose
 * `RedriveAllowPolicy` lets this queue use it, as SQS checks on CreateQueue/SetQueueAttributes.
 */
export async function checkRedrivePolicy(
  store: MessageStore,
  queueArn: string,
  attributes: ResolvedQueueAttributes,
): Promise<void> {
  const policy = attributes.RedrivePolicy;
  if (policy === undefined) return;
  const field = 'RedrivePolicy.deadLetterTargetArn';
  const target = await store.getQueue(queueNameFrom(policy.deadLetterTargetArn, field));
  if (target === undefined) {
    throw new InvalidParameterValueError(
      `${field} ${describeValue(policy.deadLetterTargetArn)} does not exist. Create the dead-letter queue first.`,
      { field },
    );
  }
  if (target.attributes.FifoQueue !== attributes.FifoQueue) {
    throw new InvalidParameterValueError(
      `${field} ${describeValue(policy.deadLetterTargetArn)} must be a ${attributes.FifoQueue ? 'FIFO' : 'standard'} queue like its source ${describeValue(queueArn)}.`,
      { field },
    );
  }
  const allow = target.attributes.RedriveAllowPolicy;
  if (allow === undefined || allow.redrivePermission === 'allowAll') return;
  if (allow.redrivePermission === 'byQueue' && allow.sourceQueueArns?.includes(queueArn)) return;
  throw new InvalidParameterValueError(
    `The RedriveAllowPolicy of ${target.name} (${allow.redrivePermission}) does not allow ${describeValue(queueArn)} to use it as a dead-letter queue. Add the source queue ARN to its sourceQueueArns or use allowAll.`,
    { field: 'RedrivePolicy' },
  );
}
