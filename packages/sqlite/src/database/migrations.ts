import { UnsupportedOperationError } from '@sealbus/core';
import type Database from 'better-sqlite3';
import { SEQUENCE_BITS } from '../store/messageKeys.js';

/**
 * Schema versions, applied in order and recorded in `PRAGMA user_version`. Append new steps;
 * never edit a shipped one, because existing files have already run it.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE queues (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    arn TEXT NOT NULL UNIQUE,
    attributes TEXT NOT NULL,
    tags TEXT NOT NULL,
    created_ts INTEGER NOT NULL,
    modified_ts INTEGER NOT NULL,
    next_sequence INTEGER NOT NULL DEFAULT 0
  );
  -- One small row per queue, bumped in the transaction that makes messages visible, so waiting
  -- consumers in other processes detect sends by polling a single indexed row.
  CREATE TABLE queue_signals (
    queue_id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 0
  );
  -- rowid is the delivery order (FIFO sequence order and standard-queue tie break).
  CREATE TABLE messages (
    queue_id INTEGER NOT NULL,
    message_id TEXT NOT NULL,
    body BLOB NOT NULL,
    message_attributes TEXT,
    sent_ts INTEGER NOT NULL,
    visible_at INTEGER NOT NULL,
    receive_count INTEGER NOT NULL DEFAULT 0,
    first_receive_ts INTEGER,
    receipt_handle TEXT,
    group_id TEXT,
    deduplication_id TEXT,
    sequence_number TEXT,
    sender_id TEXT,
    trace_header TEXT,
    dead_letter_source_arn TEXT,
    -- JSON: the encryption context a sealed body is bound to, kept through redrives and moves.
    encryption_context TEXT
  );
  -- Standard receive: the first visible rows of a queue in (visible_at, rowid) order, O(log n).
  CREATE INDEX messages_visible ON messages (queue_id, visible_at);
  -- FIFO walk, peek, purge: the queue's rows in rowid order.
  CREATE INDEX messages_queue ON messages (queue_id);
  CREATE INDEX messages_sent ON messages (queue_id, sent_ts);
  -- delete / changeVisibility compare-and-set on the current receipt handle.
  CREATE UNIQUE INDEX messages_receipt ON messages (receipt_handle) WHERE receipt_handle IS NOT NULL;
  CREATE INDEX messages_id ON messages (message_id);

  CREATE TABLE fifo_deduplication (
    queue_id INTEGER NOT NULL,
    scope TEXT NOT NULL,
    deduplication_id TEXT NOT NULL,
    message_id TEXT NOT NULL,
    sequence_number TEXT,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (queue_id, scope, deduplication_id)
  ) WITHOUT ROWID;
  CREATE INDEX fifo_deduplication_expiry ON fifo_deduplication (queue_id, expires_at);

  CREATE TABLE topics (
    name TEXT PRIMARY KEY,
    arn TEXT NOT NULL UNIQUE,
    attributes TEXT NOT NULL,
    tags TEXT NOT NULL,
    created_ts INTEGER NOT NULL
  );
  CREATE TABLE subscriptions (
    arn TEXT PRIMARY KEY,
    topic_arn TEXT NOT NULL,
    endpoint TEXT NOT NULL,
    attributes TEXT NOT NULL,
    created_order INTEGER NOT NULL
  );
  CREATE INDEX subscriptions_topic ON subscriptions (topic_arn, created_order);
  CREATE INDEX subscriptions_endpoint ON subscriptions (endpoint);

  CREATE TABLE move_tasks (
    task_handle TEXT PRIMARY KEY,
    source_arn TEXT NOT NULL,
    started_ts INTEGER NOT NULL,
    task TEXT NOT NULL
  );
  CREATE INDEX move_tasks_source ON move_tasks (source_arn, started_ts);
  `,
  // Every index costs each message three updates (send, claim, delete). Retention and the oldest
  // timestamp walk the queue from its front in rowid order (commit order, so sent order), and
  // peek pagination finds its anchor within the queue, so these two indexes do not pay for that.
  `
  DROP INDEX messages_sent;
  DROP INDEX messages_id;
  `,
  // The MD5 of a plain body, computed once at send so receives need not hash again. Never set
  // for sealed bodies: a digest of the plaintext must not sit next to its ciphertext.
  `
  ALTER TABLE messages ADD COLUMN md5_of_body TEXT;
  `,
  // Each queue owns a rowid range (see store/messageKeys.ts), so the table b-tree itself keeps a
  // queue's rows in sequence order and a receipt handle names its row: the (queue_id) and
  // receipt-handle indexes go, and waiters watch PRAGMA data_version instead of a counter row.
  // Each index and the counter cost every cycle a page write per commit (measured: 5 to 13 %
  // of a batch-1 cycle each). Handles minted before this step no longer match their rows. The
  // new rowids (from 2^43 up) cannot collide with the old ones (commit order from 1).
  `
  UPDATE messages SET rowid = renumbered.rowid_in_range
  FROM (
    SELECT rowid AS old_rowid,
      (queue_id << ${SEQUENCE_BITS}) + row_number() OVER (PARTITION BY queue_id ORDER BY rowid)
        AS rowid_in_range
    FROM messages
  ) AS renumbered
  WHERE messages.rowid = renumbered.old_rowid;
  DROP INDEX messages_queue;
  DROP INDEX messages_receipt;
  DROP TABLE queue_signals;
  `,
  // Since when a queue seals every message (epoch ms): a plaintext row sent later is refused on
  // receive. NULL for queues without SSE, and for SSE queues of older files (unknown since when).
  `
  ALTER TABLE queues ADD COLUMN sealing_since INTEGER;
  `,
  // Subscriptions beyond SQS: the protocol, and the token digest while confirmation is pending.
  `
  ALTER TABLE subscriptions ADD COLUMN protocol TEXT NOT NULL DEFAULT 'sqs';
  ALTER TABLE subscriptions ADD COLUMN confirmation_digest TEXT;
  `,
  // SMS: the account's SetSMSAttributes values and the opt-out list, with the last opt-out and
  // opt-in times (epoch ms) the 30-day opt-in rule reads.
  `
  CREATE TABLE sms_attributes (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE phone_numbers (
    phone_number TEXT PRIMARY KEY,
    opted_out INTEGER NOT NULL,
    opted_out_ts INTEGER,
    opted_in_ts INTEGER
  ) WITHOUT ROWID;
  `,
];

/** Brings the schema to the newest version; each step commits with its version number. */
export function migrate(db: Database.Database): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new UnsupportedOperationError(
      `The database schema is version ${current}, newer than this @sealbus/sqlite (version ${MIGRATIONS.length}); upgrade @sealbus/sqlite to open it.`,
    );
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.exec('BEGIN IMMEDIATE');
    try {
      // Another process may have migrated while this one waited for the write lock.
      const seen = db.pragma('user_version', { simple: true }) as number;
      if (seen > version) {
        db.exec('COMMIT');
        version = seen - 1;
        continue;
      }
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
  return MIGRATIONS.length;
}
