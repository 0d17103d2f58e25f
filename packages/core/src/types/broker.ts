import type { QueuePermission } from '../validation/queuePermissions.js';
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

export interface Queue {
  readonly name: string;
  readonly arn: string;
  readonly url: string;
  /** A `Uint8Array` body must be UTF-8 text: SQS bodies are strings. */
  send(body: string | Uint8Array, options?: SendOptions): Promise<SendResult>;
  /** 1–10 entries with distinct ids; per-entry failures are reported, not thrown. */
  sendBatch(
    entries: SendBatchEntry[],
    options?: Pick<SendOptions, 'principal'>,
  ): Promise<BatchResult<SendResult>>;
  receive(options?: ReceiveOptions): Promise<ReceivedMessage[]>;
  delete(receiptHandle: string): Promise<void>;
  /** Bare handles get the ids `"0"`, `"1"`, … in order. */
  deleteBatch(entries: Array<string | DeleteBatchEntry>): Promise<BatchResult<void>>;
  /** 0–43,200 seconds from now; 0 makes the message visible at once. */
  changeVisibility(receiptHandle: string, visibilityTimeoutSeconds: number): Promise<void>;
  changeVisibilityBatch(entries: ChangeVisibilityBatchEntry[]): Promise<BatchResult<void>>;
  getAttributes(): Promise<QueueAttributes & QueueCounters>;
  setAttributes(attributes: Partial<QueueAttributes>): Promise<void>;
  purge(): Promise<void>;
  tag(tags: Record<string, string>): Promise<void>;
  untag(tagKeys: string[]): Promise<void>;
  listTags(): Promise<Record<string, string>>;
  /**
   * SQS `AddPermission`: adds a statement `label` to the queue `Policy` that allows the accounts
   * the actions (at most 7, from `GRANTABLE_QUEUE_ACTIONS`); a label already there is refused.
   */
  addPermission(permission: QueuePermission): Promise<void>;
  /** SQS `RemovePermission`: removes the statement `label` from the queue `Policy`. */
  removePermission(label: string): Promise<void>;
}

export interface Subscription {
  readonly arn: string;
  readonly topicArn: string;
  readonly protocol: 'sqs';
  /** The subscribed queue's ARN. */
  readonly endpoint: string;
  readonly attributes: SubscriptionAttributes;
}

export interface Topic {
  readonly name: string;
  readonly arn: string;
  publish(body: string, options?: PublishOptions): Promise<PublishResult>;
  publishBatch(
    entries: PublishBatchEntry[],
    options?: Pick<PublishOptions, 'principal'>,
  ): Promise<BatchResult<PublishResult>>;
  subscribe(queue: Queue, options?: SubscribeOptions): Promise<Subscription>;
  unsubscribe(subscriptionArn: string): Promise<void>;
  listSubscriptions(): Promise<Subscription[]>;
  getAttributes(): Promise<TopicAttributes & TopicCounters>;
  setAttributes(attributes: Partial<TopicAttributes>): Promise<void>;
}

export interface Broker {
  /** Idempotent like SQS: same name and attributes returns the queue; different attributes fail with `QueueNameExists`. */
  createQueue(name: string, attributes?: QueueAttributes): Promise<Queue>;
  /** Accepts a queue name, URL or ARN. */
  getQueue(nameOrUrlOrArn: string): Promise<Queue>;
  /** Queue URLs, optionally filtered by name prefix. */
  listQueues(prefix?: string): Promise<string[]>;
  deleteQueue(nameOrUrlOrArn: string): Promise<void>;
  /** URLs of the queues whose `RedrivePolicy` targets this queue (as SQS `ListDeadLetterSourceQueues`). */
  listDeadLetterSourceQueues(nameOrUrlOrArn: string): Promise<string[]>;
  createTopic(name: string, attributes?: TopicAttributes): Promise<Topic>;
  getTopic(nameOrArn: string): Promise<Topic>;
  /** Topic ARNs. */
  listTopics(): Promise<string[]>;
  deleteTopic(nameOrArn: string): Promise<void>;
  getSubscription(subscriptionArn: string): Promise<Subscription>;
  setSubscriptionAttributes(
    subscriptionArn: string,
    attributes: Partial<SubscribeOptions>,
  ): Promise<Subscription>;
  startMessageMove(request: MoveTaskRequest): Promise<MoveTask>;
  /** Newest first; at most `maxResults` (1–10, default 1) like SQS. */
  listMessageMoveTasks(sourceArn: string, maxResults?: number): Promise<MoveTask[]>;
  cancelMessageMoveTask(taskHandle: string): Promise<MoveTask>;
  close(): Promise<void>;
}
