import type {
  MoveTask,
  MoveTaskRequest,
  QueueAttributes,
  QueueCounters,
  SubscribeOptions,
  SubscriptionAttributes,
  TopicAttributes,
  TopicCounters,
} from './attributes.js';
import type {
  BatchResult,
  ChangeVisibilityBatchEntry,
  DeleteBatchEntry,
  PublishBatchEntry,
  PublishOptions,
  PublishResult,
  ReceivedMessage,
  ReceiveOptions,
  SendBatchEntry,
  SendOptions,
  SendResult,
} from './messages.js';

/**
 * A queue of one broker (SQS semantics on every backend).
 * Besides the `@throws` of each method, any call may fail with `BrokerClosedError` and, on the
 * AWS backend, `ServiceUnavailableError`, `InternalFailureError`, `RequestThrottledError` or
 * `AccessDeniedError` (`ANY_CALL_THROWS`).
 */
export interface Queue {
  readonly name: string;
  readonly arn: string;
  readonly url: string;
  /**
   * A `Uint8Array` body must be UTF-8 text: SQS bodies are strings.
   * @throws {@link QueueDoesNotExistError} QueueDoesNotExist
   * @throws {@link InvalidParameterValueError} InvalidParameterValue
   * @throws {@link InvalidMessageContentsError} InvalidMessageContents
   * @throws {@link KmsDisabledError} KMS.DisabledException
   * @throws {@link KmsNotFoundError} KMS.NotFoundException
   * @throws {@link KmsAccessDeniedError} KMS.AccessDeniedException
   * @throws {@link KmsInvalidStateError} KMS.InvalidStateException
   * @throws {@link KmsThrottlingError} KMS.ThrottlingException
   */
  send(body: string | Uint8Array, options?: SendOptions): Promise<SendResult>;
  /**
   * 1–10 entries with distinct ids; per-entry failures are reported, not thrown.
   * @throws {@link QueueDoesNotExistError} QueueDoesNotExist
   * @throws {@link EmptyBatchRequestError} EmptyBatchRequest
   * @throws {@link TooManyEntriesInBatchRequestError} TooManyEntriesInBatchRequest
   * @throws {@link BatchEntryIdsNotDistinctError} BatchEntryIdsNotDistinct
   * @throws {@link InvalidBatchEntryIdError} InvalidBatchEntryId
   * @throws {@link BatchRequestTooLongError} BatchRequestTooLong
   * @throws {@link KmsDisabledError} KMS.DisabledException
   * @throws {@link KmsNotFoundError} KMS.NotFoundException
   * @throws {@link KmsAccessDeniedError} KMS.AccessDeniedException
   * @throws {@link KmsInvalidStateError} KMS.InvalidStateException
   * @throws {@link KmsThrottlingError} KMS.ThrottlingException
   */
  sendBatch(
    entries: SendBatchEntry[],
    options?: Pick<SendOptions, 'principal'>,
  ): Promise<BatchResult<SendResult>>;
  /**
   * @throws {@link QueueDoesNotExistError} QueueDoesNotExist
   * @throws {@link InvalidParameterValueError} InvalidParameterValue
   */
  receive(options?: ReceiveOptions): Promise<ReceivedMessage[]>;
  /**
   * @throws {@link QueueDoesNotExistError} QueueDoesNotExist
   * @throws {@link ReceiptHandleIsInvalidError} ReceiptHandleIsInvalid
   */
  delete(receiptHandle: string): Promise<void>;
  /**
   * Bare handles get the ids `"0"`, `"1"`, … in order.
   * @throws {@link QueueDoesNotExistError} QueueDoesNotExist
   * @throws {@link EmptyBatchRequestError} EmptyBatchRequest
   * @throws {@link TooManyEntriesInBatchRequestError} TooManyEntriesInBatchRequest
   * @throws {@link BatchEntryIdsNotDistinctError} BatchEntryIdsNotDistinct
   * @throws {@link InvalidBatchEntryIdError} InvalidBatchEntryId
   */
  deleteBatch(entries: Array<string | DeleteBatchEntry>): Promise<BatchResult<void>>;
  /**
   * 0–43,200 seconds from now; 0 makes the message visible at once.
   * @throws {@link QueueDoesNotExistError} QueueDoesNotExist
   * @throws {@link ReceiptHandleIsInvalidError} ReceiptHandleIsInvalid
   * @throws {@link MessageNotInflightError} MessageNotInflight
   * @throws {@link InvalidParameterValueError} InvalidParameterValue
   */
  changeVisibility(receiptHandle: string, visibilityTimeoutSeconds: number): Promise<void>;
  /**
   * @throws {@link QueueDoesNotExistError} QueueDoesNotExist
   * @throws {@link EmptyBatchRequestError} EmptyBatchRequest
   * @throws {@link TooManyEntriesInBatchRequestError} TooManyEntriesInBatchRequest
   * @throws {@link BatchEntryIdsNotDistinctError} BatchEntryIdsNotDistinct
   * @throws {@link InvalidBatchEntryIdError} InvalidBatchEntryId
   */
  changeVisibilityBatch(entries: ChangeVisibilityBatchEntry[]): Promise<BatchResult<void>>;
  /**
   * @throws {@link QueueDoesNotExistError} QueueDoesNotExist
   */
  getAttributes(): Promise<QueueAttributes & QueueCounters>;
  /**
   * @throws {@link QueueDoesNotExistError} QueueDoesNotExist
   * @throws {@link InvalidAttributeNameError} InvalidAttributeName
   * @throws {@link InvalidAttributeValueError} InvalidAttributeValue
   */
  setAttributes(attributes: Partial<QueueAttributes>): Promise<void>;
  /**
   * @throws {@link QueueDoesNotExistError} QueueDoesNotExist
   * @throws {@link PurgeQueueInProgressError} PurgeQueueInProgress
   */
  purge(): Promise<void>;
  /**
   * @throws {@link QueueDoesNotExistError} QueueDoesNotExist
   * @throws {@link InvalidParameterValueError} InvalidParameterValue
   * @throws {@link OverLimitError} OverLimit
   */
  tag(tags: Record<string, string>): Promise<void>;
  /**
   * @throws {@link QueueDoesNotExistError} QueueDoesNotExist
   * @throws {@link InvalidParameterValueError} InvalidParameterValue
   */
  untag(tagKeys: string[]): Promise<void>;
  /**
   * @throws {@link QueueDoesNotExistError} QueueDoesNotExist
   */
  listTags(): Promise<Record<string, string>>;
}

