import type { QueuePermission } from '../validation/queuePermissions.js';
import type {
  MoveTask,
  MoveTaskRequest,
  QueueAttributes,
  QueueCounters,
  SubscribeOptions,
  SubscriptionAttributes,
  SubscriptionProtocol,
  SubscriptionTarget,
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
import type { OptedOutPage, SmsAttributes, SmsPublishOptions } from './sms.js';

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
   * @throws `QueueDoesNotExistError` (`QueueDoesNotExist`)
   * @throws `InvalidParameterValueError` (`InvalidParameterValue`)
   * @throws `InvalidMessageContentsError` (`InvalidMessageContents`)
   * @throws `KmsDisabledError` (`KMS.DisabledException`)
   * @throws `KmsNotFoundError` (`KMS.NotFoundException`)
   * @throws `KmsAccessDeniedError` (`KMS.AccessDeniedException`)
   * @throws `KmsInvalidStateError` (`KMS.InvalidStateException`)
   * @throws `KmsThrottlingError` (`KMS.ThrottlingException`)
   */
  send(body: string | Uint8Array, options?: SendOptions): Promise<SendResult>;
  /**
   * 1–10 entries with distinct ids; per-entry failures are reported, not thrown.
   * @throws `QueueDoesNotExistError` (`QueueDoesNotExist`)
   * @throws `EmptyBatchRequestError` (`EmptyBatchRequest`)
   * @throws `TooManyEntriesInBatchRequestError` (`TooManyEntriesInBatchRequest`)
   * @throws `BatchEntryIdsNotDistinctError` (`BatchEntryIdsNotDistinct`)
   * @throws `InvalidBatchEntryIdError` (`InvalidBatchEntryId`)
   * @throws `BatchRequestTooLongError` (`BatchRequestTooLong`)
   * @throws `KmsDisabledError` (`KMS.DisabledException`)
   * @throws `KmsNotFoundError` (`KMS.NotFoundException`)
   * @throws `KmsAccessDeniedError` (`KMS.AccessDeniedException`)
   * @throws `KmsInvalidStateError` (`KMS.InvalidStateException`)
   * @throws `KmsThrottlingError` (`KMS.ThrottlingException`)
   */
  sendBatch(
    entries: SendBatchEntry[],
    options?: Pick<SendOptions, 'principal'>,
  ): Promise<BatchResult<SendResult>>;
  /**
   * @throws `QueueDoesNotExistError` (`QueueDoesNotExist`)
   * @throws `InvalidParameterValueError` (`InvalidParameterValue`)
   */
  receive(options?: ReceiveOptions): Promise<ReceivedMessage[]>;
  /**
   * @throws `QueueDoesNotExistError` (`QueueDoesNotExist`)
   * @throws `ReceiptHandleIsInvalidError` (`ReceiptHandleIsInvalid`)
   */
  delete(receiptHandle: string): Promise<void>;
  /**
   * Bare handles get the ids `"0"`, `"1"`, … in order.
   * @throws `QueueDoesNotExistError` (`QueueDoesNotExist`)
   * @throws `EmptyBatchRequestError` (`EmptyBatchRequest`)
   * @throws `TooManyEntriesInBatchRequestError` (`TooManyEntriesInBatchRequest`)
   * @throws `BatchEntryIdsNotDistinctError` (`BatchEntryIdsNotDistinct`)
   * @throws `InvalidBatchEntryIdError` (`InvalidBatchEntryId`)
   */
  deleteBatch(entries: Array<string | DeleteBatchEntry>): Promise<BatchResult<void>>;
  /**
   * 0–43,200 seconds from now; 0 makes the message visible at once.
   * @throws `QueueDoesNotExistError` (`QueueDoesNotExist`)
   * @throws `ReceiptHandleIsInvalidError` (`ReceiptHandleIsInvalid`)
   * @throws `MessageNotInflightError` (`MessageNotInflight`)
   * @throws `InvalidParameterValueError` (`InvalidParameterValue`)
   */
  changeVisibility(receiptHandle: string, visibilityTimeoutSeconds: number): Promise<void>;
  /**
   * @throws `QueueDoesNotExistError` (`QueueDoesNotExist`)
   * @throws `EmptyBatchRequestError` (`EmptyBatchRequest`)
   * @throws `TooManyEntriesInBatchRequestError` (`TooManyEntriesInBatchRequest`)
   * @throws `BatchEntryIdsNotDistinctError` (`BatchEntryIdsNotDistinct`)
   * @throws `InvalidBatchEntryIdError` (`InvalidBatchEntryId`)
   */
  changeVisibilityBatch(entries: ChangeVisibilityBatchEntry[]): Promise<BatchResult<void>>;
  /**
   * @throws `QueueDoesNotExistError` (`QueueDoesNotExist`)
   */
  getAttributes(): Promise<QueueAttributes & QueueCounters>;
  /**
   * @throws `QueueDoesNotExistError` (`QueueDoesNotExist`)
   * @throws `InvalidAttributeNameError` (`InvalidAttributeName`)
   * @throws `InvalidAttributeValueError` (`InvalidAttributeValue`)
   */
  setAttributes(attributes: Partial<QueueAttributes>): Promise<void>;
  /**
   * @throws `QueueDoesNotExistError` (`QueueDoesNotExist`)
   * @throws `PurgeQueueInProgressError` (`PurgeQueueInProgress`)
   */
  purge(): Promise<void>;
  /**
   * @throws `QueueDoesNotExistError` (`QueueDoesNotExist`)
   * @throws `InvalidParameterValueError` (`InvalidParameterValue`)
   * @throws `OverLimitError` (`OverLimit`)
   */
  tag(tags: Record<string, string>): Promise<void>;
  /**
   * @throws `QueueDoesNotExistError` (`QueueDoesNotExist`)
   * @throws `InvalidParameterValueError` (`InvalidParameterValue`)
   */
  untag(tagKeys: string[]): Promise<void>;
  /**
   * @throws `QueueDoesNotExistError` (`QueueDoesNotExist`)
   */
  listTags(): Promise<Record<string, string>>;
  /**
   * SQS `AddPermission`: adds a statement `label` to the queue `Policy` that allows the accounts
   * the actions (at most 7, from `GRANTABLE_QUEUE_ACTIONS`); a label already there is refused.
   * @throws `QueueDoesNotExistError` (`QueueDoesNotExist`)
   * @throws `MissingParameterError` (`MissingParameter`)
   * @throws `InvalidParameterValueError` (`InvalidParameterValue`)
   * @throws `OverLimitError` (`OverLimit`)
   */
  addPermission(permission: QueuePermission): Promise<void>;
  /**
   * SQS `RemovePermission`: removes the statement `label` from the queue `Policy`.
   * @throws `QueueDoesNotExistError` (`QueueDoesNotExist`)
   * @throws `MissingParameterError` (`MissingParameter`)
   * @throws `InvalidParameterValueError` (`InvalidParameterValue`)
   */
  removePermission(label: string): Promise<void>;
}

