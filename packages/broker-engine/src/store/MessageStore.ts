import type {
  MessageAttributes,
  MoveTask,
  ResolvedQueueAttributes,
  ResolvedTopicAttributes,
  SubscriptionAttributes,
  SubscriptionProtocol,
} from '@sealbus/core';
import type { PlatformStore } from './PlatformStore.js';
import type { SmsRecordStore } from './SmsRecordStore.js';
import type {
  CapacityExhausted,
  MoveMiss,
  NotInFlight,
  QueueMissing,
  ReceiptStale,
  SubscriptionMissing,
  TopicMissing,
} from './StoreMiss.js';

/**
 * The storage SPI under the broker engine. A store keeps data and makes each call atomic; it
 * knows no SQS or SNS rule. Everything a rule needs arrives in the request (deduplication key and
 * expiry, retention cut-off, visibility deadline, redrive target and limit), the decisions that
 * depend on stored rows are taken by the engine's planners (`ClaimPlan`, `moveTargets`), which a
 * store calls inside its own atomic section, and a store never reads a queue attribute.
 *
 * Rules every store follows:
 * - Time comes from the caller (`now`, epoch ms); a store never reads the clock itself.
 * - `body` is opaque bytes: a sealed envelope or plaintext UTF-8. Stores never inspect it.
 * - Each method is atomic: it happens whole or not at all, also when the process dies.
 * - A promise resolves only after the change is durable for that store.
 * - An expected miss (a queue, topic or subscription gone, a stale receipt handle) is returned as
 *   a `StoreMiss`, never thrown: the engine alone turns it into the AWS error. A store rejects
 *   only on failures of its own (I/O, a busy lock), and then has changed nothing.
 *
 * `runStoreConformance` in `@sealbus/conformance` checks a store against this contract. The SMS
 * records (`SmsRecordStore`) follow the same rules.
 */
export interface MessageStore {
  /** SNS platform applications and endpoints (mobile push). */
  readonly platforms: PlatformStore;
  /** The account's SMS attributes and phone-number records (opt-out list). */
  readonly sms: SmsRecordStore;

  /** Inserts the queue unless one with that name exists; returns the stored record either way. */
  createQueue(
    record: QueueRecord,
  ): Promise<{ created: boolean; record: QueueRecord } | CapacityExhausted>;
  getQueue(name: string): Promise<QueueRecord | undefined>;
  /** Sorted by name. */
  listQueues(prefix?: string): Promise<QueueRecord[]>;
  updateQueue(name: string, patch: QueueRecordPatch): Promise<QueueRecord | QueueMissing>;
  /** Removes the queue, its messages and the subscriptions that target it. False if absent. */
  deleteQueue(name: string): Promise<boolean>;

  /**
   * Enqueues messages, possibly into several queues (a fanout) in one atomic step; when any
   * target queue is missing nothing is written. An entry with `deduplication` whose key has a
   * record that expires after `now` is not stored: its outcome names the original. A `fifo`
   * entry gets the next sequence number of its queue. Results are in input order.
   */
  send(
    entries: readonly SendEntry[],
    now: number,
  ): Promise<SendOutcome[] | QueueMissing | CapacityExhausted>;

  /**
   * Claims visible messages: the store walks its candidates (see `ClaimPlan` for the order) and
   * carries out each step the plan returns: `claim` sets the visibility deadline
   * `request.visibleUntil`, bumps the receive count, sets the first-receive time once and mints a
   * fresh receipt handle (older handles stop working); `expire` deletes the message;
   * `deadLetter` moves it to `request.redrive.deadLetterQueueName` with its stored bytes
   * unchanged, receive count 0, visible now, `deadLetterQueueSourceArn` set.
   */
  receive(
    queueName: string,
    request: ClaimRequest,
    now: number,
  ): Promise<ClaimResult | QueueMissing>;

  /**
   * Takes back the receive that just claimed a message the engine could not deliver (its KMS
   * key was unavailable): the receive count drops by one (the first-receive timestamp clears
   * at 0) and the handle stops working; the message stays invisible until the deadline that
   * receive set. So a KMS outage never counts towards `maxReceiveCount`. An unknown or
   * superseded handle, or a missing queue, is ignored.
   */
  forgetReceive(queueName: string, receiptHandle: string): Promise<void>;

  /** Deletes the message whose current handle this is; `undefined` when done. */
  deleteMessage(
    queueName: string,
    receiptHandle: string,
    now: number,
  ): Promise<undefined | QueueMissing | ReceiptStale>;
  /**
   * Sets the visibility deadline of an in-flight message (its deadline is after `now`);
   * `undefined` when done.
   */
  changeVisibility(
    queueName: string,
    receiptHandle: string,
    visibleAt: number,
    now: number,
  ): Promise<undefined | QueueMissing | ReceiptStale | NotInFlight>;
  purge(queueName: string): Promise<undefined | QueueMissing>;
  counters(queueName: string, now: number): Promise<QueueDepth | QueueMissing>;
  /** Reads messages without claiming them (inspection, console, at-rest audits), in queue order. */
  peek(queueName: string, request: PeekRequest): Promise<StoredMessage[] | QueueMissing>;
  /**
   * Deletes the messages sent before `request.sentBefore` and the deduplication records that
   * expired by `request.now`; returns how many messages it deleted.
   */
  expire(queueName: string, request: ExpireRequest): Promise<number | QueueMissing>;

