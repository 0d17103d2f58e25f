/** `RedrivePolicy` of a source queue. */
export interface RedrivePolicy {
  deadLetterTargetArn: string;
  /** 1–1,000. */
  maxReceiveCount: number;
}

/** `RedriveAllowPolicy` of a dead-letter queue: which source queues may use it. */
export interface RedriveAllowPolicy {
  redrivePermission: 'allowAll' | 'denyAll' | 'byQueue';
  /** With `byQueue`: 1–10 source queue ARNs. */
  sourceQueueArns?: string[];
}

/**
 * Queue attributes with the SQS names and limits. Numbers are seconds unless named otherwise.
 * `RedrivePolicy`/`RedriveAllowPolicy` also accept their SQS JSON string form.
 */
export interface QueueAttributes {
  /** 0–900. @defaultValue 0 */
  DelaySeconds?: number;
  /** 1,024–1,048,576 bytes, attributes included. @defaultValue 1048576 */
  MaximumMessageSize?: number;
  /** 60–1,209,600. @defaultValue 345600 (4 days) */
  MessageRetentionPeriod?: number;
  /** 0–20. @defaultValue 0 */
  ReceiveMessageWaitTimeSeconds?: number;
  /** 0–43,200. @defaultValue 30 */
  VisibilityTimeout?: number;
  RedrivePolicy?: RedrivePolicy | string;
  RedriveAllowPolicy?: RedriveAllowPolicy | string;
  /** Key id, key ARN, alias name or alias ARN; `alias/aws/sqs` is the AWS-managed key. */
  KmsMasterKeyId?: string;
  /** 60–86,400. @defaultValue 300 */
  KmsDataKeyReusePeriodSeconds?: number;
  /** SSE with a broker-owned key; exclusive with `KmsMasterKeyId`. */
  SqsManagedSseEnabled?: boolean;
  /** Only at creation; the name must end in `.fifo`. */
  FifoQueue?: boolean;
  ContentBasedDeduplication?: boolean;
  DeduplicationScope?: 'messageGroup' | 'queue';
  FifoThroughputLimit?: 'perQueue' | 'perMessageGroupId';
  /** An IAM-style queue policy document (JSON), stored and returned verbatim. */
  Policy?: string;
}

/** Read-only queue attributes. */
export interface QueueCounters {
  QueueArn: string;
  ApproximateNumberOfMessages: number;
  ApproximateNumberOfMessagesNotVisible: number;
  ApproximateNumberOfMessagesDelayed: number;
  /** Epoch seconds. */
  CreatedTimestamp: number;
  /** Epoch seconds. */
  LastModifiedTimestamp: number;
}

export interface TopicAttributes {
  KmsMasterKeyId?: string;
  /** Only at creation; the name must end in `.fifo`. */
  FifoTopic?: boolean;
  ContentBasedDeduplication?: boolean;
  DisplayName?: string;
  Policy?: string;
  /** How http/https notifications are signed: `'1'` SHA1withRSA, `'2'` SHA256withRSA. @defaultValue '1' */
  SignatureVersion?: '1' | '2';
}

export interface TopicCounters {
  TopicArn: string;
  SubscriptionsConfirmed: number;
  SubscriptionsPending: number;
  SubscriptionsDeleted: number;
}

export type FilterPolicyScope = 'MessageAttributes' | 'MessageBody';

/** The SNS protocols a subscription may use (`lambda` and `firehose` are refused). */
export type SubscriptionProtocol =
  | 'sqs'
  | 'http'
  | 'https'
  | 'email'
  | 'email-json'
  | 'sms'
  | 'application';

/** What a topic delivers to: a protocol and its endpoint (a queue ARN, a URL, an address). */
export interface SubscriptionTarget {
  protocol: SubscriptionProtocol;
  endpoint: string;
}

/** The retry schedule of http/https deliveries (SNS `healthyRetryPolicy`), in seconds. */
export interface HealthyRetryPolicy {
  /** 1 – maxDelayTarget. @defaultValue 20 */
  minDelayTarget: number;
  /** minDelayTarget – 3,600. @defaultValue 20 */
  maxDelayTarget: number;
  /** 0–100 retries after the first attempt. @defaultValue 3 */
  numRetries: number;
  numNoDelayRetries: number;
  numMinDelayRetries: number;
  numMaxDelayRetries: number;
  backoffFunction: 'arithmetic' | 'exponential' | 'geometric' | 'linear';
}

