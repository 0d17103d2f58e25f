import {
  ClaimPlan,
  type ClaimRequest,
  type ClaimResult,
  type ClaimStep,
  type PlainClaimBounds,
  type QueueMissing,
  queueMissing,
  type StoredMessage,
} from '@sealbus/broker-engine';
import type pg from 'pg';
import { hotStatement } from './hotStatements.js';
import { type MessageRow, messageColumns, toStoredMessage } from './rows.js';
import { nextSequence } from './sendMessages.js';

interface CandidateRow {
  seq: number;
  sent_ts: number;
  receive_count: number;
  visible_at: number;
  group_id: string | null;
  sequence_number: string | null;
}

const CANDIDATE_COLUMNS = 'seq, sent_ts, receive_count, visible_at, group_id, sequence_number';
const FIFO_PAGE = 200;

/**
 * A standard queue's receive in one statement (one round trip, one commit): lock the earliest
 * visible rows with `FOR UPDATE SKIP LOCKED` and claim them, unless one of them lies outside the
 * plan's `PlainClaimBounds` (past retention, or at the redrive limit): then it claims nothing and
 * the statement's locks go with it, and the caller walks the plan in a transaction
 * (`claimMessages`), which owns every rule for such rows.
 */
const CLAIM_PLAIN = `WITH q AS (SELECT id FROM sb_queues WHERE name = $1),
  c AS (SELECT seq, visible_at, sent_ts, receive_count FROM sb_messages
        WHERE queue_id = (SELECT id FROM q) AND visible_at <= $2
        ORDER BY visible_at, seq LIMIT $3 FOR UPDATE SKIP LOCKED),
  o AS (SELECT seq, row_number() OVER (ORDER BY visible_at, seq) AS n FROM c),
  outside AS (SELECT count(*)::integer AS n FROM c
              WHERE sent_ts < $4 OR receive_count >= COALESCE($5::integer, receive_count + 1)),
  u AS (UPDATE sb_messages m SET visible_at = $6, receive_count = m.receive_count + 1,
          claimed = true, first_receive_ts = COALESCE(m.first_receive_ts, $2),
          receipt_handle = ($7::text[])[o.n]
        FROM o WHERE m.seq = o.seq AND (SELECT n FROM outside) = 0
        RETURNING o.n, ${messageColumns('m')})
SELECT (SELECT id FROM q) AS queue_id, (SELECT n FROM outside) AS outside, u.*
FROM (SELECT 1) AS one LEFT JOIN u ON true ORDER BY u.n`;

/** `claimPlain`'s answer when a candidate needs the plan: nothing was claimed. */
export const NEEDS_PLAN = Symbol('needsPlan');

export async function claimPlain(
  pool: pg.Pool,
  queueName: string,
  request: ClaimRequest,
  bounds: PlainClaimBounds,
  now: number,
): Promise<ClaimResult | QueueMissing | typeof NEEDS_PLAN> {
  const handles = Array.from({ length: request.maxMessages }, () => request.newReceiptHandle());
  const { rows } = await pool.query<
    Partial<MessageRow> & { queue_id: number | null; outside: number | null }
  >(
    hotStatement(pool, 'sealbus_claim_plain', CLAIM_PLAIN, [
      queueName,
      now,
      request.maxMessages,
      bounds.sentSince,
      bounds.receiveCountBelow ?? null,
      request.visibleUntil,
      handles,
    ]),
  );
  const first = rows[0]!;
  if (first.queue_id === null) return queueMissing(queueName);
  if (first.outside! > 0) return NEEDS_PLAN;
  const messages = rows
    .filter((row) => row.message_id !== null)
    .map((row) => toStoredMessage(row as MessageRow));
  return { messages, deadLettered: 0 };
}

/**
 * `MessageStore.receive` inside the caller's transaction: the engine's `ClaimPlan` decides each
 * candidate's step, this walks the candidates and carries the steps out.
 *
 * Standard queues take visible rows with `FOR UPDATE SKIP LOCKED`, so concurrent receivers in
 * any process claim disjoint messages without waiting on each other. FIFO queues walk whole
 * groups in sequence order, invisible messages included (they block their group), under the
 * queue's row lock: skipping a locked row there would deliver a group out of order.
 */
