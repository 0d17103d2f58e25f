import {
  type CapacityExhausted,
  type ClaimRequest,
  type ClaimResult,
  capacityExhausted,
  type ExpireRequest,
  encodeMessageAttributes,
  isStoreMiss,
  type MessageStore,
  type MoveMiss,
  type MoveRequest,
  type MoveResult,
  type MoveTaskRecord,
  moveDestinationMissing,
  moveTargets,
  type NotInFlight,
  notInFlight,
  type PeekRequest,
  type PlatformStore,
  type QueueDepth,
  type QueueMissing,
  type QueueRecord,
  type QueueRecordPatch,
  queueMissing,
  type ReceiptStale,
  receiptStale,
  type SendEntry,
  type SendOutcome,
  type SmsRecordStore,
  type StoredMessage,
  type SubscriptionMissing,
  type SubscriptionRecord,
  subscriptionMissing,
  type TopicMissing,
  type TopicRecord,
  type TopicRecordPatch,
  topicMissing,
} from '@sealbus/broker-engine';
import type { SubscriptionAttributes } from '@sealbus/core';
import type Database from 'better-sqlite3';
import { ChangeWatcher } from './database/ChangeWatcher.js';
import { openDatabase } from './database/openDatabase.js';
import { WriteBatcher, type WriteContext } from './database/WriteBatcher.js';
import {
  type ResolvedSqliteStoreOptions,
  resolveSqliteStoreOptions,
  type SqliteStoreOptions,
} from './SqliteStoreOptions.js';
import { claimMessages } from './store/claimMessages.js';
import { MAX_QUEUE_ID, sequenceOfReceiptHandle } from './store/messageKeys.js';
import {
  encodeEncryptionContext,
  formatSequenceNumber,
  type QueueRow,
  toQueueRecord,
  toStoredMessage,
  toSubscriptionRecord,
  toTopicRecord,
} from './store/rows.js';
import { SqlitePlatformStore } from './store/SqlitePlatformStore.js';
import { SqliteSmsRecords } from './store/SqliteSmsRecords.js';
import { checkSequenceRoom, nextSequence } from './store/sequences.js';
import { prepareStatements, type Statements } from './store/statements.js';

/**
 * How long cached queue records are trusted before `PRAGMA data_version` (a read transaction,
 * ~1.5 µs) is asked whether another process committed. SQS itself takes up to 60 s to propagate
 * attribute changes; this process's own changes drop the cached record at once.
 */
export const QUEUE_RECORD_RECHECK_MS = 1;

/**
 * A `MessageStore` on one SQLite file that several processes may open at once. Writes go through
 * group commit (one `BEGIN IMMEDIATE` transaction per event-loop turn); reads use WAL snapshots.
 */
export class SqliteMessageStore implements MessageStore {
  readonly options: ResolvedSqliteStoreOptions;
  private readonly db: Database.Database;
  private readonly sql: Statements;
  private readonly writer: WriteBatcher;
  private readonly watcher: ChangeWatcher;
  readonly sms: SmsRecordStore;
  readonly platforms: PlatformStore;
  private closed = false;
  private readonly queueRecords = new Map<string, QueueRecord>();
  private queueRecordsVersion = -1;
  private queueRecordsCheckedAt = Number.NEGATIVE_INFINITY;

  constructor(options: SqliteStoreOptions) {
    this.options = resolveSqliteStoreOptions(options);
    this.db = openDatabase(this.options);
    this.sql = prepareStatements(this.db);
    this.watcher = new ChangeWatcher(
      this.sql,
      this.options.minPollIntervalMs,
      this.options.maxPollIntervalMs,
    );
    this.writer = new WriteBatcher(
      this.db,
      { afterCommit: (touched) => this.watcher.notify(touched) },
      this.options.maxOperationsPerTransaction,
      this.options.busyTimeoutMs,
    );
    this.sms = new SqliteSmsRecords(this.db, this.writer);
    this.platforms = new SqlitePlatformStore(this.db, this.writer);
  }

  /**
   * Committed write transactions and operations (their ratio is the group-commit factor), and
   * how often a write waited for another process's lock.
   */
  get writeStats(): {
    readonly transactions: number;
    readonly operations: number;
    readonly busyRetries: number;
    readonly timerWaits: number;
  } {
    return this.writer.stats;
  }