export interface Subscription {
  readonly arn: string;
  readonly topicArn: string;
  readonly protocol: 'sqs';
  /** The subscribed queue's ARN. */
  readonly endpoint: string;
  readonly attributes: SubscriptionAttributes;
}

/**
 * A topic of one broker (SNS semantics on every backend).
 * Besides the `@throws` of each method, any call may fail with `BrokerClosedError` and, on the
 * AWS backend, `ServiceUnavailableError`, `InternalFailureError`, `RequestThrottledError` or
 * `AccessDeniedError` (`ANY_CALL_THROWS`).
 */
export interface Topic {
  readonly name: string;
  readonly arn: string;
  /**
   * @throws {@link NotFoundError} NotFound
   * @throws {@link InvalidParameterError} InvalidParameter
   * @throws {@link KmsDisabledError} KMS.DisabledException
   * @throws {@link KmsNotFoundError} KMS.NotFoundException
   * @throws {@link KmsAccessDeniedError} KMS.AccessDeniedException
   * @throws {@link KmsInvalidStateError} KMS.InvalidStateException
   * @throws {@link KmsThrottlingError} KMS.ThrottlingException
   */
  publish(body: string, options?: PublishOptions): Promise<PublishResult>;
  /**
   * @throws {@link NotFoundError} NotFound
   * @throws {@link EmptyBatchRequestError} EmptyBatchRequest
   * @throws {@link TooManyEntriesInBatchRequestError} TooManyEntriesInBatchRequest
   * @throws {@link BatchEntryIdsNotDistinctError} BatchEntryIdsNotDistinct
   * @throws {@link InvalidBatchEntryIdError} InvalidBatchEntryId
   * @throws {@link BatchRequestTooLongError} BatchRequestTooLong
   * @throws {@link InvalidParameterError} InvalidParameter
   * @throws {@link KmsDisabledError} KMS.DisabledException
   * @throws {@link KmsNotFoundError} KMS.NotFoundException
   * @throws {@link KmsAccessDeniedError} KMS.AccessDeniedException
   * @throws {@link KmsInvalidStateError} KMS.InvalidStateException
   * @throws {@link KmsThrottlingError} KMS.ThrottlingException
   */
  publishBatch(
    entries: PublishBatchEntry[],
    options?: Pick<PublishOptions, 'principal'>,
  ): Promise<BatchResult<PublishResult>>;
  /**
   * @throws {@link NotFoundError} NotFound
   * @throws {@link InvalidParameterError} InvalidParameter
   * @throws {@link FilterPolicyLimitExceededError} FilterPolicyLimitExceeded
   */
  subscribe(queue: Queue, options?: SubscribeOptions): Promise<Subscription>;
  /**
   * @throws {@link NotFoundError} NotFound
   */
  unsubscribe(subscriptionArn: string): Promise<void>;
  /**
   * @throws {@link NotFoundError} NotFound
   */
  listSubscriptions(): Promise<Subscription[]>;
  /**
   * @throws {@link NotFoundError} NotFound
   */
  getAttributes(): Promise<TopicAttributes & TopicCounters>;
  /**
   * @throws {@link NotFoundError} NotFound
   * @throws {@link InvalidParameterError} InvalidParameter
   */
  setAttributes(attributes: Partial<TopicAttributes>): Promise<void>;
}

