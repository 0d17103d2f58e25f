import {
  ClaimPlan,
  type ClaimRequest,
  type ClaimResult,
  type StoredMessage,
} from '@sealbus/broker-engine';
import type { WriteContext } from '../database/WriteBatcher.js';
import { composeReceiptHandle } from './messageKeys.js';
import { toStoredMessage } from './rows.js';
import { nextSequence } from './sequences.js';
import type { CandidateRow, Statements } from './statements.js';

/** Rows read per step of the FIFO walk. */
const FIFO_PAGE = 256;

/**
 * The body of `receive`, run inside one write transaction: walks the candidate rows and carries
 * out the step `ClaimPlan` decides for each (claim, delete, dead-letter or leave).
 */
export function claimMessages(
  sql: Statements,
  context: WriteContext,
  queueId: number,
  request: ClaimRequest,
  now: number,
): ClaimResult {
  const messages: StoredMessage[] = [];
  const deadLetterQueueId =
    request.redrive === undefined
      ? undefined
      : sql.queueIdByName.get(request.redrive.deadLetterQueueName)?.id;
  const plan = new ClaimPlan(request, now, deadLetterQueueId !== undefined);

  const settle = (candidate: CandidateRow): void => {
    switch (plan.next(candidate)) {
      case 'claim': {
        const handle = composeReceiptHandle(candidate.sequence, request.newReceiptHandle());
        const row = sql.claim.get(request.visibleUntil, now, handle, queueId, candidate.sequence)!;
        messages.push(toStoredMessage(row));
        return;
      }
      case 'expire':
        sql.deleteRow.run(queueId, candidate.sequence);
        return;
      case 'deadLetter':
        sql.deadLetter.run(
          deadLetterQueueId,
          nextSequence(sql, context, deadLetterQueueId!),
          deadLetterQueueId,
          now,
          request.redrive!.sourceArn,
          queueId,
          candidate.sequence,
        );
        context.touch(deadLetterQueueId!);
        return;
      case 'skip':
        return;
    }
  };

  if (request.fifo) claimFifo(sql, queueId, plan, settle);
  else claimStandard(sql, queueId, plan, settle);
  return { messages, deadLettered: plan.deadLettered };
}

function claimStandard(
  sql: Statements,
  queueId: number,
  plan: ClaimPlan,
  settle: (candidate: CandidateRow) => void,
): void {
  // With a zero visibility timeout a claimed row stays visible; `seen` keeps it from being claimed twice.
  const seen = new Set<number>();
  while (!plan.full) {
    const limit = plan.request.maxMessages - plan.claimed + seen.size;
    const rows = sql.visibleCandidates.all(queueId, queueId, plan.now, limit);
    for (const row of rows) {
      if (seen.has(row.sequence)) continue;
      seen.add(row.sequence);
      settle(row);
      if (plan.full) return;
    }
    if (rows.length < limit) return;
  }
}

/** Walks the queue's rows in sequence order, every group interleaved, a page at a time. */
function claimFifo(
  sql: Statements,
  queueId: number,
  plan: ClaimPlan,
  settle: (candidate: CandidateRow) => void,
): void {
  let after = 0;
  for (;;) {
    const rows = sql.fifoCandidates.all(queueId, queueId, after, queueId, FIFO_PAGE);
    for (const row of rows) {
      after = row.sequence;
      settle(row);
      if (plan.full) return;
    }
    if (rows.length < FIFO_PAGE) return;
  }
}
