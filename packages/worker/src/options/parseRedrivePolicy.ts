import { InvalidAttributeValueError, type RedrivePolicy } from '@sealbus/core';

/** A queue's `RedrivePolicy` as an object, whichever form (object or SQS JSON string) it came in. */
export function parseRedrivePolicy(
  value: RedrivePolicy | string | undefined,
  queueName: string,
): RedrivePolicy | undefined {
  if (value === undefined || value === '') return undefined;
  let policy: Partial<RedrivePolicy>;
  try {
    policy = typeof value === 'string' ? (JSON.parse(value) as Partial<RedrivePolicy>) : value;
  } catch (error) {
    throw new InvalidAttributeValueError(
      `Queue ${queueName} has a RedrivePolicy that is not JSON; set it to {"deadLetterTargetArn": ..., "maxReceiveCount": n}.`,
      { field: 'RedrivePolicy', cause: error },
    );
  }
  const maxReceiveCount = Number(policy.maxReceiveCount);
  if (typeof policy.deadLetterTargetArn !== 'string' || !Number.isInteger(maxReceiveCount)) {
    throw new InvalidAttributeValueError(
      `Queue ${queueName} has a RedrivePolicy without deadLetterTargetArn and an integer maxReceiveCount; fix the queue's RedrivePolicy.`,
      { field: 'RedrivePolicy' },
    );
  }
  return { deadLetterTargetArn: policy.deadLetterTargetArn, maxReceiveCount };
}