export interface Subscription {
  readonly arn: string;
  readonly topicArn: string;
  readonly protocol: SubscriptionProtocol;
  /** The queue ARN, URL, address, phone number or platform endpoint ARN. */
  readonly endpoint: string;
  readonly attributes: SubscriptionAttributes;
  /** http/https subscriptions wait for `confirmSubscription`; nothing is delivered until then. */
  readonly pendingConfirmation: boolean;
}

/** A statement `addPermission` writes into a topic's `Policy`. */
export interface TopicPermission {
  /** The statement id (`Sid`); unique within the policy. */
  label: string;
  /** 12-digit AWS account ids allowed to act. */
  accountIds: string[];
  /** SNS action names, e.g. `Publish` (written as `SNS:Publish`). */
  actions: string[];
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
   * @throws `NotFoundError` (`NotFound`)
   * @throws `InvalidParameterError` (`InvalidParameter`)
   * @throws `KmsDisabledError` (`KMS.DisabledException`)
   * @throws `KmsNotFoundError` (`KMS.NotFoundException`)
   * @throws `KmsAccessDeniedError` (`KMS.AccessDeniedException`)
   * @throws `KmsInvalidStateError` (`KMS.InvalidStateException`)
   * @throws `KmsThrottlingError` (`KMS.ThrottlingException`)
   */
  publish(body: string, options?: PublishOptions): Promise<PublishResult>;
  /**
   * @throws `NotFoundError` (`NotFound`)
   * @throws `EmptyBatchRequestError` (`EmptyBatchRequest`)
   * @throws `TooManyEntriesInBatchRequestError` (`TooManyEntriesInBatchRequest`)
   * @throws `BatchEntryIdsNotDistinctError` (`BatchEntryIdsNotDistinct`)
   * @throws `InvalidBatchEntryIdError` (`InvalidBatchEntryId`)
   * @throws `BatchRequestTooLongError` (`BatchRequestTooLong`)
   * @throws `InvalidParameterError` (`InvalidParameter`)
   * @throws `KmsDisabledError` (`KMS.DisabledException`)
   * @throws `KmsNotFoundError` (`KMS.NotFoundException`)
   * @throws `KmsAccessDeniedError` (`KMS.AccessDeniedException`)
   * @throws `KmsInvalidStateError` (`KMS.InvalidStateException`)
   * @throws `KmsThrottlingError` (`KMS.ThrottlingException`)
   */
  publishBatch(
    entries: PublishBatchEntry[],
    options?: Pick<PublishOptions, 'principal'>,
  ): Promise<BatchResult<PublishResult>>;
  /**
   * A queue, or a protocol and endpoint. An SQS endpoint must be a queue ARN (it may not exist
   * yet); http/https subscriptions start pending until confirmed, as on SNS.
   * @throws `NotFoundError` (`NotFound`)
   * @throws `InvalidParameterError` (`InvalidParameter`)
   * @throws `FilterPolicyLimitExceededError` (`FilterPolicyLimitExceeded`)
   */
  subscribe(target: Queue | SubscriptionTarget, options?: SubscribeOptions): Promise<Subscription>;
  /**
   * @throws `NotFoundError` (`NotFound`)
   */
  unsubscribe(subscriptionArn: string): Promise<void>;
  /**
   * @throws `NotFoundError` (`NotFound`)
   */
  listSubscriptions(): Promise<Subscription[]>;
  /**
   * With `Policy` (the default one when never set) and `EffectiveDeliveryPolicy`, as SNS returns them.
   * @throws `NotFoundError` (`NotFound`)
   */
  getAttributes(): Promise<TopicAttributes & TopicCounters & { EffectiveDeliveryPolicy: string }>;
  /**
   * @throws `NotFoundError` (`NotFound`)
   * @throws `InvalidParameterError` (`InvalidParameter`)
   */
  setAttributes(attributes: Partial<TopicAttributes>): Promise<void>;
  /**
   * Tagging names a missing topic with SNS `ResourceNotFound`, not `NotFound`.
   * @throws `SnsResourceNotFoundError` (`ResourceNotFound`)
   * @throws `InvalidParameterError` (`InvalidParameter`)
   * @throws `TagLimitExceededError` (`TagLimitExceeded`)
   */
  tag(tags: Record<string, string>): Promise<void>;
  /**
   * @throws `SnsResourceNotFoundError` (`ResourceNotFound`)
   * @throws `InvalidParameterError` (`InvalidParameter`)
   */
  untag(tagKeys: string[]): Promise<void>;
  /**
   * @throws `SnsResourceNotFoundError` (`ResourceNotFound`)
   */
  listTags(): Promise<Record<string, string>>;
  /**
   * Adds an `Allow` statement to the topic `Policy`, as SNS `AddPermission`.
   * @throws `NotFoundError` (`NotFound`)
   * @throws `InvalidParameterError` (`InvalidParameter`)
   */
  addPermission(permission: TopicPermission): Promise<void>;
  /**
   * Removes the statement with this label from the topic `Policy`.
   * @throws `NotFoundError` (`NotFound`)
   * @throws `InvalidParameterError` (`InvalidParameter`)
   */
  removePermission(label: string): Promise<void>;
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
   * @throws `QueueNameExistsError` (`QueueNameExists`)
   * @throws `InvalidParameterValueError` (`InvalidParameterValue`)
   * @throws `InvalidAttributeNameError` (`InvalidAttributeName`)
   * @throws `InvalidAttributeValueError` (`InvalidAttributeValue`)
   */
  createQueue(name: string, attributes?: QueueAttributes): Promise<Queue>;
  /**
   * Accepts a queue name, URL or ARN.
   * @throws `QueueDoesNotExistError` (`QueueDoesNotExist`)
   */
  getQueue(nameOrUrlOrArn: string): Promise<Queue>;
  /**
   * Queue URLs, optionally filtered by name prefix.
   */
  listQueues(prefix?: string): Promise<string[]>;
  /**
   * @throws `QueueDoesNotExistError` (`QueueDoesNotExist`)
   */
  deleteQueue(nameOrUrlOrArn: string): Promise<void>;
  /**
   * URLs of the queues whose `RedrivePolicy` targets this queue (as SQS `ListDeadLetterSourceQueues`).
   * @throws `QueueDoesNotExistError` (`QueueDoesNotExist`)
   */
  listDeadLetterSourceQueues(nameOrUrlOrArn: string): Promise<string[]>;
  /**
   * @throws `InvalidParameterError` (`InvalidParameter`)
   */
  createTopic(name: string, attributes?: TopicAttributes): Promise<Topic>;
  /**
   * @throws `NotFoundError` (`NotFound`)
   */
  getTopic(nameOrArn: string): Promise<Topic>;
  /**
   * Topic ARNs.
   */
  listTopics(): Promise<string[]>;
  deleteTopic(nameOrArn: string): Promise<void>;
  /**
   * @throws `NotFoundError` (`NotFound`)
   */
  getSubscription(subscriptionArn: string): Promise<Subscription>;
  /**
   * @throws `NotFoundError` (`NotFound`)
   * @throws `InvalidParameterError` (`InvalidParameter`)
   * @throws `FilterPolicyLimitExceededError` (`FilterPolicyLimitExceeded`)
   */
  setSubscriptionAttributes(
    subscriptionArn: string,
    attributes: Partial<SubscribeOptions>,
  ): Promise<Subscription>;
  /**
   * Confirms a pending subscription with the token its `SubscriptionConfirmation` carried.
   * @throws `NotFoundError` (`NotFound`)
   * @throws `InvalidParameterError` (`InvalidParameter`)
   */
  confirmSubscription(topicArn: string, token: string): Promise<Subscription>;
  /**
   * @throws `ResourceNotFoundError` (`ResourceNotFoundException`)
   * @throws `InvalidParameterValueError` (`InvalidParameterValue`)
   * @throws `UnsupportedOperationError` (`UnsupportedOperation`)
   */
  startMessageMove(request: MoveTaskRequest): Promise<MoveTask>;
  /**
   * Newest first; at most `maxResults` (1–10, default 1) like SQS.
   * @throws `ResourceNotFoundError` (`ResourceNotFoundException`)
   * @throws `InvalidParameterValueError` (`InvalidParameterValue`)
   */
  listMessageMoveTasks(sourceArn: string, maxResults?: number): Promise<MoveTask[]>;
  /**
   * @throws `ResourceNotFoundError` (`ResourceNotFoundException`)
   * @throws `UnsupportedOperationError` (`UnsupportedOperation`)
   */
  cancelMessageMoveTask(taskHandle: string): Promise<MoveTask>;
  /**
   * SNS `SetSMSAttributes`: sets the named SMS defaults of the account in this region; the
   * others keep their values.
   * @throws `InvalidParameterError` (`InvalidParameter`)
   */
  setSmsAttributes(attributes: SmsAttributes): Promise<void>;
  /**
   * SNS `GetSMSAttributes`: the attributes set so far, or only those `names` asks for.
   */
  getSmsAttributes(names?: readonly string[]): Promise<SmsAttributes>;
  /**
   * SNS `CheckIfPhoneNumberIsOptedOut`: whether the number (E.164) is on the opt-out list.
   * @throws `InvalidParameterError` (`InvalidParameter`)
   */
  checkIfPhoneNumberIsOptedOut(phoneNumber: string): Promise<boolean>;
  /**
   * SNS `ListPhoneNumbersOptedOut`: up to 100 opted-out numbers per page.
   * @throws `InvalidParameterError` (`InvalidParameter`)
   */
  listPhoneNumbersOptedOut(nextToken?: string): Promise<OptedOutPage>;
  /**
   * SNS `OptInPhoneNumber`: takes the number off the opt-out list; a number can be opted in only
   * once every 30 days.
   * @throws `InvalidParameterError` (`InvalidParameter`)
   */
  optInPhoneNumber(phoneNumber: string): Promise<void>;
  /**
   * SNS `Publish` with `PhoneNumber`: one SMS to an E.164 number, no topic. A number on the
   * opt-out list gets nothing, yet the publish succeeds, as on SNS.
   * @throws `InvalidParameterError` (`InvalidParameter`)
   */
  publishSms(
    phoneNumber: string,
    message: string,
    options?: SmsPublishOptions,
  ): Promise<PublishResult>;
  close(): Promise<void>;
}
