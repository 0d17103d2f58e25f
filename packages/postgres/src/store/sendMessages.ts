import {
  type NewMessage,
  type QueueMissing,
  queueMissing,
  type SendEntry,
  type SendOutcome,
} from '@sealbus/broker-engine';
import type pg from 'pg';
import { hotStatement } from './hotStatements.js';
import {
  formatSequenceNumber,
  NEW_MESSAGE_COLUMNS,
  NEW_MESSAGE_TYPES,
  newMessageValues,
} from './rows.js';

/** One caller's `send`, waiting for the group commit that carries it. */
export interface PendingSend {
  entries: readonly SendEntry[];
  now: number;
  resolve(result: SendOutcome[] | QueueMissing): void;
  reject(error: unknown): void;
}

const needsOrder = (message: NewMessage) =>
  message.fifo === true || message.deduplication !== undefined;

const BULK_INSERT = `INSERT INTO sb_messages (queue_id, sent_ts, ${NEW_MESSAGE_COLUMNS.join(', ')})
  SELECT queue_id, sent_ts, ${NEW_MESSAGE_COLUMNS.join(', ')}
  FROM unnest($1::bigint[], $2::bigint[], ${NEW_MESSAGE_TYPES.map((type, index) => `$${index + 3}::${type}`).join(', ')})
    WITH ORDINALITY AS u(queue_id, sent_ts, ${NEW_MESSAGE_COLUMNS.join(', ')}, ordinality)
  ORDER BY ordinality`;

/**
 * Plain sends of several callers in one statement (one round trip, one commit): a caller any of
 * whose queues is missing writes nothing, the others are inserted in arrival order. Returns the
 * names of the queues that exist.
 */
const INSERT_PLAIN = `WITH u AS (
    SELECT * FROM unnest($1::integer[], $2::text[], $3::bigint[], ${NEW_MESSAGE_TYPES.map((type, index) => `$${index + 4}::${type}`).join(', ')})
      WITH ORDINALITY AS u(caller, queue_name, sent_ts, ${NEW_MESSAGE_COLUMNS.join(', ')}, ordinality)),
  q AS (SELECT id, name FROM sb_queues WHERE name IN (SELECT queue_name FROM u)),
  missing AS (SELECT caller FROM u WHERE queue_name NOT IN (SELECT name FROM q)),
  ins AS (INSERT INTO sb_messages (queue_id, sent_ts, ${NEW_MESSAGE_COLUMNS.join(', ')})
    SELECT q.id, u.sent_ts, ${NEW_MESSAGE_COLUMNS.map((column) => `u.${column}`).join(', ')}
    FROM u JOIN q ON q.name = u.queue_name
    WHERE u.caller NOT IN (SELECT caller FROM missing) ORDER BY u.ordinality RETURNING 1)
SELECT array(SELECT name FROM q) AS found, (SELECT count(*) FROM ins)::integer AS inserted`;

const INSERT_ONE = `INSERT INTO sb_messages (queue_id, sent_ts, sequence_number, ${NEW_MESSAGE_COLUMNS.join(', ')})
  VALUES ($1, $2, $3, ${NEW_MESSAGE_COLUMNS.map((_, index) => `$${index + 4}`).join(', ')})`;

/** Whether a group of sends can go in one statement (`insertPlain`): no FIFO, no deduplication. */
export function allPlain(calls: readonly PendingSend[]): boolean {
  return calls.every((call) => call.entries.every((entry) => !needsOrder(entry.message)));
}

/** `sendMessages` for a group without FIFO or deduplicated entries, in one statement. */
export async function insertPlain(
  pool: pg.Pool,
  calls: readonly PendingSend[],
): Promise<Array<SendOutcome[] | QueueMissing>> {
  const callers: number[] = [];
  const names: string[] = [];
  const sentAt: number[] = [];
  const columns: unknown[][] = NEW_MESSAGE_COLUMNS.map(() => []);
  for (const [index, call] of calls.entries()) {
    for (const entry of call.entries) {
      callers.push(index);
      names.push(entry.queueName);
      sentAt.push(call.now);
      for (const [column, value] of newMessageValues(entry.message).entries()) {
        columns[column]!.push(value);
      }
    }
  }
  const { rows } = await pool.query<{ found: string[] }>(
    hotStatement(pool, 'sealbus_insert_plain', INSERT_PLAIN, [callers, names, sentAt, ...columns]),
  );
  const found = new Set(rows[0]!.found);
  return calls.map((call) => {
    const missing = call.entries.find((entry) => !found.has(entry.queueName));
    if (missing !== undefined) return queueMissing(missing.queueName);
    return call.entries.map((entry) => ({ messageId: entry.message.messageId, duplicate: false }));
  });
}