  /** The underlying connection, for inspection tools and tests (integrity checks, audits). */
  get database(): Database.Database {
    return this.db;
  }

  // ── queues ──────────────────────────────────────────────────────────────────────────────

  createQueue(
    record: QueueRecord,
  ): Promise<{ created: boolean; record: QueueRecord } | CapacityExhausted> {
    return this.writer.run(() => {
      const existing = this.sql.queueByName.get(record.name);
      if (existing !== undefined) return { created: false, record: toQueueRecord(existing) };
      const highest = this.sql.maxQueueId.get()!.id ?? 0;
      if (highest >= MAX_QUEUE_ID) {
        return capacityExhausted(
          'QueueName',
          `This database has used all ${MAX_QUEUE_ID} queue ids (each queue owns a range of message rowids); delete the queue with the highest id or use another database file.`,
        );
      }
      this.sql.insertQueue.run(
        record.name,
        record.arn,
        JSON.stringify(record.attributes),
        JSON.stringify(record.tags),
        record.createdTimestamp,
        record.lastModifiedTimestamp,
        record.sealingSince ?? null,
      );
      return { created: true, record: toQueueRecord(this.sql.queueByName.get(record.name)!) };
    });
  }

  async getQueue(name: string): Promise<QueueRecord | undefined> {
    // The engine reads the record on every call. A cached record stays valid until another
    // connection commits (PRAGMA data_version moves, checked at most every
    // QUEUE_RECORD_RECHECK_MS) or this one changes that queue.
    const checkedAt = performance.now();
    if (checkedAt - this.queueRecordsCheckedAt >= QUEUE_RECORD_RECHECK_MS) {
      this.queueRecordsCheckedAt = checkedAt;
      const dataVersion = this.sql.dataVersion.get()!.data_version;
      if (dataVersion !== this.queueRecordsVersion) {
        this.queueRecords.clear();
        this.queueRecordsVersion = dataVersion;
      }
    }
    const cached = this.queueRecords.get(name);
    if (cached !== undefined) return cached;
    const row = this.sql.queueByName.get(name);
    if (row === undefined) return undefined;
    // Frozen: one record object is shared by every caller until it changes.
    const record = deepFreeze(toQueueRecord(row));
    this.queueRecords.set(name, record);
    return record;
  }

  async listQueues(prefix?: string): Promise<QueueRecord[]> {
    const rows = this.sql.listQueues.all() as QueueRow[];
    return rows
      .filter((row) => prefix === undefined || row.name.startsWith(prefix))
      .map(toQueueRecord);
  }

  updateQueue(name: string, patch: QueueRecordPatch): Promise<QueueRecord | QueueMissing> {
    return this.writer.run(() => {
      const changed = this.sql.updateQueue.run(
        patch.attributes === undefined ? null : JSON.stringify(patch.attributes),
        patch.tags === undefined ? null : JSON.stringify(patch.tags),
        patch.lastModifiedTimestamp,
        patch.sealingSince === undefined ? 0 : 1,
        patch.sealingSince ?? null,
        name,
      );
      if (changed.changes === 0) return queueMissing(name);
      this.queueRecords.delete(name);
      return toQueueRecord(this.sql.queueByName.get(name)!);
    });
  }

  deleteQueue(name: string): Promise<boolean> {
    return this.writer.run((context) => {
      const row = this.sql.queueByName.get(name);
      if (row === undefined) return false;
      this.sql.deleteQueueMessages.run(row.id, row.id);
      this.sql.deleteQueueDeduplication.run(row.id);
      this.sql.deleteSubscriptionsByEndpoint.run(row.arn);
      this.sql.deleteQueue.run(row.id);
      context.queueIds.delete(name);
      this.queueRecords.delete(name);
      context.touch(row.id);
      return true;
    });
  }

  // ── messages ────────────────────────────────────────────────────────────────────────────

  send(
    entries: readonly SendEntry[],
    now: number,
  ): Promise<SendOutcome[] | QueueMissing | CapacityExhausted> {
    return this.writer.run((context) => {
      // Every queue is checked before the first insert, so a miss leaves nothing written.
      const queueIds: number[] = [];
      const perQueue = new Map<number, { name: string; count: number }>();
      for (const entry of entries) {
        const id = this.queueId(entry.queueName, context);
        if (id === undefined) return queueMissing(entry.queueName);
        queueIds.push(id);
        const queue = perQueue.get(id);
        if (queue === undefined) perQueue.set(id, { name: entry.queueName, count: 1 });
        else queue.count++;
      }
      for (const [id, { name, count }] of perQueue) {
        const full = checkSequenceRoom(this.sql, context, id, name, count);
        if (full !== undefined) return full;
      }
      return entries.map((entry, index) => this.insert(context, entry, queueIds[index]!, now));
    });
  }

