import {
  ClaimPlan,
  type ClaimRequest,
  type ClaimResult,
  type ExpireRequest,
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
import pg from 'pg';
import { adoptMessage, claimMessages, claimPlain, NEEDS_PLAN } from './claimMessages.js';
import { deleteMessages, type PendingDelete } from './deleteMessages.js';
import { GroupCommit } from './GroupCommit.js';
import { customPlanPool } from './hotStatements.js';
import { MessageListener, NOTIFY_QUEUES } from './MessageListener.js';
import { Notifier } from './Notifier.js';
import { PostgresPlatformStore } from './PostgresPlatformStore.js';
import { PostgresSmsRecords } from './PostgresSmsRecords.js';
import { QueueRecordCache } from './QueueRecordCache.js';
import {
  MESSAGE_COLUMNS,
  type MessageRow,
  type QueueRow,
  type SubscriptionRow,
  type TopicRow,
  toQueueRecord,
  toStoredMessage,
  toSubscriptionRecord,
  toTopicRecord,
} from './rows.js';
import { allPlain, insertPlain, type PendingSend, sendMessages } from './sendMessages.js';
import { inTransaction } from './transactions.js';

export interface PostgresStoreOptions {
  /** The database; required unless `pool` is given (then it is used for LISTEN only if set). */
  connectionString?: string;
  /**
   * A pool to share. Its owner ends it; `close()` leaves it open. Its clients must read BIGINT as
   * numbers (`types` of `postgresTypes`), which `createPostgresPool` sets up.
   */
  pool?: pg.Pool;
  /** Connections of the pool this store creates. @defaultValue 10 */
  poolSize?: number;
  /**
   * The longest a long poll waits for a NOTIFY before it looks again by itself, so a wake-up
   * lost with a connection costs at most this. @defaultValue 1000
   */
  fallbackPollMs?: number;
  /**
   * How long this process may use its copy of a queue's record (attributes, tags) instead of
   * reading the row again. Changes made anywhere reach every process through the listening
   * connection at once; this bounds staleness only when that connection is lost unnoticed.
   * 0 reads the row every time. At most `MAX_QUEUE_RECORD_TTL_MS`. @defaultValue 1000
   */
  queueRecordTtlMs?: number;
}

/** Reads BIGINT (epoch ms, sequence counters, ids) as JavaScript numbers. */
export const postgresTypes = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === 20
      ? Number
      : pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

/** A pool set up the way the store reads rows; idle-connection errors (a restart) are absorbed. */
export function createPostgresPool(connectionString: string, max = 10): pg.Pool {
  const pool = customPlanPool(connectionString, { max, types: postgresTypes });
  // A server restart kills idle connections; the pool drops them and connects anew on demand.
  pool.on('error', () => {});
  return pool;
}

/**
 * A `MessageStore` on PostgreSQL: every method is one transaction (or one statement), so it is
 * atomic and durable when its promise resolves, for any number of processes on any number of
 * machines sharing the database. It keeps no SQS rule: the engine's planners decide.
 */
export class PostgresMessageStore implements MessageStore {
  readonly pool: pg.Pool;
  readonly platforms: PlatformStore;
  /** The database's connection string (given, or the pool's); LISTEN and the KMS use it. */
  readonly connectionString: string | undefined;
  readonly #ownsPool: boolean;
  readonly #listener: MessageListener | undefined;
  readonly #records: QueueRecordCache;
  readonly #fallbackPollMs: number;
  readonly #sends: GroupCommit<PendingSend>;
  readonly #deletes: GroupCommit<PendingDelete>;
  /** Wake-ups go out through here, after their transaction committed. */
  readonly #notifier: Notifier;
  readonly sms: SmsRecordStore;
  #closed = false;

  constructor(options: PostgresStoreOptions) {
    if (options.pool === undefined && options.connectionString === undefined) {
      throw new TypeError('PostgresStoreOptions: pass connectionString or pool.');
    }
    this.pool =
      options.pool ?? createPostgresPool(options.connectionString!, options.poolSize ?? 10);
    this.#ownsPool = options.pool === undefined;
    this.platforms = new PostgresPlatformStore(this.pool);
    this.connectionString =
      options.connectionString ??
      (options.pool as pg.Pool & { options: { connectionString?: string } }).options
        .connectionString;
    // Copies of queue records are used only while their invalidations can arrive.
    this.#records = new QueueRecordCache(
      options.queueRecordTtlMs ?? 1_000,
      () => this.#listener?.listening === true,
    );
    // Without a connection string (a pool built from separate fields) long polls poll.
    this.#listener =
      this.connectionString === undefined
        ? undefined
        : new MessageListener(this.connectionString, this.#records);
    void this.#listener?.start();
    const listener = this.#listener;
    this.#notifier = new Notifier(
      listener === undefined
        ? async (names) => {
            await this.pool.query(NOTIFY_QUEUES, [names]);
          }
        : (names) => listener.notify(names),
      (name) => listener?.wake(name),
    );
    this.#fallbackPollMs = options.fallbackPollMs ?? 1_000;
    // Two batches at once: a caller seldom waits for a whole batch in flight, and concurrent
    // callers still share statements (measured against one at a time in the bench).
    const inFlight = { maxInFlight: 2 };
    this.#sends = new GroupCommit((calls) => this.#writeSends(calls), inFlight);
    this.#deletes = new GroupCommit((calls) => deleteMessages(this.pool, calls), inFlight);
    this.sms = new PostgresSmsRecords(this.pool);
  }

  /** How many send transactions were written (each may carry several callers). */
  get sendBatches(): number {
    return this.#sends.batches;
  }

  /** Resolves once every long-poll wake-up so far has gone out (or was dropped with a lost connection). */
  flushNotifications(): Promise<void> {
    return this.#notifier.flushed();
  }

  /** How many delete statements were written (each may carry several callers). */
  get deleteBatches(): number {
    return this.#deletes.batches;
  }

  async createQueue(record: QueueRecord): Promise<{ created: boolean; record: QueueRecord }> {
    const inserted = await this.pool.query<QueueRow>(
      `INSERT INTO sb_queues (name, arn, attributes, tags, created_ts, modified_ts, sealing_since)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (name) DO NOTHING RETURNING *`,
      [
        record.name,
        record.arn,
        JSON.stringify(record.attributes),
        JSON.stringify(record.tags),
        record.createdTimestamp,
        record.lastModifiedTimestamp,
        record.sealingSince ?? null,
      ],
    );
    // A copy from before a delete elsewhere (its notice still on the way) must not answer.
    this.#records.forget(record.name);
    if (inserted.rows[0] !== undefined) {
      return { created: true, record: toQueueRecord(inserted.rows[0]) };
    }
    const existing = await this.getQueue(record.name);
    // Deleted again between the two statements: create it once more.
    if (existing === undefined) return this.createQueue(record);
    return { created: false, record: existing };
  }

  getQueue(name: string): Promise<QueueRecord | undefined> {
    return this.#records.read(name, async () => {
      const row = (
        await this.pool.query<QueueRow>('SELECT * FROM sb_queues WHERE name = $1', [name])
      ).rows[0];
      return row === undefined ? undefined : toQueueRecord(row);
    });
  }

  async listQueues(prefix?: string): Promise<QueueRecord[]> {
    const rows = await this.pool.query<QueueRow>(
      `SELECT * FROM sb_queues WHERE $1::text IS NULL OR starts_with(name, $1)
       ORDER BY name COLLATE "C"`,
      [prefix ?? null],
    );
    return rows.rows.map(toQueueRecord);
  }

  async updateQueue(name: string, patch: QueueRecordPatch): Promise<QueueRecord | QueueMissing> {
    const row = (
      await this.pool.query<QueueRow>(
        `UPDATE sb_queues SET
           attributes = COALESCE($2::jsonb, attributes),
           tags = COALESCE($3::jsonb, tags),
           modified_ts = $4,
           sealing_since = CASE WHEN $5 THEN $6::bigint ELSE sealing_since END
         WHERE name = $1 RETURNING *`,
        [
          name,
          patch.attributes === undefined ? null : JSON.stringify(patch.attributes),
          patch.tags === undefined ? null : JSON.stringify(patch.tags),
          patch.lastModifiedTimestamp,
          patch.sealingSince !== undefined,
          patch.sealingSince ?? null,
        ],
      )
    ).rows[0];
    // This process reads its own change at once; others hear of it from the trigger.
    this.#records.forget(name);
    return row === undefined ? queueMissing(name) : toQueueRecord(row);
  }

  async deleteQueue(name: string): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      const deleted = await client.query<{ id: number; arn: string }>(
        'DELETE FROM sb_queues WHERE name = $1 RETURNING id, arn',
        [name],
      );
      const queue = deleted.rows[0];
      if (queue === undefined) return false;
      await client.query('DELETE FROM sb_subscriptions WHERE endpoint = $1', [queue.arn]);
      // Also rows a send wrote while this ran: their queue id is gone for good (ids never repeat).
      await client.query(
        'DELETE FROM sb_messages WHERE queue_id = $1 OR queue_id NOT IN (SELECT id FROM sb_queues)',
        [queue.id],
      );
      await client.query('DELETE FROM sb_deduplication WHERE queue_id = $1', [queue.id]);
      return true;
    }).then((deleted) => {
      this.#records.forget(name);
      if (deleted) this.#notifier.notify([name]);
      return deleted;
    });
  }

  send(entries: readonly SendEntry[], now: number): Promise<SendOutcome[] | QueueMissing> {
    return new Promise((resolve, reject) => {
      this.#sends.add({ entries, now, resolve, reject });
    });
  }

  async #writeSends(calls: PendingSend[]): Promise<void> {
    const results = allPlain(calls)
      ? await insertPlain(this.pool, calls)
      : await inTransaction(this.pool, (client) => sendMessages(client, calls));
    const touched = new Set<string>();
    for (const [index, call] of calls.entries()) {
      const result = results[index]!;
      if (!isStoreMiss(result)) for (const entry of call.entries) touched.add(entry.queueName);
      call.resolve(result);
    }
    this.#notifier.notify(touched);
  }

  /** Receives that met a row outside the plain bounds and walked the plan in a transaction. */
  claimFallbacks = 0;

  async receive(
    queueName: string,
    request: ClaimRequest,
    now: number,
  ): Promise<ClaimResult | QueueMissing> {
    const bounds = ClaimPlan.plainClaimBounds(request);
    if (bounds !== undefined) {
      const claimed = await claimPlain(this.pool, queueName, request, bounds, now);
      if (claimed !== NEEDS_PLAN) return claimed;
      this.claimFallbacks++;
    }
    const result = await inTransaction(this.pool, async (client) => {
      const names = [queueName, request.redrive?.deadLetterQueueName].filter(
        (name) => name !== undefined,
      );
      const found = await client.query<{ id: number; name: string }>(
        'SELECT id, name FROM sb_queues WHERE name = ANY($1)',
        [names],
      );
      const ids = new Map(found.rows.map((row) => [row.name, row.id]));
      const queueId = ids.get(queueName);
      if (queueId === undefined) return queueMissing(queueName);
      const deadLetterQueueId =
        request.redrive === undefined ? undefined : ids.get(request.redrive.deadLetterQueueName);
      return claimMessages(client, queueId, deadLetterQueueId, request, now);
    });
    if (!isStoreMiss(result) && result.deadLettered > 0) {
      this.#notifier.notify([request.redrive!.deadLetterQueueName]);
    }
    return result;
  }

  async forgetReceive(queueName: string, receiptHandle: string): Promise<void> {
    await this.pool.query(
      `UPDATE sb_messages SET receive_count = GREATEST(receive_count - 1, 0),
         first_receive_ts = CASE WHEN receive_count <= 1 THEN NULL ELSE first_receive_ts END,
         receipt_handle = NULL
       WHERE queue_id = (SELECT id FROM sb_queues WHERE name = $1) AND receipt_handle = $2`,
      [queueName, receiptHandle],
    );
  }

  deleteMessage(
    queueName: string,
    receiptHandle: string,
    _now: number,
  ): Promise<undefined | QueueMissing | ReceiptStale> {
    return new Promise((resolve, reject) => {
      this.#deletes.add({ queueName, receiptHandle, resolve, reject });
    });
  }

  async changeVisibility(
    queueName: string,
    receiptHandle: string,
    visibleAt: number,
    now: number,
  ): Promise<undefined | QueueMissing | ReceiptStale | NotInFlight> {
    const row = (
      await this.pool.query<{
        queue_id: number | null;
        visible_at: number | null;
        updated: number;
      }>(
        `WITH q AS (SELECT id FROM sb_queues WHERE name = $1),
              m AS (SELECT seq, visible_at FROM sb_messages
                    WHERE queue_id = (SELECT id FROM q) AND receipt_handle = $2 FOR UPDATE),
              u AS (UPDATE sb_messages SET visible_at = $3
                    WHERE seq = (SELECT seq FROM m) AND (SELECT visible_at FROM m) > $4 RETURNING 1)
         SELECT (SELECT id FROM q) AS queue_id, (SELECT visible_at FROM m) AS visible_at,
                (SELECT count(*)::integer FROM u) AS updated`,
        [queueName, receiptHandle, visibleAt, now],
      )
    ).rows[0]!;
    if (row.queue_id === null) return queueMissing(queueName);
    if (row.visible_at === null) return receiptStale(queueName, receiptHandle);
    if (row.updated === 0) return notInFlight(queueName, receiptHandle);
    if (visibleAt <= now) this.#notifier.notify([queueName]);
    return undefined;
  }

  async purge(queueName: string): Promise<undefined | QueueMissing> {
    return inTransaction(this.pool, async (client) => {
      const queueId = await this.#queueId(client, queueName);
      if (queueId === undefined) return queueMissing(queueName);
      await client.query('DELETE FROM sb_messages WHERE queue_id = $1', [queueId]);
      return undefined;
    });
  }

  async counters(queueName: string, now: number): Promise<QueueDepth | QueueMissing> {
    const row = (
      await this.pool.query<{
        queue_id: number | null;
        visible: number;
        in_flight: number;
        delayed: number;
        oldest: number | null;
      }>(
        `SELECT q.id AS queue_id,
           count(m.seq) FILTER (WHERE m.visible_at <= $2)::integer AS visible,
           count(m.seq) FILTER (WHERE m.visible_at > $2 AND m.claimed)::integer AS in_flight,
           count(m.seq) FILTER (WHERE m.visible_at > $2 AND NOT m.claimed)::integer AS delayed,
           min(m.sent_ts) AS oldest
         FROM sb_queues q LEFT JOIN sb_messages m ON m.queue_id = q.id
         WHERE q.name = $1 GROUP BY q.id`,
        [queueName, now],
      )
    ).rows[0];
    if (row === undefined) return queueMissing(queueName);
    return {
      visible: row.visible,
      inFlight: row.in_flight,
      delayed: row.delayed,
      ...(row.oldest === null ? {} : { oldestSentTimestamp: row.oldest }),
    };
  }

  async peek(queueName: string, request: PeekRequest): Promise<StoredMessage[] | QueueMissing> {
    return inTransaction(this.pool, async (client) => {
      const queueId = await this.#queueId(client, queueName);
      if (queueId === undefined) return queueMissing(queueName);
      const rows = await client.query<MessageRow>(
        `SELECT ${MESSAGE_COLUMNS} FROM sb_messages WHERE queue_id = $1
           AND ($2::text IS NULL OR seq > (SELECT seq FROM sb_messages
                                           WHERE queue_id = $1 AND message_id = $2 LIMIT 1))
         ORDER BY seq LIMIT $3`,
        [queueId, request.afterMessageId ?? null, request.limit],
      );
      return rows.rows.map(toStoredMessage);
    });
  }

  async expire(queueName: string, request: ExpireRequest): Promise<number | QueueMissing> {
    return inTransaction(this.pool, async (client) => {
      const queueId = await this.#queueId(client, queueName);
      if (queueId === undefined) return queueMissing(queueName);
      await client.query('DELETE FROM sb_deduplication WHERE queue_id = $1 AND expires_at <= $2', [
        queueId,
        request.now,
      ]);
      const deleted = await client.query(
        'DELETE FROM sb_messages WHERE queue_id = $1 AND sent_ts < $2',
        [queueId, request.sentBefore],
      );
      return deleted.rowCount ?? 0;
    });
  }

  async waitForMessages(queueName: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    const bounded = Math.min(timeoutMs, this.#fallbackPollMs);
    if (this.#listener === undefined || this.#closed) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.#closed ? 0 : bounded);
        signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      return;
    }
    await this.#listener.wait(queueName, bounded, signal);
  }

  async createTopic(record: TopicRecord): Promise<{ created: boolean; record: TopicRecord }> {
    const inserted = await this.pool.query<TopicRow>(
      `INSERT INTO sb_topics (name, arn, attributes, tags, created_ts) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (name) DO NOTHING RETURNING *`,
      [
        record.name,
        record.arn,
        JSON.stringify(record.attributes),
        JSON.stringify(record.tags),
        record.createdTimestamp,
      ],
    );
    if (inserted.rows[0] !== undefined) {
      return { created: true, record: toTopicRecord(inserted.rows[0]) };
    }
    const existing = await this.getTopic(record.name);
    if (existing === undefined) return this.createTopic(record);
    return { created: false, record: existing };
  }

  async getTopic(name: string): Promise<TopicRecord | undefined> {
    const row = (await this.pool.query<TopicRow>('SELECT * FROM sb_topics WHERE name = $1', [name]))
      .rows[0];
    return row === undefined ? undefined : toTopicRecord(row);
  }

  async listTopics(): Promise<TopicRecord[]> {
    const rows = await this.pool.query<TopicRow>(
      'SELECT * FROM sb_topics ORDER BY name COLLATE "C"',
    );
    return rows.rows.map(toTopicRecord);
  }

  async updateTopic(name: string, patch: TopicRecordPatch): Promise<TopicRecord | TopicMissing> {
    const row = (
      await this.pool.query<TopicRow>(
        `UPDATE sb_topics SET attributes = COALESCE($2::jsonb, attributes),
           tags = COALESCE($3::jsonb, tags) WHERE name = $1 RETURNING *`,
        [
          name,
          patch.attributes === undefined ? null : JSON.stringify(patch.attributes),
          patch.tags === undefined ? null : JSON.stringify(patch.tags),
        ],
      )
    ).rows[0];
    return row === undefined ? topicMissing(name) : toTopicRecord(row);
  }

  async deleteTopic(name: string): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      const deleted = await client.query<{ arn: string }>(
        'DELETE FROM sb_topics WHERE name = $1 RETURNING arn',
        [name],
      );
      const arn = deleted.rows[0]?.arn;
      if (arn === undefined) return false;
      await client.query('DELETE FROM sb_subscriptions WHERE topic_arn = $1', [arn]);
      return true;
    });
  }

  async addSubscription(record: SubscriptionRecord): Promise<SubscriptionRecord> {
    const columns = 'arn, topic_arn, protocol, endpoint, attributes, confirmation_digest';
    const row = (
      await this.pool.query<SubscriptionRow>(
        `WITH ins AS (
           INSERT INTO sb_subscriptions (${columns})
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (arn) DO NOTHING RETURNING *)
         SELECT ${columns} FROM ins
         UNION ALL SELECT ${columns} FROM sb_subscriptions WHERE arn = $1
         LIMIT 1`,
        [
          record.arn,
          record.topicArn,
          record.protocol,
          record.endpoint,
          JSON.stringify(record.attributes),
          record.confirmationDigest ?? null,
        ],
      )
    ).rows[0];
    return row === undefined ? record : toSubscriptionRecord(row);
  }

  async confirmSubscription(arn: string): Promise<SubscriptionRecord | SubscriptionMissing> {
    const row = (
      await this.pool.query<SubscriptionRow>(
        'UPDATE sb_subscriptions SET confirmation_digest = NULL WHERE arn = $1 RETURNING *',
        [arn],
      )
    ).rows[0];
    return row === undefined ? subscriptionMissing(arn) : toSubscriptionRecord(row);
  }

  async getSubscription(arn: string): Promise<SubscriptionRecord | undefined> {
    const row = (
      await this.pool.query<SubscriptionRow>('SELECT * FROM sb_subscriptions WHERE arn = $1', [arn])
    ).rows[0];
    return row === undefined ? undefined : toSubscriptionRecord(row);
  }

  async listSubscriptions(topicArn?: string): Promise<SubscriptionRecord[]> {
    const rows = await this.pool.query<SubscriptionRow>(
      'SELECT * FROM sb_subscriptions WHERE $1::text IS NULL OR topic_arn = $1 ORDER BY seq',
      [topicArn ?? null],
    );
    return rows.rows.map(toSubscriptionRecord);
  }

  async updateSubscription(
    arn: string,
    attributes: SubscriptionAttributes,
  ): Promise<SubscriptionRecord | SubscriptionMissing> {
    const row = (
      await this.pool.query<SubscriptionRow>(
        'UPDATE sb_subscriptions SET attributes = $2 WHERE arn = $1 RETURNING *',
        [arn, JSON.stringify(attributes)],
      )
    ).rows[0];
    return row === undefined ? subscriptionMissing(arn) : toSubscriptionRecord(row);
  }

  async removeSubscription(arn: string): Promise<boolean> {
    const deleted = await this.pool.query('DELETE FROM sb_subscriptions WHERE arn = $1', [arn]);
    return (deleted.rowCount ?? 0) > 0;
  }

  async saveMoveTask(task: MoveTaskRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO sb_move_tasks (task_handle, source_arn, started_ts, record) VALUES ($1, $2, $3, $4)
       ON CONFLICT (task_handle) DO UPDATE SET source_arn = EXCLUDED.source_arn,
         started_ts = EXCLUDED.started_ts, record = EXCLUDED.record`,
      [task.taskHandle, task.sourceArn, task.startedTimestamp, JSON.stringify(task)],
    );
  }

  async getMoveTask(taskHandle: string): Promise<MoveTaskRecord | undefined> {
    const row = (
      await this.pool.query<{ record: MoveTaskRecord }>(
        'SELECT record FROM sb_move_tasks WHERE task_handle = $1',
        [taskHandle],
      )
    ).rows[0];
    return row?.record;
  }

  async listMoveTasks(sourceArn: string): Promise<MoveTaskRecord[]> {
    const rows = await this.pool.query<{ record: MoveTaskRecord }>(
      'SELECT record FROM sb_move_tasks WHERE source_arn = $1 ORDER BY started_ts DESC, seq DESC',
      [sourceArn],
    );
    return rows.rows.map((row) => row.record);
  }

  async moveMessages(request: MoveRequest, now: number): Promise<MoveResult | MoveMiss> {
    let destinations: string[] = [];
    const result = await inTransaction(this.pool, async (client) => {
      const sourceId = await this.#queueId(client, request.sourceQueueName);
      if (sourceId === undefined) return queueMissing(request.sourceQueueName);
      const batch = (
        await client.query<{
          seq: number;
          message_id: string;
          dead_letter_source_arn: string | null;
        }>(
          `SELECT seq, message_id, dead_letter_source_arn FROM sb_messages
           WHERE queue_id = $1 AND visible_at <= $2 ORDER BY seq LIMIT $3 FOR UPDATE SKIP LOCKED`,
          [sourceId, now, request.limit],
        )
      ).rows;
      const targets = moveTargets(
        batch.map((row) => ({
          messageId: row.message_id,
          deadLetterQueueSourceArn: row.dead_letter_source_arn,
        })),
        request,
      );
      if (isStoreMiss(targets)) return targets;
      const destinationIds: number[] = [];
      for (const [index, name] of targets.entries()) {
        const id = await this.#queueId(client, name);
        if (id === undefined) return moveDestinationMissing(name, batch[index]!.message_id);
        destinationIds.push(id);
      }
      for (const [index, row] of batch.entries()) {
        await adoptMessage(client, row.seq, destinationIds[index]!, now, null);
      }
      if (batch.length > 0) {
        await client.query('DELETE FROM sb_messages WHERE seq = ANY($1)', [
          batch.map((row) => row.seq),
        ]);
      }
      destinations = targets;
      const remaining = await client.query<{ count: number }>(
        'SELECT count(*)::integer AS count FROM sb_messages WHERE queue_id = $1 AND visible_at <= $2',
        [sourceId, now],
      );
      return { moved: batch.length, remaining: remaining.rows[0]!.count };
    });
    if (!isStoreMiss(result) && result.moved > 0) this.#notifier.notify(new Set(destinations));
    return result;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#notifier.flushed();
    await this.#listener?.close();
    if (this.#ownsPool) await this.pool.end();
  }

  async #queueId(client: pg.PoolClient, name: string): Promise<number | undefined> {
    const row = await client.query<{ id: number }>('SELECT id FROM sb_queues WHERE name = $1', [
      name,
    ]);
    return row.rows[0]?.id;
  }
}