/**
 * Queues, topics and message moves over one backend.
 * Besides the `@throws` of each method, any call may fail with `BrokerClosedError` and, on the
 * AWS backend, `ServiceUnavailableError`, `InternalFailureError`, `RequestThrottledError` or
 * `AccessDeniedError` (`ANY_CALL_THROWS`).
 */
export interface Broker {
  /**
   * Idempotent like SQS: same name and attributes returns the queue; different attributes fail with `QueueNameExists`.
   * @throws {@link QueueNameExistsError} QueueNameExists
   * @throws {@link InvalidParameterValueError} InvalidParameterValue
   * @throws {@link InvalidAttributeNameError} InvalidAttributeName
   * @throws {@link InvalidAttributeValueError} InvalidAttributeValue
   */
  createQueue(name: string, attributes?: QueueAttributes): Promise<Queue>;
  /**
   * Accepts a queue name, URL or ARN.
   * @throws {@link QueueDoesNotExistError} QueueDoesNotExist
   */
  getQueue(nameOrUrlOrArn: string): Promise<Queue>;
  /**
   * Queue URLs, optionally filtered by name prefix.
   */
  listQueues(prefix?: string): Promise<string[]>;
  /**
   * @throws {@link QueueDoesNotExistError} QueueDoesNotExist
   */
  deleteQueue(nameOrUrlOrArn: string): Promise<void>;
  /**
   * URLs of the queues whose `RedrivePolicy` targets this queue (as SQS `ListDeadLetterSourceQueues`).
   * @throws {@link QueueDoesNotExistError} QueueDoesNotExist
   */
  listDeadLetterSourceQueues(nameOrUrlOrArn: string): Promise<string[]>;
  /**
   * @throws {@link InvalidParameterError} InvalidParameter
   */
  createTopic(name: string, attributes?: TopicAttributes): Promise<Topic>;
  /**
   * @throws {@link NotFoundError} NotFound
   */
  getTopic(nameOrArn: string): Promise<Topic>;
  /**
   * Topic ARNs.
   */
  listTopics(): Promise<string[]>;
  deleteTopic(nameOrArn: string): Promise<void>;
  /**
   * @throws {@link NotFoundError} NotFound
   */
  getSubscription(subscriptionArn: string): Promise<Subscription>;
  /**
   * @throws {@link NotFoundError} NotFound
   * @throws {@link InvalidParameterError} InvalidParameter
   * @throws {@link FilterPolicyLimitExceededError} FilterPolicyLimitExceeded
   */
  setSubscriptionAttributes(
    subscriptionArn: string,
    attributes: Partial<SubscribeOptions>,
  ): Promise<Subscription>;
  /**
   * @throws {@link ResourceNotFoundError} ResourceNotFoundException
   * @throws {@link InvalidParameterValueError} InvalidParameterValue
   * @throws {@link UnsupportedOperationError} UnsupportedOperation
   */
  startMessageMove(request: MoveTaskRequest): Promise<MoveTask>;
  /**
   * Newest first; at most `maxResults` (1–10, default 1) like SQS.
   * @throws {@link ResourceNotFoundError} ResourceNotFoundException
   * @throws {@link InvalidParameterValueError} InvalidParameterValue
   */
  listMessageMoveTasks(sourceArn: string, maxResults?: number): Promise<MoveTask[]>;
  /**
   * @throws {@link ResourceNotFoundError} ResourceNotFoundException
   * @throws {@link UnsupportedOperationError} UnsupportedOperation
   */
  cancelMessageMoveTask(taskHandle: string): Promise<MoveTask>;
  close(): Promise<void>;
}
