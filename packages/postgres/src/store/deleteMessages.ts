import {
  type QueueMissing,
  queueMissing,
  type ReceiptStale,
  receiptStale,
} from '@sealbus/broker-engine';
import type pg from 'pg';
import { hotStatement } from './hotStatements.js';

/** One caller's `deleteMessage`, waiting for the group commit that carries it. */
export interface PendingDelete {
  queueName: string;
  receiptHandle: string;
  resolve(result: undefined | QueueMissing | ReceiptStale): void;
  reject(error: unknown): void;
}

/** Deletes the row of each (queue, handle) pair of `$1`/`$2` that is current; returns the pairs gone. */
const DELETE_BY_HANDLES = `DELETE FROM sb_messages m
  USING unnest($1::text[], $2::text[]) AS u(queue_name, handle), sb_queues q
  WHERE q.name = u.queue_name AND m.queue_id = q.id AND m.receipt_handle = u.handle
  RETURNING q.name AS queue_name, m.receipt_handle AS handle`;

/** Which of the names in `$1` are queues: asked only when a handle deleted nothing. */
const EXISTING_QUEUES = 'SELECT name FROM sb_queues WHERE name = ANY($1)';

/**
 * The deletes of several callers (a DeleteMessageBatch, or concurrent consumers) in one
 * statement: one round trip and one commit for all. A handle that is not current deletes
 * nothing; the same handle twice deletes its message once. Only then does a second statement
 * tell a stale handle from a missing queue: the common case stays one short statement, cheap
 * for the server to plan.
 */
export async function deleteMessages(
  pool: pg.Pool,
  calls: readonly PendingDelete[],
): Promise<void> {
  const { rows } = await pool.query<{ queue_name: string; handle: string }>(
    hotStatement(pool, 'sealbus_delete_by_handles', DELETE_BY_HANDLES, [
      calls.map((call) => call.queueName),
      calls.map((call) => call.receiptHandle),
    ]),
  );
  // Queue names hold no NUL, so the pair is one string.
  const gone = new Set(rows.map((row) => `${row.queue_name}\0${row.handle}`));
  const missed: PendingDelete[] = [];
  for (const call of calls) {
    // The first caller of a pair gets the deletion; a repeat of it in the group finds it gone.
    if (gone.delete(`${call.queueName}\0${call.receiptHandle}`)) call.resolve(undefined);
    else missed.push(call);
  }
  if (missed.length === 0) return;
  const existing = await pool.query<{ name: string }>(EXISTING_QUEUES, [
    [...new Set(missed.map((call) => call.queueName))],
  ]);
  const queues = new Set(existing.rows.map((row) => row.name));
  for (const call of missed) {
    call.resolve(
      queues.has(call.queueName)
        ? receiptStale(call.queueName, call.receiptHandle)
        : queueMissing(call.queueName),
    );
  }
}
