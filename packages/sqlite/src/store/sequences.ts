import { type CapacityExhausted, capacityExhausted } from '@sealbus/broker-engine';
import { describeValue } from '@sealbus/core';
import type { WriteContext } from '../database/WriteBatcher.js';
import { MAX_SEQUENCE } from './messageKeys.js';
import type { Statements } from './statements.js';

/** The last sequence used in the queue's range: read once per transaction, then counted on. */
function lastSequence(sql: Statements, context: WriteContext, queueId: number): number {
  let last = context.sequences.get(queueId);
  if (last === undefined) {
    last = sql.newestInQueue.get(queueId, queueId, queueId)?.sequence ?? 0;
    context.sequences.set(queueId, last);
  }
  return last;
}

/**
 * The sequence for a row entering the queue (sent or moved in): after every row already there.
 * Sends check their room first (`checkSequenceRoom`); a move into a full range throws a plain
 * error, which rolls back its whole transaction rather than leave a move half done.
 */
export function nextSequence(sql: Statements, context: WriteContext, queueId: number): number {
  const next = lastSequence(sql, context, queueId) + 1;
  if (next > MAX_SEQUENCE) {
    throw new Error(`Queue id ${queueId} has used all ${MAX_SEQUENCE} sequences of its range.`);
  }
  context.sequences.set(queueId, next);
  return next;
}

/** A miss, before a send writes anything, when the queue's range cannot take `count` more rows. */
export function checkSequenceRoom(
  sql: Statements,
  context: WriteContext,
  queueId: number,
  queueName: string,
  count: number,
): CapacityExhausted | undefined {
  const last = lastSequence(sql, context, queueId);
  if (last + count <= MAX_SEQUENCE) return undefined;
  return capacityExhausted(
    'QueueName',
    `Queue ${describeValue(queueName)} has used ${last} of its ${MAX_SEQUENCE} message sequences without ever draining and cannot take ${count} more; receive and delete its messages (sequences restart once it is empty) or send to a new queue.`,
  );
}
