import type { SealbusErrorCode } from './catalogue.js';

/**
 * What each `Broker`, `Queue` and `Topic` method may throw, by catalogue code. The `@throws`
 * tags in `types/broker.ts` list exactly these (a test compares them), so the docs cannot drift
 * from the table. Every call may also fail with the service-wide codes of `ANY_CALL_THROWS`.
 */

/** Codes any call may raise: a closed broker, and (AWS backend) the service or network. */
export const ANY_CALL_THROWS = [
  'BrokerClosed',
  'ServiceUnavailable',
  'InternalFailure',
  'RequestThrottled',
  'AccessDenied',
] as const satisfies readonly SealbusErrorCode[];

/** Sealing a message: the queue's or topic's KMS key refuses a data key. */
const SEALING = [
  'KMS.DisabledException',
  'KMS.NotFoundException',
  'KMS.AccessDeniedException',
  'KMS.InvalidStateException',
  'KMS.ThrottlingException',
] as const;

/** A batch request as a whole (per-entry failures are in the result, not thrown). */
const BATCH = [
  'EmptyBatchRequest',
  'TooManyEntriesInBatchRequest',
  'BatchEntryIdsNotDistinct',
  'InvalidBatchEntryId',
] as const;

const QUEUE = ['QueueDoesNotExist'] as const;
const TOPIC = ['NotFound'] as const;
const ATTRIBUTES = ['InvalidAttributeName', 'InvalidAttributeValue'] as const;

export const METHOD_THROWS = {
  'Queue.send': [...QUEUE, 'InvalidParameterValue', 'InvalidMessageContents', ...SEALING],
  'Queue.sendBatch': [...QUEUE, ...BATCH, 'BatchRequestTooLong', ...SEALING],
  'Queue.receive': [...QUEUE, 'InvalidParameterValue'],
  'Queue.delete': [...QUEUE, 'ReceiptHandleIsInvalid'],
  'Queue.deleteBatch': [...QUEUE, ...BATCH],
  'Queue.changeVisibility': [
    ...QUEUE,
    'ReceiptHandleIsInvalid',
    'MessageNotInflight',
    'InvalidParameterValue',
  ],
  'Queue.changeVisibilityBatch': [...QUEUE, ...BATCH],
  'Queue.getAttributes': [...QUEUE],
  'Queue.setAttributes': [...QUEUE, ...ATTRIBUTES],
  'Queue.purge': [...QUEUE, 'PurgeQueueInProgress'],
  'Queue.tag': [...QUEUE, 'InvalidParameterValue', 'OverLimit'],
  'Queue.untag': [...QUEUE, 'InvalidParameterValue'],
  'Queue.listTags': [...QUEUE],
  'Queue.addPermission': [...QUEUE, 'MissingParameter', 'InvalidParameterValue', 'OverLimit'],
  'Queue.removePermission': [...QUEUE, 'MissingParameter', 'InvalidParameterValue'],
  'Topic.publish': [...TOPIC, 'InvalidParameter', ...SEALING],
  'Topic.publishBatch': [...TOPIC, ...BATCH, 'BatchRequestTooLong', 'InvalidParameter', ...SEALING],
  'Topic.subscribe': [...TOPIC, 'InvalidParameter', 'FilterPolicyLimitExceeded'],
  'Topic.unsubscribe': [...TOPIC],
  'Topic.listSubscriptions': [...TOPIC],
  'Topic.getAttributes': [...TOPIC],
  'Topic.setAttributes': [...TOPIC, 'InvalidParameter'],
  'Topic.tag': ['ResourceNotFound', 'InvalidParameter', 'TagLimitExceeded'],
  'Topic.untag': ['ResourceNotFound', 'InvalidParameter'],
  'Topic.listTags': ['ResourceNotFound'],
  'Topic.addPermission': [...TOPIC, 'InvalidParameter'],
  'Topic.removePermission': [...TOPIC, 'InvalidParameter'],
  'Broker.createQueue': ['QueueNameExists', 'InvalidParameterValue', ...ATTRIBUTES],
  'Broker.getQueue': [...QUEUE],
  'Broker.listQueues': [],
  'Broker.deleteQueue': [...QUEUE],
  'Broker.listDeadLetterSourceQueues': [...QUEUE],
  'Broker.createTopic': ['InvalidParameter'],
  'Broker.getTopic': [...TOPIC],
  'Broker.listTopics': [],
  'Broker.deleteTopic': [],
  'Broker.getSubscription': [...TOPIC],
  'Broker.setSubscriptionAttributes': [...TOPIC, 'InvalidParameter', 'FilterPolicyLimitExceeded'],
  'Broker.confirmSubscription': [...TOPIC, 'InvalidParameter'],
  'Broker.startMessageMove': [
    'ResourceNotFoundException',
    'InvalidParameterValue',
    'UnsupportedOperation',
  ],
  'Broker.listMessageMoveTasks': ['ResourceNotFoundException', 'InvalidParameterValue'],
  'Broker.cancelMessageMoveTask': ['ResourceNotFoundException', 'UnsupportedOperation'],
  'Broker.setSmsAttributes': ['InvalidParameter'],
  'Broker.getSmsAttributes': [],
  'Broker.checkIfPhoneNumberIsOptedOut': ['InvalidParameter'],
  'Broker.listPhoneNumbersOptedOut': ['InvalidParameter'],
  'Broker.optInPhoneNumber': ['InvalidParameter'],
  'Broker.publishSms': ['InvalidParameter'],
  'Broker.close': [],
} as const satisfies Record<string, readonly SealbusErrorCode[]>;

export type BrokerMethod = keyof typeof METHOD_THROWS;
