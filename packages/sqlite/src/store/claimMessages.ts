import type { ClaimRequest, ClaimResult, StoredMessage } from '@sealbus/broker-engine';
import type { WriteContext } from '../database/WriteBatcher.js';
import { composeReceiptHandle } from './messageKeys.js';
import { toStoredMessage } from './rows.js';
import { nextSequence } from './sequences.js';
import type { Statements } from './statements.js';

/** Rows read per step of the FIFO walk. */
const FIFO_PAGE = 256;

interface Candidate {
  sequence: number;
  sent_ts: number;
  receive_count: number;
}

type Verdict = 'claimed' | 'removed';

/**
 * The body of `receive`, run inside one write transaction: expired candidates are deleted,
 * over-limit ones move to the dead-letter queue, the rest are claimed with a fresh handle.
 */
export function claimMessages(
  sql: Statements,
  context: WriteContext,
  queueId: number,
  request: ClaimRequest,
  now: number,
): ClaimResult {
  const messages: StoredMessage[] = [];
  let deadLettered = 0;
  const deadLetterQueueId =
    request.redrive === undefined
      ? undefined
      : sql.queueIdByName.get(request.redrive.deadLetterQueueName)?.id;
  const visibleUntil = now + request.visibilityTimeoutMs;

  const settle = (candidate: Candidate): Verdict => {
    if (candidate.sent_ts < request.expireBefore) {
      sql.deleteRow.run(queueId, candidate.sequence);
      return 'removed';
    }
    const redrive = request.redrive;
    if (
      redrive !== undefined &&
      deadLetterQueueId !== undefined &&
      candidate.receive_count >= redrive.maxReceiveCount
    ) {
      sql.deadLetter.run(
        deadLetterQueueId,
        nextSequence(sql, context, deadLetterQueueId),
        deadLetterQueueId,
        now,
        redrive.sourceArn,
        queueId,
        candidate.sequence,
      );
      context.touch(deadLetterQueueId);
      deadLettered++;
      return 'removed';
    }
    const handle = composeReceiptHandle(candidate.sequence, request.newReceiptHandle());
    const row = sql.claim.get(visibleUntil, now, handle, queueId, candidate.sequence)!;
    messages.push(toStoredMessage(row));
    return 'claimed';
  };

  if (request.fifo) {
    claimFifo(sql, queueId, request.maxMessages, now, messages, settle);
  } else {
    claimStandard(sql, queueId, request.maxMessages, now, messages, settle);
  }
  return { messages, deadLettered };
}

function claimStandard(
  sql: Statements,
  queueId: number,
  maxMessages: number,
  now: number,
  messages: StoredMessage[],
  settle: (candidate: Candidate) => Verdict,
): void {
  // With a zero visibility timeout a claimed row stays visible; `seen` keeps it from being claimed twice.
  const seen = new Set<number>();
  while (messages.length < maxMessages) {
    const limit = maxMessages - messages.length + seen.size;
    const rows = sql.visibleCandidates.all(queueId, queueId, now, limit) as Candidate[];
    for (const row of rows) {
      if (seen.has(row.sequence)) continue;
      seen.add(row.sequence);
      settle(row);
      if (messages.length >= maxMessages) return;
    }
    if (rows.length < limit) return;
  }
}

function claimFifo(
  sql: Statements,
  queueId: number,
  maxMessages: number,
  now: number,
  messages: StoredMessage[],
  settle: (candidate: Candidate) => Verdict,
): void {
  // Walk in sequence order; a group whose earliest remaining message is invisible (in flight or
  // delayed) is blocked, so later messages of that group wait and order within a group holds.
  const blockedGroups = new Set<string | null>();
  let after = 0;
  for (;;) {
    const rows = sql.fifoCandidates.all(queueId, queueId, after, queueId, FIFO_PAGE) as Array<
      Candidate & { visible_at: number; group_id: string | null }
    >;
    for (const row of rows) {
      after = row.sequence;
      if (blockedGroups.has(row.group_id)) continue;
      if (row.visible_at > now) {
        blockedGroups.add(row.group_id);
        continue;
      }
      settle(row);
      if (messages.length >= maxMessages) return;
    }
    if (rows.length < FIFO_PAGE) return;
  }
}
