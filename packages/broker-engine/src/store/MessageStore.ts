import type {
  MessageAttributes,
  MoveTask,
  ResolvedQueueAttributes,
  ResolvedTopicAttributes,
  SubscriptionAttributes,
} from '@sealbus/core';

/**
 * The storage SPI under the broker engine. The engine owns SQS/SNS semantics (validation,
 * defaults, SSE sealing, SNS envelopes, filter policies); a store owns persistence and the
 * operations that must be atomic across processes sharing it (claiming, dedup, fanout, moves).
 *
 * Rules every store follows:
 * - Time comes from the caller (`now`, epoch ms); a store never reads the clock itself.
 * - `body` is opaque bytes: a sealed envelope or plaintext UTF-8. Stores never inspect it.
 * - Each method is atomic: it happens whole or not at all, also when the process dies.
 * - A promise resolves only after the change is durable for that store.
 */
export interface MessageStore {
  /** Inserts the queue unless one with that name exists; returns the stored record either way. */
  createQueue(record: QueueRecord): Promise<{ created: boolean; record: QueueRecord }>;
  getQueue(name: string): Promise<QueueRecord | undefined>;
  /** Sorted by name. */
  listQueues(prefix?: string): Promise<QueueRecord[]>;
  updateQueue(name: string, patch: QueueRecordPatch): Promise<QueueRecord>;
  /** Removes the queue, its messages and the subscriptions that target it. False if absent. */
  deleteQueue(name: string): Promise<boolean>;

  /**
   * Enqueues messages, possibly into several queues (a fanout) in one atomic step. FIFO entries
   * are checked against the deduplication window and get the next sequence number of their queue.
   * Results are in input order.
   */
  send(entries: readonly SendEntry[], now: number): Promise<SendOutcome[]>;

  /**
   * Claims up to `maxMessages` visible messages: sets their visibility deadline, bumps the receive
   * count, mints a fresh receipt handle (older handles of the message stop working), drops expired
   * messages, and moves messages over `redrive.maxReceiveCount` to the dead-letter queue with
   * their stored bytes unchanged. FIFO queues deliver in sequence order and skip groups with a
   * message in flight.
   */
  receive(queueName: string, request: ClaimRequest, now: number): Promise<ClaimResult>;

  /**
   * Takes back the receive that just claimed a message the engine could not deliver (its KMS
   * key was unavailable): the receive count drops by one (the first-receive timestamp clears
   * at 0) and the handle stops working; the message stays invisible until the deadline that
   * receive set. So a KMS outage never counts towards `maxReceiveCount`. An unknown or
   * superseded handle is ignored.
   */
  forgetReceive(queueName: string, receiptHandle: string): Promise<void>;

  /** Throws `ReceiptHandleIsInvalidError` for an unknown or superseded handle. */
  deleteMessage(queueName: string, receiptHandle: string, now: number): Promise<void>;
  /**
   * Sets the visibility deadline of an in-flight message. Throws `ReceiptHandleIsInvalidError`
   * for an unknown or superseded handle, `MessageNotInflightError` when it is not in flight.
   */
  changeVisibility(
    queueName: string,
    receiptHandle: string,
    visibleAt: number,
    now: number,
  ): Promise<void>;
  purge(queueName: string): Promise<void>;
  counters(queueName: string, now: number): Promise<QueueDepth>;
  /** Reads messages without claiming them (inspection, console, at-rest audits). */
  peek(queueName: string, request: PeekRequest): Promise<StoredMessage[]>;
  /** Deletes messages older than the queue's retention period; returns how many. */
  expire(queueName: string, now: number): Promise<number>;

  /**
   * Resolves when the queue may have new visible messages (a send from this or another
   * process), when `timeoutMs` passes, or when `signal` aborts. Never rejects.
   */
  waitForMessages(queueName: string, timeoutMs: number, signal?: AbortSignal): Promise<void>;

  createTopic(record: TopicRecord): Promise<{ created: boolean; record: TopicRecord }>;
  getTopic(name: string): Promise<TopicRecord | undefined>;
  listTopics(): Promise<TopicRecord[]>;
  updateTopic(name: string, patch: TopicRecordPatch): Promise<TopicRecord>;
  /** Removes the topic and its subscriptions. False if absent. */
  deleteTopic(name: string): Promise<boolean>;

  addSubscription(record: SubscriptionRecord): Promise<SubscriptionRecord>;
  getSubscription(arn: string): Promise<SubscriptionRecord | undefined>;
  listSubscriptions(topicArn?: string): Promise<SubscriptionRecord[]>;
  updateSubscription(arn: string, attributes: SubscriptionAttributes): Promise<SubscriptionRecord>;
  removeSubscription(arn: string): Promise<boolean>;

  /** Stores the whole record (the runner too) so every process sharing the store reads it back. */
  saveMoveTask(task: MoveTaskRecord): Promise<void>;
  getMoveTask(taskHandle: string): Promise<MoveTaskRecord | undefined>;
  /** Newest first. */
  listMoveTasks(sourceArn: string): Promise<MoveTaskRecord[]>;
  /**
   * Moves up to `limit` visible messages out of `sourceQueueName`, atomically per call. Each goes
   * to `destinationQueueName`, or when absent to the queue named by its `deadLetterQueueSourceArn`.
   * Stored bytes, attributes and SentTimestamp are kept; the receive count starts again at 0.
   */
  moveMessages(request: MoveRequest, now: number): Promise<{ moved: number; remaining: number }>;

  close(): Promise<void>;
}

