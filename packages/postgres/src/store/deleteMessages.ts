import {
  type QueueMissing,
  queueMissing,
  type ReceiptStale,
  receiptStale,
} from '@sealbus/broker-engine';
import type pg from 'pg';

/** One caller's `deleteMessage`, waiting for the group commit that carries it. */
export interface PendingDelete {
  queueName: string;
  receiptHandle: string;
  resolve(result: undefined | QueueMissing | ReceiptStale): void;
  reject(error: unknown): void;
}

/** Each (queue, handle) pair of `$1`/`$2`: whether its queue exists and whether a row went. */
const DELETE_BY_HANDLES = `WITH u AS (
    SELECT * FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS u(queue_name, handle, n)),
  q AS (SELECT id, name FROM sb_queues WHERE name IN (SELECT queue_name FROM u)),
  d AS (DELETE FROM sb_messages m USING u JOIN q ON q.name = u.queue_name
        WHERE m.queue_id = q.id AND m.receipt_handle = u.handle RETURNING u.n)
SELECT q.id IS NOT NULL AS found, EXISTS (SELECT 1 FROM d WHERE d.n = u.n) AS deleted
FROM u LEFT JOIN q ON q.name = u.queue_name ORDER BY u.n`;

/**
 * The deletes of several callers (a DeleteMessageBatch, or concurrent consumers) in one
 * statement: one round trip and one commit for all. A handle that is not current deletes
 * nothing; the same handle twice deletes its message once.
 */
export async function deleteMessages(
  pool: pg.Pool,
  calls: readonly PendingDelete[],
): Promise<void> {
  const { rows } = await pool.query<{ found: boolean; deleted: boolean }>(DELETE_BY_HANDLES, [
    calls.map((call) => call.queueName),
    calls.map((call) => call.receiptHandle),
  ]);
  for (const [index, call] of calls.entries()) {
    const row = rows[index]!;
    if (!row.found) call.resolve(queueMissing(call.queueName));
    else call.resolve(row.deleted ? undefined : receiptStale(call.queueName, call.receiptHandle));
  }
}
