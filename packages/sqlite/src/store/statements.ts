import type Database from 'better-sqlite3';
import { IN_QUEUE, LAST_ROWID, ROWID, SEQUENCE } from './messageKeys.js';
import {
  MESSAGE_COLUMNS,
  type MessageRow,
  type QueueRow,
  type SubscriptionRow,
  type TopicRow,
} from './rows.js';

/** The part of a better-sqlite3 statement the store uses, typed by its result row. */
export interface Prepared<T> {
  get(...params: unknown[]): T | undefined;
  all(...params: unknown[]): T[];
  run(...params: unknown[]): { changes: number };
}

/**
 * A bound row limit. Written as an expression because a bare `LIMIT ?` makes SQLite (3.53, as
 * bundled with better-sqlite3 12) recompile the statement every time the parameter is bound:
 * measured 3.3 µs instead of 0.6 µs for the receive path's candidate query.
 */
const LIMIT = 'LIMIT ? + 0';

/** A claim candidate: what `ClaimPlan` reads, named as it names them, plus the row's place. */
export interface CandidateRow {
  sequence: number;
  sentTimestamp: number;
  receiveCount: number;
  visibleAt: number;
  messageGroupId: string | null;
}

const CANDIDATE_COLUMNS = `sent_ts AS sentTimestamp, receive_count AS receiveCount,
  visible_at AS visibleAt, group_id AS messageGroupId`;