/** Which process runs a move task and when it last made progress. */
export interface MoveTaskRunnerRecord {
  host: string;
  pid: number;
  /** Epoch ms of the runner's last tick. */
  heartbeatTimestamp: number;
}

/** A move task as stored: the public snapshot plus its runner, to tell a task whose runner died. */
export interface MoveTaskRecord extends MoveTask {
  runner?: MoveTaskRunnerRecord;
}

export interface QueueRecord {
  name: string;
  arn: string;
  attributes: ResolvedQueueAttributes;
  tags: Record<string, string>;
  /** Epoch ms. */
  createdTimestamp: number;
  /** Epoch ms. */
  lastModifiedTimestamp: number;
  /**
   * Epoch ms since when the queue seals every message (SSE turned on last); absent without SSE,
   * or for a queue that had SSE before stores recorded it. A plaintext row sent later is refused.
   */
  sealingSince?: number;
}

export interface QueueRecordPatch {
  attributes?: ResolvedQueueAttributes;
  tags?: Record<string, string>;
  lastModifiedTimestamp: number;
  /** A new `sealingSince`; `null` clears it; absent keeps it. */
  sealingSince?: number | null;
}

export interface TopicRecord {
  name: string;
  arn: string;
  attributes: ResolvedTopicAttributes;
  tags: Record<string, string>;
  createdTimestamp: number;
}

export interface TopicRecordPatch {
  attributes?: ResolvedTopicAttributes;
  tags?: Record<string, string>;
}

export interface SubscriptionRecord {
  arn: string;
  topicArn: string;
  /** The subscribed queue's ARN. */
  endpoint: string;
  attributes: SubscriptionAttributes;
}

/** A message as the store keeps it. Only `body` may be ciphertext; the rest is in the clear, as on SQS. */
export interface StoredMessage {
  messageId: string;
  /** Sealed envelope or plaintext UTF-8. */
  body: Uint8Array;
  messageAttributes: MessageAttributes;
  /** Epoch ms. */
  sentTimestamp: number;
  /** Epoch ms: the message is invisible (delayed or in flight) until then. */
  visibleAt: number;
  receiveCount: number;
  firstReceiveTimestamp?: number;
  /** A receipt handle exists only while the message is or was last claimed. */
  receiptHandle?: string;
  messageGroupId?: string;
  messageDeduplicationId?: string;
  sequenceNumber?: string;
  senderId?: string;
  awsTraceHeader?: string;
  /** Set when a redrive moved the message into a dead-letter queue. */
  deadLetterQueueSourceArn?: string;
  /**
   * For a sealed body: the encryption context its envelope is bound to (the ARN of the queue that
   * sealed it). Kept with the bytes through redrives and moves, so any queue can open it later.
   */
  encryptionContext?: Readonly<Record<string, string>>;
  /**
   * For a body stored in the clear: its `MD5OfMessageBody`, computed once at send. Never set for
   * a sealed body (a digest of the plaintext must not sit next to the ciphertext). Optional to
   * keep: without it the engine hashes the body again on receive.
   */
  md5OfBody?: string;
}

export interface SendEntry {
  queueName: string;
  message: NewMessage;
}

export interface NewMessage {
  messageId: string;
  body: Uint8Array;
  messageAttributes: MessageAttributes;
  /** Epoch ms; later than `now` for a delayed message. */
  visibleAt: number;
  messageGroupId?: string;
  /** FIFO: the explicit or content-based (SHA-256 of the body) deduplication id. */
  messageDeduplicationId?: string;
  /** FIFO: how long the deduplication id suppresses repeats (SQS: 5 minutes). */
  deduplicationWindowMs?: number;
  senderId?: string;
  awsTraceHeader?: string;
  /** For a sealed body: the encryption context of its envelope; stored and returned unchanged. */
  encryptionContext?: Readonly<Record<string, string>>;
  /** For a plain body: its MD5, which a store may keep and return (see `StoredMessage`). */
  md5OfBody?: string;
}

export interface SendOutcome {
  /** The id of the stored message: for a FIFO duplicate, the id of the original. */
  messageId: string;
  duplicate: boolean;
  sequenceNumber?: string;
}

export interface ClaimRequest {
  maxMessages: number;
  visibilityTimeoutMs: number;
  fifo: boolean;
  /** Messages older than this (epoch ms) are dropped instead of delivered. */
  expireBefore: number;
  /**
   * A message already received `maxReceiveCount` times goes to the dead-letter queue instead of
   * being claimed: same id, bytes, attributes, SentTimestamp and encryption context; receive count
   * back to 0. When the dead-letter queue does not exist, the message is claimed as usual.
   */
  redrive?: {
    deadLetterQueueName: string;
    /** Written to the moved message's `deadLetterQueueSourceArn`. */
    sourceArn: string;
    maxReceiveCount: number;
  };
  /**
   * Factory for receipt handles, so their format is the engine's choice. A store returns the
   * handle as minted, or prefixed with its own key (`[0-9A-Za-z_-]`, at most 64) and a dot: the
   * engine tells a malformed handle (`ReceiptHandleIsInvalid`) from a stale one by that shape.
   */
  newReceiptHandle: () => string;
}

export interface ClaimResult {
  messages: StoredMessage[];
  deadLettered: number;
}

export interface QueueDepth {
  visible: number;
  inFlight: number;
  delayed: number;
  /** SentTimestamp of the oldest message, if any. */
  oldestSentTimestamp?: number;
}

export interface PeekRequest {
  limit: number;
  /** Skip messages up to and including this id (pagination). */
  afterMessageId?: string;
}

export interface MoveRequest {
  sourceQueueName: string;
  destinationQueueName?: string;
  limit: number;
}
