/**
 * Names from the OpenTelemetry messaging semantic conventions (status: development), kept here
 * so that this package needs nothing but `@opentelemetry/api` at run time.
 */
export const ATTR_MESSAGING_SYSTEM = 'messaging.system';
export const ATTR_MESSAGING_DESTINATION_NAME = 'messaging.destination.name';
export const ATTR_MESSAGING_OPERATION_NAME = 'messaging.operation.name';
export const ATTR_MESSAGING_OPERATION_TYPE = 'messaging.operation.type';
export const ATTR_MESSAGING_MESSAGE_ID = 'messaging.message.id';
export const ATTR_MESSAGING_BATCH_MESSAGE_COUNT = 'messaging.batch.message_count';
export const ATTR_ERROR_TYPE = 'error.type';
export const ATTR_AWS_SQS_QUEUE_URL = 'aws.sqs.queue.url';
export const ATTR_AWS_SNS_TOPIC_ARN = 'aws.sns.topic.arn';

/** The fallback `error.type` when nothing better describes a failure. */
export const ERROR_TYPE_OTHER = '_OTHER';

/**
 * `messaging.system` on every backend: sealbus gives memory and SQLite the SQS and SNS API and
 * semantics, so their spans read like those of the AWS backend and share its dashboards.
 */
export const MESSAGING_SYSTEM = { queue: 'aws_sqs', topic: 'aws.sns' } as const;

/** The well-known `messaging.operation.type` values. */
export const OperationType = {
  create: 'create',
  send: 'send',
  receive: 'receive',
  process: 'process',
  settle: 'settle',
} as const;
export type OperationType = (typeof OperationType)[keyof typeof OperationType];

// sealbus's own attributes.

/** The handler's result: `consumed`, `retryLater`, `error` or `discarded`. */
export const ATTR_SEALBUS_HANDLER_STATUS = 'sealbus.handler.status';
/** Where a producer span's context went: `traceparent`, `AWSTraceHeader`, both or neither. */
export const ATTR_SEALBUS_TRACE_CONTEXT_CARRIERS = 'sealbus.trace_context.carriers';
/** The delivery count (`ApproximateReceiveCount`) of a processed message. */
export const ATTR_SEALBUS_RECEIVE_COUNT = 'sealbus.receive_count';