/** A subscription's `DeliveryPolicy` (http/https only). */
export interface SubscriptionDeliveryPolicy {
  healthyRetryPolicy?: Partial<HealthyRetryPolicy>;
  throttlePolicy?: { maxReceivesPerSecond?: number };
  requestPolicy?: { headerContentType?: string };
}

/** A subscription's `RedrivePolicy`: where undeliverable messages go. */
export interface SubscriptionRedrivePolicy {
  /** An SQS queue ARN. */
  deadLetterTargetArn: string;
}

export interface SubscribeOptions {
  /** An SNS filter policy object (or its JSON string). */
  filterPolicy?: object | string;
  /** @defaultValue 'MessageAttributes' */
  filterPolicyScope?: FilterPolicyScope;
  /** Deliver the bare message instead of the SNS JSON envelope. @defaultValue false */
  rawMessageDelivery?: boolean;
  /** http/https retry schedule (object or its JSON); `''` removes it. */
  deliveryPolicy?: SubscriptionDeliveryPolicy | string;
  /** Dead-letter queue of undeliverable messages (object or its JSON); `''` removes it. */
  redrivePolicy?: SubscriptionRedrivePolicy | string;
}

export interface SubscriptionAttributes {
  filterPolicy?: object;
  filterPolicyScope: FilterPolicyScope;
  rawMessageDelivery: boolean;
  deliveryPolicy?: SubscriptionDeliveryPolicy;
  redrivePolicy?: SubscriptionRedrivePolicy;
}

export interface MoveTaskRequest {
  /** A dead-letter queue's ARN. */
  sourceArn: string;
  /** @defaultValue each message goes back to the queue it was dead-lettered from */
  destinationArn?: string;
  /** 1–500. @defaultValue as fast as the store allows */
  maxPerSecond?: number;
}

export const MoveTaskStatus = {
  RUNNING: 'RUNNING',
  COMPLETED: 'COMPLETED',
  CANCELLING: 'CANCELLING',
  CANCELLED: 'CANCELLED',
  FAILED: 'FAILED',
} as const;
export type MoveTaskStatus = (typeof MoveTaskStatus)[keyof typeof MoveTaskStatus];

/** A snapshot of a message move task (SQS `ListMessageMoveTasksResultEntry`). */
export interface MoveTask {
  taskHandle: string;
  status: MoveTaskStatus;
  sourceArn: string;
  destinationArn?: string;
  maxNumberOfMessagesPerSecond?: number;
  approximateNumberOfMessagesMoved: number;
  approximateNumberOfMessagesToMove?: number;
  failureReason?: string;
  /** Epoch milliseconds. */
  startedTimestamp: number;
}

/**
 * Queue attributes after validation, with every default applied and the policies parsed.
 * This is what stores persist and the engine reads.
 */
export interface ResolvedQueueAttributes {
  DelaySeconds: number;
  MaximumMessageSize: number;
  MessageRetentionPeriod: number;
  ReceiveMessageWaitTimeSeconds: number;
  VisibilityTimeout: number;
  RedrivePolicy?: RedrivePolicy;
  RedriveAllowPolicy?: RedriveAllowPolicy;
  KmsMasterKeyId?: string;
  KmsDataKeyReusePeriodSeconds: number;
  /** AWS turns SSE-SQS on for new queues unless a KMS key is given; so does sealbus. */
  SqsManagedSseEnabled: boolean;
  FifoQueue: boolean;
  ContentBasedDeduplication: boolean;
  DeduplicationScope?: 'messageGroup' | 'queue';
  FifoThroughputLimit?: 'perQueue' | 'perMessageGroupId';
  Policy?: string;
}

export interface ResolvedTopicAttributes {
  KmsMasterKeyId?: string;
  FifoTopic: boolean;
  ContentBasedDeduplication: boolean;
  DisplayName?: string;
  Policy?: string;
  SignatureVersion?: '1' | '2';
}