/**
 * Writes the sends of several callers in one transaction (group commit: one WAL flush for all).
 * A caller whose target queue is missing gets `QueueMissing` and writes nothing; the others go
 * on. Plain messages of all callers go in one multi-row INSERT; FIFO and deduplicated ones are
 * written in order under their queue's row lock, which serializes sequence numbers and
 * deduplication records per queue across processes.
 */
export async function sendMessages(
  client: pg.PoolClient,
  calls: readonly PendingSend[],
): Promise<Array<SendOutcome[] | QueueMissing>> {
  const names = [...new Set(calls.flatMap((call) => call.entries.map((entry) => entry.queueName)))];
  // No row lock: a queue deleted meanwhile leaves rows under an id no queue has again, and
  // deleteQueue sweeps those.
  const found = await client.query<{ id: number; name: string }>(
    'SELECT id, name FROM sb_queues WHERE name = ANY($1)',
    [names],
  );
  const ids = new Map(found.rows.map((row) => [row.name, row.id]));
  const ordered = new Set<number>();
  for (const call of calls) {
    if (call.entries.some((entry) => !ids.has(entry.queueName))) continue;
    for (const entry of call.entries) {
      if (needsOrder(entry.message)) ordered.add(ids.get(entry.queueName)!);
    }
  }
  // Row locks in id order, so two batches never wait on each other in a cycle.
  if (ordered.size > 0) {
    await client.query('SELECT id FROM sb_queues WHERE id = ANY($1) ORDER BY id FOR UPDATE', [
      [...ordered],
    ]);
  }
  const bulk: { queueId: number; now: number; message: NewMessage }[] = [];
  const results: Array<SendOutcome[] | QueueMissing> = [];
  for (const call of calls) {
    const missing = call.entries.find((entry) => !ids.has(entry.queueName));
    if (missing !== undefined) {
      results.push(queueMissing(missing.queueName));
      continue;
    }
    const outcomes: SendOutcome[] = [];
    if (call.entries.some((entry) => needsOrder(entry.message))) {
      for (const entry of call.entries) {
        outcomes.push(
          await sendOrdered(client, ids.get(entry.queueName)!, entry.message, call.now),
        );
      }
    } else {
      for (const entry of call.entries) {
        bulk.push({ queueId: ids.get(entry.queueName)!, now: call.now, message: entry.message });
        outcomes.push({ messageId: entry.message.messageId, duplicate: false });
      }
    }
    results.push(outcomes);
  }
  if (bulk.length > 0) {
    const columns: unknown[][] = NEW_MESSAGE_COLUMNS.map(() => []);
    for (const { message } of bulk) {
      for (const [index, value] of newMessageValues(message).entries()) {
        columns[index]!.push(value);
      }
    }
    await client.query(BULK_INSERT, [
      bulk.map((row) => row.queueId),
      bulk.map((row) => row.now),
      ...columns,
    ]);
  }
  return results;
}

async function sendOrdered(
  client: pg.PoolClient,
  queueId: number,
  message: NewMessage,
  now: number,
): Promise<SendOutcome> {
  const deduplication = message.deduplication;
  if (deduplication !== undefined) {
    const seen = await client.query<{ message_id: string; sequence_number: string | null }>(
      `SELECT message_id, sequence_number FROM sb_deduplication
       WHERE queue_id = $1 AND scope = $2 AND deduplication_id = $3 AND expires_at > $4`,
      [queueId, deduplication.scope, deduplication.id, now],
    );
    const original = seen.rows[0];
    if (original !== undefined) {
      return {
        messageId: original.message_id,
        duplicate: true,
        ...(original.sequence_number === null ? {} : { sequenceNumber: original.sequence_number }),
      };
    }
  }
  const sequenceNumber = message.fifo === true ? await nextSequence(client, queueId) : undefined;
  await client.query(INSERT_ONE, [
    queueId,
    now,
    sequenceNumber ?? null,
    ...newMessageValues(message),
  ]);
  if (deduplication !== undefined) {
    await client.query(
      `INSERT INTO sb_deduplication (queue_id, scope, deduplication_id, message_id, sequence_number, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (queue_id, scope, deduplication_id) DO UPDATE
         SET message_id = EXCLUDED.message_id, sequence_number = EXCLUDED.sequence_number,
             expires_at = EXCLUDED.expires_at`,
      [
        queueId,
        deduplication.scope,
        deduplication.id,
        message.messageId,
        sequenceNumber ?? null,
        deduplication.expiresAt,
      ],
    );
  }
  return {
    messageId: message.messageId,
    duplicate: false,
    ...(sequenceNumber === undefined ? {} : { sequenceNumber }),
  };
}

/** The queue's next FIFO sequence number; the caller holds the queue row. */
export async function nextSequence(client: pg.PoolClient, queueId: number): Promise<string> {
  const row = await client.query<{ next_sequence: number }>(
    'UPDATE sb_queues SET next_sequence = next_sequence + 1 WHERE id = $1 RETURNING next_sequence',
    [queueId],
  );
  return formatSequenceNumber(row.rows[0]!.next_sequence);
}
