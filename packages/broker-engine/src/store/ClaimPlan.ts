import type { ClaimRequest } from './MessageStore.js';

/** What a store knows of one candidate message when it asks the plan about it. */
export interface ClaimCandidate {
  sentTimestamp: number;
  receiveCount: number;
  visibleAt: number;
  messageGroupId?: string | null | undefined;
}

/**
 * What the store does with a candidate: `claim` it, delete it (`expire`, past retention), move
 * it to the dead-letter queue (`deadLetter`), or leave it (`skip`: invisible, or its FIFO group
 * is blocked). The effects of each are specified on `MessageStore.receive`.
 */
export type ClaimStep = 'claim' | 'expire' | 'deadLetter' | 'skip';

/**
 * Bounds inside which every visible candidate of a standard queue gets `claim`, whatever else
 * the plan has seen: sent at or after `sentSince` and, with a redrive, received fewer than
 * `receiveCountBelow` times. A store may claim such candidates in one statement and walk the plan
 * only when a candidate falls outside them.
 */
export interface PlainClaimBounds {
  sentSince: number;
  receiveCountBelow?: number;
}

/**
 * The receive rules of SQS, written once for every store: retention, redrive on receive and
 * FIFO group blocking. A store creates one plan per receive inside its atomic section, walks its
 * candidates, asks `next` about each, carries out the step, and stops once `full`. The plan does
 * no I/O, so a synchronous store (memory, better-sqlite3) and an asynchronous one (PostgreSQL in a
 * transaction) both use it.
 *
 * Candidate order is the store's part:
 * - standard queue: visible messages, earliest visible first;
 * - FIFO queue: each group's messages in sequence order, groups in any order (interleaved or one
 *   after another), including invisible (in-flight or delayed) ones: an invisible message blocks
 *   the rest of its group, which keeps a group in order and one receive at a time in flight.
 *   A store may leave out whole groups it knows are blocked.
 */
export class ClaimPlan {
  readonly request: ClaimRequest;
  readonly now: number;
  /** Messages claimed so far. */
  claimed = 0;
  /** Messages moved to the dead-letter queue so far. */
  deadLettered = 0;
  readonly #deadLetterQueueExists: boolean;
  #blockedGroups: Set<string> | undefined;

  /** `deadLetterQueueExists`: whether `request.redrive`'s queue exists, read in the same atomic section. */
  constructor(request: ClaimRequest, now: number, deadLetterQueueExists: boolean) {
    this.request = request;
    this.now = now;
    this.#deadLetterQueueExists = deadLetterQueueExists;
  }

  /**
   * The bounds of `PlainClaimBounds` for this request; `undefined` for a FIFO queue, whose
   * groups make a candidate's step depend on the others.
   */
  static plainClaimBounds(request: ClaimRequest): PlainClaimBounds | undefined {
    if (request.fifo) return undefined;
    const bounds: PlainClaimBounds = { sentSince: request.expireBefore };
    if (request.redrive !== undefined) bounds.receiveCountBelow = request.redrive.maxReceiveCount;
    return bounds;
  }

  /** True once `maxMessages` are claimed: the store stops walking. */
  get full(): boolean {
    return this.claimed >= this.request.maxMessages;
  }

  next(candidate: ClaimCandidate): ClaimStep {
    if (this.request.fifo) {
      const group = candidate.messageGroupId ?? '';
      if (this.#blockedGroups?.has(group)) return 'skip';
      if (candidate.visibleAt > this.now) {
        this.#blockedGroups ??= new Set();
        this.#blockedGroups.add(group);
        return 'skip';
      }
    } else if (candidate.visibleAt > this.now) {
      return 'skip';
    }
    if (candidate.sentTimestamp < this.request.expireBefore) return 'expire';
    const redrive = this.request.redrive;
    if (
      redrive !== undefined &&
      this.#deadLetterQueueExists &&
      candidate.receiveCount >= redrive.maxReceiveCount
    ) {
      this.deadLettered++;
      return 'deadLetter';
    }
    this.claimed++;
    return 'claim';
  }
}