  private insert(
    context: WriteContext,
    entry: SendEntry,
    queueId: number,
    now: number,
  ): SendOutcome {
    const message = entry.message;
    const deduplication = message.deduplication;
    if (deduplication !== undefined) {
      const existing = this.sql.findDeduplication.get(
        queueId,
        deduplication.scope,
        deduplication.id,
      );
      if (existing !== undefined && existing.expires_at > now) {
        return {
          messageId: existing.message_id,
          duplicate: true,
          ...(existing.sequence_number === null
            ? {}
            : { sequenceNumber: existing.sequence_number }),
        };
      }
    }
    const sequenceNumber = message.fifo
      ? formatSequenceNumber(this.sql.nextSequence.get(queueId)!.next_sequence)
      : undefined;
    if (deduplication !== undefined) {
      this.sql.upsertDeduplication.run(
        queueId,
        deduplication.scope,
        deduplication.id,
        message.messageId,
        sequenceNumber ?? null,
        deduplication.expiresAt,
      );
    }
    this.sql.insertMessage.run(
      queueId,
      nextSequence(this.sql, context, queueId),
      queueId,
      message.messageId,
      message.body,
      encodeMessageAttributes(message.messageAttributes),
      now,
      message.visibleAt,
      message.messageGroupId ?? null,
      message.messageDeduplicationId ?? null,
      sequenceNumber ?? null,
      message.senderId ?? null,
      message.awsTraceHeader ?? null,
      encodeEncryptionContext(message.encryptionContext),
      message.md5OfBody ?? null,
    );
    context.touch(queueId);
    return {
      messageId: message.messageId,
      duplicate: false,
      ...(sequenceNumber === undefined ? {} : { sequenceNumber }),
    };
  }

  receive(
    queueName: string,
    request: ClaimRequest,
    now: number,
  ): Promise<ClaimResult | QueueMissing> {
    return this.inQueue(queueName, (queueId, context) =>
      claimMessages(this.sql, context, queueId, request, now),
    );
  }

  forgetReceive(queueName: string, receiptHandle: string): Promise<void> {
    return this.writer.run((context) => {
      const queueId = this.queueId(queueName, context);
      const sequence = sequenceOfReceiptHandle(receiptHandle);
      if (queueId !== undefined && sequence !== undefined) {
        this.sql.forgetReceive.run(queueId, sequence, receiptHandle);
      }
    });
  }

  deleteMessage(
    queueName: string,
    receiptHandle: string,
    _now: number,
  ): Promise<undefined | QueueMissing | ReceiptStale> {
    return this.inQueue(queueName, (queueId) => {
      // One statement finds and deletes the row; when it matched nothing, nothing was written.
      const sequence = sequenceOfReceiptHandle(receiptHandle);
      if (
        sequence === undefined ||
        this.sql.deleteByReceiptHandle.run(queueId, sequence, receiptHandle).changes === 0
      ) {
        return receiptStale(queueName, receiptHandle);
      }
      return undefined;
    });
  }

  changeVisibility(
    queueName: string,
    receiptHandle: string,
    visibleAt: number,
    now: number,
  ): Promise<undefined | QueueMissing | ReceiptStale | NotInFlight> {
    return this.inQueue(queueName, (queueId, context) => {
      const sequence = sequenceOfReceiptHandle(receiptHandle);
      const row =
        sequence === undefined
          ? undefined
          : this.sql.visibleAtByReceiptHandle.get(queueId, sequence, receiptHandle);
      if (row === undefined) return receiptStale(queueName, receiptHandle);
      if (row.visible_at <= now) return notInFlight(queueName, receiptHandle);
      this.sql.setVisibleAt.run(visibleAt, queueId, sequence);
      if (visibleAt <= now) context.touch(queueId);
      return undefined;
    });
  }

  purge(queueName: string): Promise<undefined | QueueMissing> {
    return this.inQueue(queueName, (queueId) => {
      this.sql.deleteQueueMessages.run(queueId, queueId);
      return undefined;
    });
  }