  /**
   * Resolves when the queue may have new visible messages (a send from this or another
   * process), when `timeoutMs` passes, or when `signal` aborts. Never rejects.
   */
  waitForMessages(queueName: string, timeoutMs: number, signal?: AbortSignal): Promise<void>;

  createTopic(record: TopicRecord): Promise<{ created: boolean; record: TopicRecord }>;
  getTopic(name: string): Promise<TopicRecord | undefined>;
  /** Sorted by name. */
  listTopics(): Promise<TopicRecord[]>;
  updateTopic(name: string, patch: TopicRecordPatch): Promise<TopicRecord | TopicMissing>;
  /** Removes the topic and its subscriptions. False if absent. */
  deleteTopic(name: string): Promise<boolean>;

  /** Stores the subscription; one that exists with this ARN is returned unchanged. */
  addSubscription(record: SubscriptionRecord): Promise<SubscriptionRecord>;
  getSubscription(arn: string): Promise<SubscriptionRecord | undefined>;
  /** In the order they were added. */
  listSubscriptions(topicArn?: string): Promise<SubscriptionRecord[]>;
  updateSubscription(
    arn: string,
    attributes: SubscriptionAttributes,
  ): Promise<SubscriptionRecord | SubscriptionMissing>;
  /** Drops the pending confirmation (`confirmationDigest`). */
  confirmSubscription(arn: string): Promise<SubscriptionRecord | SubscriptionMissing>;
  removeSubscription(arn: string): Promise<boolean>;

  /** Stores the whole record (the runner too) so every process sharing the store reads it back. */
  saveMoveTask(task: MoveTaskRecord): Promise<void>;
  getMoveTask(taskHandle: string): Promise<MoveTaskRecord | undefined>;
  /** Newest first. */
  listMoveTasks(sourceArn: string): Promise<MoveTaskRecord[]>;
  /**
   * Moves up to `request.limit` visible messages out of `request.sourceQueueName`, oldest first,
   * atomically per call: `moveTargets` names each one's destination queue, and when one of those
   * is missing (or `moveTargets` returns a miss) nothing moves and the miss is returned. A moved
   * message keeps its stored bytes, attributes and SentTimestamp; it is visible now, its receive
   * count starts again at 0 and `deadLetterQueueSourceArn` is cleared.
   */
  moveMessages(request: MoveRequest, now: number): Promise<MoveResult | MoveMiss>;

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
  protocol: SubscriptionProtocol;
  /** The queue ARN, URL, address, phone number or platform endpoint ARN. */
  endpoint: string;
  attributes: SubscriptionAttributes;
  /** While pending confirmation: the SHA-256 (hex) of its token; never the token itself. */
  confirmationDigest?: string;
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
  /** FIFO: the explicit or content-based (SHA-256 of the body) deduplication id, kept with the message. */
  messageDeduplicationId?: string;
  /** FIFO: the message takes the next sequence number of its queue. */
  fifo?: boolean;
  /** FIFO: suppresses a repeat of this key until `expiresAt` (see `MessageStore.send`). */
  deduplication?: DeduplicationKey;
  senderId?: string;
  awsTraceHeader?: string;
  /** For a sealed body: the encryption context of its envelope; stored and returned unchanged. */
  encryptionContext?: Readonly<Record<string, string>>;
  /** For a plain body: its MD5, which a store may keep and return (see `StoredMessage`). */
  md5OfBody?: string;
}

/**
 * What a deduplication record is keyed on, computed by the engine from the queue's
 * `DeduplicationScope`: `scope` is '' for a queue-wide scope, the message group id otherwise.
 */
export interface DeduplicationKey {
  scope: string;
  id: string;
  /** Epoch ms: the record suppresses repeats while `now < expiresAt`. */
  expiresAt: number;
}

export interface SendOutcome {
  /** The id of the stored message: for a FIFO duplicate, the id of the original. */
  messageId: string;
  duplicate: boolean;
  sequenceNumber?: string;
}

export interface ClaimRequest {
  maxMessages: number;
  /** Epoch ms: the visibility deadline a claimed message gets. */
  visibleUntil: number;
  /** FIFO: candidates are walked group by group in sequence order (see `ClaimPlan`). */
  fifo: boolean;
  /** The retention cut-off: messages sent before this (epoch ms) are deleted, not delivered. */
  expireBefore: number;
  /**
   * A message already received `maxReceiveCount` times goes to the dead-letter queue instead of
   * being claimed. When the dead-letter queue does not exist, the message is claimed as usual.
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

export interface ExpireRequest {
  /** The retention cut-off (epoch ms). */
  sentBefore: number;
  now: number;
}

export interface MoveRequest {
  sourceQueueName: string;
  /** Every message goes here; absent, each returns to the queue it was dead-lettered from. */
  destinationQueueName?: string;
  limit: number;
}

export interface MoveResult {
  moved: number;
  /** Visible messages left in the source after the move. */
  remaining: number;
}
