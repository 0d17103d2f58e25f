import type Database from 'better-sqlite3';
import { MESSAGE_COLUMNS, type MessageRow, type QueueRow } from './rows.js';

/** The part of a better-sqlite3 statement the store uses, typed by its result row. */
export interface Prepared<T> {
  get(...params: unknown[]): T | undefined;
  all(...params: unknown[]): T[];
  run(...params: unknown[]): { changes: number };
}

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
    queueNameByArn: p<{ id: number; name: string }>('SELECT id, name FROM queues WHERE arn = ?'),
    listQueues: p<QueueRow>('SELECT * FROM queues ORDER BY name'),
    insertQueue: p(
      `INSERT INTO queues (name, arn, attributes, tags, created_ts, modified_ts)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING`,
    ),
    insertSignal: p('INSERT OR IGNORE INTO queue_signals (queue_id, version) VALUES (?, 0)'),
    bumpSignal: p('UPDATE queue_signals SET version = version + 1 WHERE queue_id = ?'),
    updateQueue: p(
      `UPDATE queues SET attributes = coalesce(?, attributes), tags = coalesce(?, tags),
       modified_ts = ? WHERE name = ?`,
    ),
    deleteQueue: p('DELETE FROM queues WHERE id = ?'),
    deleteSignal: p('DELETE FROM queue_signals WHERE queue_id = ?'),
    deleteQueueMessages: p('DELETE FROM messages WHERE queue_id = ?'),
    deleteQueueDeduplication: p('DELETE FROM fifo_deduplication WHERE queue_id = ?'),
    deleteSubscriptionsByEndpoint: p('DELETE FROM subscriptions WHERE endpoint = ?'),
    nextSequence: p<{ next_sequence: number }>(
      'UPDATE queues SET next_sequence = next_sequence + 1 WHERE id = ? RETURNING next_sequence',
    ),

    insertMessage: p(
      `INSERT INTO messages (queue_id, message_id, body, message_attributes, sent_ts, visible_at,
         group_id, deduplication_id, sequence_number, sender_id, trace_header, encryption_context,
         md5_of_body)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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

    visibleCandidates: p<{ rowid: number; sent_ts: number; receive_count: number }>(
      `SELECT rowid, sent_ts, receive_count FROM messages
       WHERE queue_id = ? AND visible_at <= ? ORDER BY visible_at, rowid LIMIT ?`,
    ),
    fifoCandidates: p<{
      rowid: number;
      sent_ts: number;
      receive_count: number;
      visible_at: number;
      group_id: string | null;
    }>(
      `SELECT rowid, sent_ts, receive_count, visible_at, group_id FROM messages INDEXED BY messages_queue
       WHERE queue_id = ? AND rowid > ? ORDER BY rowid LIMIT ?`,
    ),
    claim: raw<MessageRow>(
      `UPDATE messages SET visible_at = ?, receive_count = receive_count + 1,
         first_receive_ts = coalesce(first_receive_ts, ?), receipt_handle = ?
       WHERE rowid = ? RETURNING ${MESSAGE_COLUMNS}`,
    ),
    deadLetter: p(
      `UPDATE messages SET queue_id = ?, visible_at = ?, receive_count = 0, first_receive_ts = NULL,
         receipt_handle = NULL, dead_letter_source_arn = ? WHERE rowid = ?`,
    ),
    moveBack: p(
      `UPDATE messages SET queue_id = ?, visible_at = ?, receive_count = 0, first_receive_ts = NULL,
         receipt_handle = NULL, dead_letter_source_arn = NULL WHERE rowid = ?`,
    ),
    movable: p<{ rowid: number; dead_letter_source_arn: string | null }>(
      `SELECT rowid, dead_letter_source_arn FROM messages
       WHERE queue_id = ? AND visible_at <= ? ORDER BY visible_at, rowid LIMIT ?`,
    ),
    deleteRow: p('DELETE FROM messages WHERE rowid = ?'),
    deleteByReceiptHandle: p('DELETE FROM messages WHERE receipt_handle = ? AND queue_id = ?'),
    byReceiptHandle: p<{ rowid: number; queue_id: number; visible_at: number }>(
      'SELECT rowid, queue_id, visible_at FROM messages WHERE receipt_handle = ?',
    ),
    setVisibleAt: p('UPDATE messages SET visible_at = ? WHERE rowid = ?'),
    // Deletes the queue's front run of expired rows: rows are in commit order, so sent order.
    expireMessages: p(
      `DELETE FROM messages WHERE rowid IN (
         SELECT rowid FROM messages INDEXED BY messages_queue
         WHERE queue_id = ? AND rowid < coalesce(
           (SELECT rowid FROM messages INDEXED BY messages_queue
            WHERE queue_id = ? AND sent_ts >= ? ORDER BY rowid LIMIT 1),
           9223372036854775807))`,
    ),

    countVisible: p<{ n: number }>(
      'SELECT count(*) AS n FROM messages WHERE queue_id = ? AND visible_at <= ?',
    ),
    countInvisible: p<{ inflight: number; delayed: number }>(
      `SELECT count(receipt_handle) AS inflight, count(*) - count(receipt_handle) AS delayed
       FROM messages WHERE queue_id = ? AND visible_at > ?`,
    ),
    oldestSent: p<{ oldest: number | null }>(
      `SELECT sent_ts AS oldest FROM messages INDEXED BY messages_queue
       WHERE queue_id = ? ORDER BY rowid LIMIT 1`,
    ),
    rowidOfMessage: p<{ rowid: number }>(
      'SELECT rowid FROM messages INDEXED BY messages_queue WHERE message_id = ? AND queue_id = ?',
    ),
    peek: raw<MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} FROM messages INDEXED BY messages_queue
       WHERE queue_id = ? AND rowid > ? ORDER BY rowid LIMIT ?`,
    ),

    topicByName: p<{
      name: string;
      arn: string;
      attributes: string;
      tags: string;
      created_ts: number;
    }>('SELECT * FROM topics WHERE name = ?'),
    listTopics: p<{
      name: string;
      arn: string;
      attributes: string;
      tags: string;
      created_ts: number;
    }>('SELECT * FROM topics ORDER BY name'),
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

export interface SubscriptionRow {
  arn: string;
  topic_arn: string;
  endpoint: string;
  attributes: string;
}

export type Statements = ReturnType<typeof prepareStatements>;