  async counters(queueName: string, now: number): Promise<QueueDepth | QueueMissing> {
    const queueId = this.queueId(queueName);
    if (queueId === undefined) return queueMissing(queueName);
    const invisible = this.sql.countInvisible.get(queueId, now)!;
    const oldest = this.sql.oldestSent.get(queueId, queueId)?.oldest ?? null;
    return {
      visible: this.sql.countVisible.get(queueId, now)!.n,
      inFlight: invisible.inflight,
      delayed: invisible.delayed,
      ...(oldest === null ? {} : { oldestSentTimestamp: oldest }),
    };
  }

  async peek(queueName: string, request: PeekRequest): Promise<StoredMessage[] | QueueMissing> {
    const queueId = this.queueId(queueName);
    if (queueId === undefined) return queueMissing(queueName);
    let after = 0;
    if (request.afterMessageId !== undefined) {
      const anchor = this.sql.sequenceOfMessage.get(
        queueId,
        queueId,
        queueId,
        request.afterMessageId,
      );
      // The anchor left the queue (deleted or moved): nothing can be placed after it.
      if (anchor === undefined) return [];
      after = anchor.sequence;
    }
    return this.sql.peek.all(queueId, after, queueId, request.limit).map(toStoredMessage);
  }

  expire(queueName: string, request: ExpireRequest): Promise<number | QueueMissing> {
    return this.inQueue(queueName, (id) => {
      this.sql.expireDeduplication.run(id, request.now);
      return this.sql.expireMessages.run(id, id, id, id, request.sentBefore).changes;
    });
  }

  async waitForMessages(queueName: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (this.closed) return;
    const queue = this.sql.queueIdByName.get(queueName);
    if (queue === undefined) return;
    return this.watcher.wait(queue.id, timeoutMs, signal);
  }

  moveMessages(request: MoveRequest, now: number): Promise<MoveResult | MoveMiss> {
    return this.writer.run((context) => {
      const sourceId = this.queueId(request.sourceQueueName, context);
      if (sourceId === undefined) return queueMissing(request.sourceQueueName);
      const batch = this.sql.movable.all(sourceId, sourceId, now, request.limit);
      const targets = moveTargets(batch, request);
      if (isStoreMiss(targets)) return targets;
      // Every destination is resolved before the first row moves, so a miss moves nothing.
      const targetIds: number[] = [];
      for (const [index, name] of targets.entries()) {
        const id = this.queueId(name, context);
        if (id === undefined) return moveDestinationMissing(name, batch[index]!.messageId);
        targetIds.push(id);
      }
      batch.forEach((row, index) => {
        const targetId = targetIds[index]!;
        this.sql.moveBack.run(
          targetId,
          nextSequence(this.sql, context, targetId),
          targetId,
          now,
          sourceId,
          row.sequence,
        );
        context.touch(targetId);
      });
      return { moved: batch.length, remaining: this.sql.countVisible.get(sourceId, now)!.n };
    });
  }

  // ── SMS attributes and the opt-out list ────────────────────────────────────────────────

  // ── topics and subscriptions ────────────────────────────────────────────────────────────

  createTopic(record: TopicRecord): Promise<{ created: boolean; record: TopicRecord }> {
    return this.writer.run(() => {
      const inserted = this.sql.insertTopic.run(
        record.name,
        record.arn,
        JSON.stringify(record.attributes),
        JSON.stringify(record.tags),
        record.createdTimestamp,
      );
      return {
        created: inserted.changes > 0,
        record: toTopicRecord(this.sql.topicByName.get(record.name)!),
      };
    });
  }

  async getTopic(name: string): Promise<TopicRecord | undefined> {
    const row = this.sql.topicByName.get(name);
    return row === undefined ? undefined : toTopicRecord(row);
  }

  async listTopics(): Promise<TopicRecord[]> {
    return this.sql.listTopics.all().map(toTopicRecord);
  }

  updateTopic(name: string, patch: TopicRecordPatch): Promise<TopicRecord | TopicMissing> {
    return this.writer.run(() => {
      const changed = this.sql.updateTopic.run(
        patch.attributes === undefined ? null : JSON.stringify(patch.attributes),
        patch.tags === undefined ? null : JSON.stringify(patch.tags),
        name,
      );
      if (changed.changes === 0) return topicMissing(name);
      return toTopicRecord(this.sql.topicByName.get(name)!);
    });
  }