/** Every SQL statement of the store, prepared once per connection. */
export function prepareStatements(db: Database.Database) {
  const p = <T = unknown>(sql: string): Prepared<T> => db.prepare(sql) as unknown as Prepared<T>;
  /** Rows as arrays in column order: cheaper to build than objects on the hot paths. */
  const raw = <T extends unknown[]>(sql: string): Prepared<T> =>
    db.prepare(sql).raw(true) as unknown as Prepared<T>;
  return {
    queueByName: p<QueueRow>('SELECT * FROM queues WHERE name = ?'),
    dataVersion: p<{ data_version: number }>('PRAGMA data_version'),
    queueIdByName: p<{ id: number }>('SELECT id FROM queues WHERE name = ?'),
    listQueues: p<QueueRow>('SELECT * FROM queues ORDER BY name'),
    insertQueue: p(
      `INSERT INTO queues (name, arn, attributes, tags, created_ts, modified_ts, sealing_since)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    maxQueueId: p<{ id: number | null }>('SELECT max(id) AS id FROM queues'),
    updateQueue: p(
      `UPDATE queues SET attributes = coalesce(?, attributes), tags = coalesce(?, tags),
       modified_ts = ?, sealing_since = CASE WHEN ? THEN ? ELSE sealing_since END
       WHERE name = ?`,
    ),
    deleteQueue: p('DELETE FROM queues WHERE id = ?'),
    deleteQueueMessages: p(`DELETE FROM messages WHERE ${IN_QUEUE}`),
    deleteQueueDeduplication: p('DELETE FROM fifo_deduplication WHERE queue_id = ?'),
    deleteSubscriptionsByEndpoint: p('DELETE FROM subscriptions WHERE endpoint = ?'),
    nextSequence: p<{ next_sequence: number }>(
      'UPDATE queues SET next_sequence = next_sequence + 1 WHERE id = ? RETURNING next_sequence',
    ),

    /** The newest row of the queue: the sequence to continue from, and the long-poll fingerprint. */
    newestInQueue: p<{ sequence: number; message_id: string }>(
      `SELECT ${SEQUENCE} AS sequence, message_id FROM messages WHERE ${IN_QUEUE}
       ORDER BY rowid DESC LIMIT 1`,
    ),
    insertMessage: p(
      `INSERT INTO messages (rowid, queue_id, message_id, body, message_attributes, sent_ts,
         visible_at, group_id, deduplication_id, sequence_number, sender_id, trace_header,
         encryption_context, md5_of_body)
       VALUES (${ROWID}, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    findDeduplication: p<{
      message_id: string;
      sequence_number: string | null;
      expires_at: number;
    }>(
      `SELECT message_id, sequence_number, expires_at FROM fifo_deduplication
       WHERE queue_id = ? AND scope = ? AND deduplication_id = ?`,
    ),
    upsertDeduplication: p(
      `INSERT OR REPLACE INTO fifo_deduplication
         (queue_id, scope, deduplication_id, message_id, sequence_number, expires_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    expireDeduplication: p('DELETE FROM fifo_deduplication WHERE queue_id = ? AND expires_at <= ?'),

    // Binds (queue id, queue id, now, limit): the first visible rows in (visible_at, rowid) order.
    visibleCandidates: p<CandidateRow>(
      `SELECT ${SEQUENCE} AS sequence, ${CANDIDATE_COLUMNS} FROM messages
       WHERE queue_id = ? AND visible_at <= ? ORDER BY visible_at, rowid ${LIMIT}`,
    ),
    // Binds (queue id, queue id, after, queue id, limit): the queue's rows after a sequence.
    fifoCandidates: p<CandidateRow>(
      `SELECT ${SEQUENCE} AS sequence, ${CANDIDATE_COLUMNS} FROM messages
       WHERE rowid > ${ROWID} AND rowid <= ${LAST_ROWID}
       ORDER BY rowid ${LIMIT}`,
    ),
    claim: raw<MessageRow>(
      `UPDATE messages SET visible_at = ?, receive_count = receive_count + 1,
         first_receive_ts = coalesce(first_receive_ts, ?), receipt_handle = ?
       WHERE rowid = ${ROWID} RETURNING ${MESSAGE_COLUMNS}`,
    ),
    // Only the row's place, visibility and source change: the stored bytes move untouched.
    deadLetter: p(
      `UPDATE messages SET rowid = ${ROWID}, queue_id = ?, visible_at = ?, receive_count = 0,
         first_receive_ts = NULL, receipt_handle = NULL, dead_letter_source_arn = ?
       WHERE rowid = ${ROWID}`,
    ),
    moveBack: p(
      `UPDATE messages SET rowid = ${ROWID}, queue_id = ?, visible_at = ?, receive_count = 0,
         first_receive_ts = NULL, receipt_handle = NULL, dead_letter_source_arn = NULL
       WHERE rowid = ${ROWID}`,
    ),
    movable: p<{ sequence: number; messageId: string; deadLetterQueueSourceArn: string | null }>(
      `SELECT ${SEQUENCE} AS sequence, message_id AS messageId,
         dead_letter_source_arn AS deadLetterQueueSourceArn FROM messages
       WHERE queue_id = ? AND visible_at <= ? ORDER BY visible_at, rowid ${LIMIT}`,
    ),
    deleteRow: p(`DELETE FROM messages WHERE rowid = ${ROWID}`),
    // Undoes a claim's count (see MessageStore.forgetReceive); the right side reads the old row.
    forgetReceive: p(
      `UPDATE messages SET receive_count = max(receive_count - 1, 0),
         first_receive_ts = CASE WHEN receive_count <= 1 THEN NULL ELSE first_receive_ts END,
         receipt_handle = NULL
       WHERE rowid = ${ROWID} AND receipt_handle = ?`,
    ),
    deleteByReceiptHandle: p(`DELETE FROM messages WHERE rowid = ${ROWID} AND receipt_handle = ?`),
    visibleAtByReceiptHandle: p<{ visible_at: number }>(
      `SELECT visible_at FROM messages WHERE rowid = ${ROWID} AND receipt_handle = ?`,
    ),
    setVisibleAt: p(`UPDATE messages SET visible_at = ? WHERE rowid = ${ROWID}`),
    // Deletes the queue's front run of expired rows (binds the queue id four times, then the cutoff
    // before the last one): rows are in sequence order, which is sent order except for messages
    // moved in later, which the receive path drops one by one when they expire.
    expireMessages: p(
      `DELETE FROM messages WHERE ${IN_QUEUE} AND rowid < coalesce(
         (SELECT rowid FROM messages WHERE ${IN_QUEUE} AND sent_ts >= ? ORDER BY rowid LIMIT 1),
         9223372036854775807)`,
    ),

    countVisible: p<{ n: number }>(
      'SELECT count(*) AS n FROM messages WHERE queue_id = ? AND visible_at <= ?',
    ),
    countInvisible: p<{ inflight: number; delayed: number }>(
      `SELECT count(receipt_handle) AS inflight, count(*) - count(receipt_handle) AS delayed
       FROM messages WHERE queue_id = ? AND visible_at > ?`,
    ),
    oldestSent: p<{ oldest: number | null }>(
      `SELECT sent_ts AS oldest FROM messages WHERE ${IN_QUEUE} ORDER BY rowid LIMIT 1`,
    ),
    sequenceOfMessage: p<{ sequence: number }>(
      `SELECT ${SEQUENCE} AS sequence FROM messages WHERE ${IN_QUEUE} AND message_id = ?`,
    ),
    // Binds (queue id, after, queue id, limit).
    peek: raw<MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} FROM messages
       WHERE rowid > ${ROWID} AND rowid <= ${LAST_ROWID}
       ORDER BY rowid ${LIMIT}`,
    ),

    topicByName: p<TopicRow>('SELECT * FROM topics WHERE name = ?'),
    listTopics: p<TopicRow>('SELECT * FROM topics ORDER BY name'),
    insertTopic: p(
      `INSERT INTO topics (name, arn, attributes, tags, created_ts) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (name) DO NOTHING`,
    ),
    updateTopic: p(
      'UPDATE topics SET attributes = coalesce(?, attributes), tags = coalesce(?, tags) WHERE name = ?',
    ),
    deleteTopic: p<{ arn: string }>('DELETE FROM topics WHERE name = ? RETURNING arn'),
    deleteSubscriptionsByTopic: p('DELETE FROM subscriptions WHERE topic_arn = ?'),

    insertSubscription: p(
      `INSERT INTO subscriptions (arn, topic_arn, endpoint, attributes, created_order)
       VALUES (?, ?, ?, ?, (SELECT coalesce(max(created_order), 0) + 1 FROM subscriptions))
       ON CONFLICT (arn) DO NOTHING`,
    ),
    subscriptionByArn: p<SubscriptionRow>('SELECT * FROM subscriptions WHERE arn = ?'),
    listSubscriptions: p<SubscriptionRow>('SELECT * FROM subscriptions ORDER BY created_order'),
    listSubscriptionsByTopic: p<SubscriptionRow>(
      'SELECT * FROM subscriptions WHERE topic_arn = ? ORDER BY created_order',
    ),
    updateSubscription: p('UPDATE subscriptions SET attributes = ? WHERE arn = ?'),
    deleteSubscription: p('DELETE FROM subscriptions WHERE arn = ?'),

    saveMoveTask: p(
      `INSERT INTO move_tasks (task_handle, source_arn, started_ts, task) VALUES (?, ?, ?, ?)
       ON CONFLICT (task_handle) DO UPDATE SET task = excluded.task`,
    ),
    moveTask: p<{ task: string }>('SELECT task FROM move_tasks WHERE task_handle = ?'),
    listMoveTasks: p<{ task: string }>(
      'SELECT task FROM move_tasks WHERE source_arn = ? ORDER BY started_ts DESC, rowid DESC',
    ),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;