export async function claimMessages(
  client: pg.PoolClient,
  queueId: number,
  deadLetterQueueId: number | undefined,
  request: ClaimRequest,
  now: number,
): Promise<ClaimResult> {
  const plan = new ClaimPlan(request, now, deadLetterQueueId !== undefined);
  const claimed: StoredMessage[] = [];
  const apply = async (candidates: CandidateRow[]): Promise<void> => {
    const steps: Record<ClaimStep, CandidateRow[]> = {
      claim: [],
      expire: [],
      deadLetter: [],
      skip: [],
    };
    for (const candidate of candidates) {
      if (plan.full) break;
      steps[
        plan.next({
          sentTimestamp: candidate.sent_ts,
          receiveCount: candidate.receive_count,
          visibleAt: candidate.visible_at,
          messageGroupId: candidate.group_id,
        })
      ].push(candidate);
    }
    if (steps.claim.length > 0) claimed.push(...(await claim(client, steps.claim, request, now)));
    if (steps.deadLetter.length > 0) {
      for (const row of steps.deadLetter) {
        await adoptMessage(client, row.seq, deadLetterQueueId!, now, request.redrive!.sourceArn);
      }
    }
    const removed = [...steps.expire, ...steps.deadLetter].map((row) => row.seq);
    if (removed.length > 0) {
      await client.query('DELETE FROM sb_messages WHERE seq = ANY($1)', [removed]);
    }
  };

  if (request.fifo) {
    await client.query('SELECT id FROM sb_queues WHERE id = $1 FOR UPDATE', [queueId]);
    let after: [string, string] = ['', ''];
    while (!plan.full) {
      const page = await client.query<CandidateRow & { g: string }>(
        `SELECT ${CANDIDATE_COLUMNS}, COALESCE(group_id, '') AS g FROM sb_messages
         WHERE queue_id = $1 AND sequence_number IS NOT NULL
           AND (COALESCE(group_id, ''), sequence_number) > ($2, $3)
         ORDER BY COALESCE(group_id, ''), sequence_number LIMIT $4`,
        [queueId, after[0], after[1], FIFO_PAGE],
      );
      if (page.rows.length === 0) break;
      await apply(page.rows);
      const last = page.rows.at(-1)!;
      after = [last.g, last.sequence_number!];
      if (page.rows.length < FIFO_PAGE) break;
    }
  } else {
    const seen: number[] = [];
    while (!plan.full) {
      const wanted = request.maxMessages - plan.claimed;
      const page = await client.query<CandidateRow>(
        `SELECT ${CANDIDATE_COLUMNS} FROM sb_messages
         WHERE queue_id = $1 AND visible_at <= $2 AND seq <> ALL($3)
         ORDER BY visible_at, seq LIMIT $4 FOR UPDATE SKIP LOCKED`,
        [queueId, now, seen, wanted],
      );
      if (page.rows.length === 0) break;
      for (const row of page.rows) seen.push(row.seq);
      await apply(page.rows);
    }
  }
  return { messages: claimed, deadLettered: plan.deadLettered };
}

async function claim(
  client: pg.PoolClient,
  rows: CandidateRow[],
  request: ClaimRequest,
  now: number,
): Promise<StoredMessage[]> {
  const handles = rows.map(() => request.newReceiptHandle());
  const updated = await client.query<MessageRow & { seq: number }>(
    `UPDATE sb_messages m SET visible_at = $1, receive_count = m.receive_count + 1, claimed = true,
       first_receive_ts = COALESCE(m.first_receive_ts, $2), receipt_handle = u.handle
     FROM unnest($3::bigint[], $4::text[]) AS u(seq, handle)
     WHERE m.seq = u.seq
     RETURNING m.seq, ${messageColumns('m')}`,
    [request.visibleUntil, now, rows.map((row) => row.seq), handles],
  );
  const bySeq = new Map(updated.rows.map((row) => [Number(row.seq), row]));
  return rows.map((row) => toStoredMessage(bySeq.get(row.seq)!));
}

/**
 * Copies a message into another queue as a redrive or move does: same id, bytes, attributes and
 * SentTimestamp, visible now, never received there, a new sequence number for a FIFO message.
 * The caller deletes the original in the same transaction.
 */
export async function adoptMessage(
  client: pg.PoolClient,
  seq: number,
  destinationId: number,
  now: number,
  deadLetterQueueSourceArn: string | null,
): Promise<void> {
  const source = await client.query<{ fifo: boolean }>(
    'SELECT sequence_number IS NOT NULL AS fifo FROM sb_messages WHERE seq = $1',
    [seq],
  );
  const sequenceNumber = source.rows[0]?.fifo ? await nextSequence(client, destinationId) : null;
  await client.query(
    `INSERT INTO sb_messages (queue_id, message_id, body, message_attributes, sent_ts, visible_at,
       receive_count, claimed, group_id, deduplication_id, sequence_number, sender_id, trace_header,
       dead_letter_source_arn, encryption_context, md5_of_body)
     SELECT $2, message_id, body, message_attributes, sent_ts, $3, 0, false, group_id,
       deduplication_id, $4, sender_id, trace_header, $5, encryption_context, md5_of_body
     FROM sb_messages WHERE seq = $1`,
    [seq, destinationId, now, sequenceNumber, deadLetterQueueSourceArn],
  );
}