  deleteTopic(name: string): Promise<boolean> {
    return this.writer.run(() => {
      const deleted = this.sql.deleteTopic.get(name);
      if (deleted === undefined) return false;
      this.sql.deleteSubscriptionsByTopic.run(deleted.arn);
      return true;
    });
  }

  addSubscription(record: SubscriptionRecord): Promise<SubscriptionRecord> {
    return this.writer.run(() => {
      this.sql.insertSubscription.run(
        record.arn,
        record.topicArn,
        record.protocol,
        record.endpoint,
        JSON.stringify(record.attributes),
        record.confirmationDigest ?? null,
      );
      return toSubscriptionRecord(this.sql.subscriptionByArn.get(record.arn)!);
    });
  }

  async getSubscription(arn: string): Promise<SubscriptionRecord | undefined> {
    const row = this.sql.subscriptionByArn.get(arn);
    return row === undefined ? undefined : toSubscriptionRecord(row);
  }

  async listSubscriptions(topicArn?: string): Promise<SubscriptionRecord[]> {
    const rows =
      topicArn === undefined
        ? this.sql.listSubscriptions.all()
        : this.sql.listSubscriptionsByTopic.all(topicArn);
    return rows.map(toSubscriptionRecord);
  }

  updateSubscription(
    arn: string,
    attributes: SubscriptionAttributes,
  ): Promise<SubscriptionRecord | SubscriptionMissing> {
    return this.writer.run(() => {
      const changed = this.sql.updateSubscription.run(JSON.stringify(attributes), arn);
      if (changed.changes === 0) return subscriptionMissing(arn);
      return toSubscriptionRecord(this.sql.subscriptionByArn.get(arn)!);
    });
  }

  confirmSubscription(arn: string): Promise<SubscriptionRecord | SubscriptionMissing> {
    return this.writer.run(() => {
      if (this.sql.confirmSubscription.run(arn).changes === 0) return subscriptionMissing(arn);
      return toSubscriptionRecord(this.sql.subscriptionByArn.get(arn)!);
    });
  }

  removeSubscription(arn: string): Promise<boolean> {
    return this.writer.run(() => this.sql.deleteSubscription.run(arn).changes > 0);
  }

  // ── move tasks ──────────────────────────────────────────────────────────────────────────

  saveMoveTask(task: MoveTaskRecord): Promise<void> {
    return this.writer.run(() => {
      this.sql.saveMoveTask.run(
        task.taskHandle,
        task.sourceArn,
        task.startedTimestamp,
        JSON.stringify(task),
      );
    });
  }

  async getMoveTask(taskHandle: string): Promise<MoveTaskRecord | undefined> {
    const row = this.sql.moveTask.get(taskHandle);
    return row === undefined ? undefined : (JSON.parse(row.task) as MoveTaskRecord);
  }

  async listMoveTasks(sourceArn: string): Promise<MoveTaskRecord[]> {
    return this.sql.listMoveTasks
      .all(sourceArn)
      .map((row) => JSON.parse(row.task) as MoveTaskRecord);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writer.drain();
    this.watcher.wakeAll();
    this.db.close();
  }

  // ── helpers ─────────────────────────────────────────────────────────────────────────────

  /** Runs `operation` in the write group on the queue's id, or answers `queueMissing`. */
  private inQueue<T>(
    queueName: string,
    operation: (queueId: number, context: WriteContext) => T,
  ): Promise<T | QueueMissing> {
    return this.writer.run((context) => {
      const queueId = this.queueId(queueName, context);
      return queueId === undefined ? queueMissing(queueName) : operation(queueId, context);
    });
  }

  /** The queue's id, or undefined when it is missing; inside a write group, looked up once. */
  private queueId(name: string, context?: WriteContext): number | undefined {
    const known = context?.queueIds.get(name);
    if (known !== undefined) return known;
    const row = this.sql.queueIdByName.get(name);
    if (row === undefined) return undefined;
    context?.queueIds.set(name, row.id);
    return row.id;
  }
}

/** Freezes a record parsed from JSON, nested objects first: it holds plain data only. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const nested of Object.values(value)) deepFreeze(nested);
    Object.freeze(value);
  }
  return value;
}
