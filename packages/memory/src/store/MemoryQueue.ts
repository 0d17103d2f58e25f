import {
  ClaimPlan,
  type ClaimRequest,
  type ClaimResult,
  type ExpireRequest,
  type NewMessage,
  type NotInFlight,
  notInFlight,
  type PeekRequest,
  type QueueDepth,
  type QueueRecord,
  type ReceiptStale,
  receiptStale,
  type SendOutcome,
  type StoredMessage,
} from '@sealbus/broker-engine';
import { type HeapSlot, IndexedMinHeap } from './IndexedMinHeap.js';

const READY = 0;
const DELAYED = 1;
const IN_FLIGHT = 2;
type State = typeof READY | typeof DELAYED | typeof IN_FLIGHT;

interface Entry extends HeapSlot {
  message: StoredMessage;
  state: State;
  /** Set once the message left the queue; the ready list skips such entries lazily. */
  removed: boolean;
  /** Arrival order, the tie-breaker among equal visibility times. */
  order: number;
  /** Set for a FIFO message (one with a sequence number): it waits in its group, not the ready list. */
  group?: Group;
}

interface Group {
  id: string;
  /**
   * Messages of the group in sequence order from `head` on. Removed messages are skipped and
   * dropped from the front lazily, so deleting the oldest message costs O(1), not a shift.
   */
  entries: Entry[];
  head: number;
  live: number;
  inFlight: number;
}

interface DeduplicationRecord {
  messageId: string;
  sequenceNumber?: string;
  expiresAt: number;
}

/**
 * One queue's messages, kept as data: which message to claim, drop or dead-letter is
 * `ClaimPlan`'s decision. Visible messages of a standard queue wait in arrival order in a ready
 * list; delayed and in-flight messages wait in an indexed heap keyed by the time they become
 * visible, so a receive touches only what it returns and a delete frees its message at once.
 * FIFO queues keep each message group in sequence order, plus the set of groups that can
 * deliver now (nothing in flight, a visible head), so a receive skips blocked groups for free.
 */
export class MemoryQueue {
  record: QueueRecord;
  readonly #entries = new Map<string, Entry>();
  readonly #byHandle = new Map<string, Entry>();
  /** Delayed and in-flight messages by the time they become visible. */
  readonly #timed = new IndexedMinHeap<Entry>((a, b) => {
    const atA = a.message.visibleAt;
    const atB = b.message.visibleAt;
    return atA === atB ? a.order < b.order : atA < atB;
  });
  /** Visible messages of a standard queue in the order they became visible. */
  #ready: Array<Entry | undefined> = [];
  #readyHead = 0;
  readonly #groups = new Map<string, Group>();
  /** FIFO groups with nothing in flight and a visible first message, in the order they became so. */
  readonly #deliverable = new Set<Group>();
  readonly #counts: [number, number, number] = [0, 0, 0];
  readonly #deduplication = new Map<string, DeduplicationRecord>();
  #order = 0;
  #sequence = 0;

  constructor(record: QueueRecord) {
    this.record = record;
  }

  /** Enqueues a new message, or reports the original when a FIFO deduplication id repeats. */
  accept(message: NewMessage, now: number): SendOutcome {
    const deduplication = message.deduplication;
    const dedupKey =
      deduplication === undefined ? undefined : `${deduplication.scope}\u0000${deduplication.id}`;
    if (dedupKey !== undefined) {
      this.#pruneDeduplication(now);
      const seen = this.#deduplication.get(dedupKey);
      if (seen !== undefined && seen.expiresAt > now) {
        return { messageId: seen.messageId, duplicate: true, sequenceNumber: seen.sequenceNumber };
      }
    }
    const stored: StoredMessage = {
      messageId: message.messageId,
      body: message.body,
      messageAttributes: message.messageAttributes,
      sentTimestamp: now,
      visibleAt: message.visibleAt,
      receiveCount: 0,
    };
    if (message.messageGroupId !== undefined) stored.messageGroupId = message.messageGroupId;
    if (message.messageDeduplicationId !== undefined) {
      stored.messageDeduplicationId = message.messageDeduplicationId;
    }
    if (message.senderId !== undefined) stored.senderId = message.senderId;
    if (message.awsTraceHeader !== undefined) stored.awsTraceHeader = message.awsTraceHeader;
    if (message.encryptionContext !== undefined) {
      stored.encryptionContext = message.encryptionContext;
    }
    if (message.md5OfBody !== undefined) stored.md5OfBody = message.md5OfBody;
    if (message.fifo) stored.sequenceNumber = this.#nextSequenceNumber();
    this.#insert(stored, now);
    if (dedupKey !== undefined) {
      // Re-inserting keeps the map in expiry order for the pruning above.
      this.#deduplication.delete(dedupKey);
      this.#deduplication.set(dedupKey, {
        messageId: stored.messageId,
        sequenceNumber: stored.sequenceNumber,
        expiresAt: deduplication!.expiresAt,
      });
    }
    return { messageId: stored.messageId, duplicate: false, sequenceNumber: stored.sequenceNumber };
  }

  /**
   * Takes a message that left another queue (redrive or move task): same id, bytes, attributes
   * and SentTimestamp, visible now, never received here. A FIFO message (it had a sequence
   * number) gets the next one of this queue.
   */
  adopt(message: StoredMessage, now: number, deadLetterQueueSourceArn?: string): void {
    const {
      receiptHandle: _receiptHandle,
      firstReceiveTimestamp: _firstReceiveTimestamp,
      sequenceNumber,
      deadLetterQueueSourceArn: _previousSource,
      ...kept
    } = message;
    const adopted: StoredMessage = { ...kept, visibleAt: now, receiveCount: 0 };
    if (deadLetterQueueSourceArn !== undefined) {
      adopted.deadLetterQueueSourceArn = deadLetterQueueSourceArn;
    }
    if (sequenceNumber !== undefined) adopted.sequenceNumber = this.#nextSequenceNumber();
    this.#insert(adopted, now);
  }

  /** `MessageStore.receive` over this queue: walks candidates and carries out the plan's steps. */
  claim(request: ClaimRequest, now: number, deadLetterQueue: MemoryQueue | undefined): ClaimResult {
    this.#release(now);
    const plan = new ClaimPlan(request, now, deadLetterQueue !== undefined);
    const messages: StoredMessage[] = [];
    const settle = (entry: Entry): boolean => {
      switch (plan.next(entry.message)) {
        case 'claim':
          messages.push(this.#claimEntry(entry, request, now));
          return true;
        case 'expire':
          this.#remove(entry);
          return true;
        case 'deadLetter':
          this.#remove(entry);
          deadLetterQueue!.adopt(entry.message, now, request.redrive!.sourceArn);
          return true;
        case 'skip':
          return false;
      }
    };
    if (request.fifo) {
      // Only deliverable groups (nothing in flight, a visible head); a skip ends the group.
      for (const group of this.#deliverable) {
        if (plan.full) break;
        for (let index = group.head; index < group.entries.length && !plan.full; index++) {
          const entry = group.entries[index]!;
          if (!entry.removed && !settle(entry)) break;
        }
      }
    } else {
      while (!plan.full) {
        const entry = this.#shiftReady();
        if (entry === undefined) break;
        if (!entry.removed) settle(entry);
      }
    }
    return { messages, deadLettered: plan.deadLettered };
  }

  /** See `MessageStore.forgetReceive`: the entry stays in flight until its deadline. */
  forgetReceive(receiptHandle: string): void {
    const entry = this.#byHandle.get(receiptHandle);
    if (entry === undefined) return;
    const message = entry.message;
    this.#byHandle.delete(receiptHandle);
    delete message.receiptHandle;
    message.receiveCount = Math.max(0, message.receiveCount - 1);
    if (message.receiveCount === 0) delete message.firstReceiveTimestamp;
  }

  deleteMessage(receiptHandle: string): undefined | ReceiptStale {
    const entry = this.#byHandle.get(receiptHandle);
    if (entry === undefined) return receiptStale(this.record.name, receiptHandle);
    this.#remove(entry);
    return undefined;
  }

  changeVisibility(
    receiptHandle: string,
    visibleAt: number,
    now: number,
  ): undefined | ReceiptStale | NotInFlight {
    const entry = this.#byHandle.get(receiptHandle);
    if (entry === undefined) return receiptStale(this.record.name, receiptHandle);
    this.#release(now);
    if (entry.state !== IN_FLIGHT) return notInFlight(this.record.name, receiptHandle);
    entry.message.visibleAt = visibleAt;
    if (visibleAt <= now) {
      this.#timed.remove(entry);
      this.#makeReady(entry);
    } else {
      this.#timed.update(entry);
    }
    return undefined;
  }

  purge(): void {
    for (const entry of this.#entries.values()) entry.removed = true;
    this.#entries.clear();
    this.#byHandle.clear();
    this.#timed.clear();
    this.#ready = [];
    this.#readyHead = 0;
    this.#groups.clear();
    this.#deliverable.clear();
    this.#counts.fill(0);
  }

  depth(now: number): QueueDepth {
    this.#release(now);
    let oldestSentTimestamp: number | undefined;
    for (const entry of this.#entries.values()) {
      const sent = entry.message.sentTimestamp;
      if (oldestSentTimestamp === undefined || sent < oldestSentTimestamp) {
        oldestSentTimestamp = sent;
      }
    }
    const depth: QueueDepth = {
      visible: this.#counts[READY],
      inFlight: this.#counts[IN_FLIGHT],
      delayed: this.#counts[DELAYED],
    };
    if (oldestSentTimestamp !== undefined) depth.oldestSentTimestamp = oldestSentTimestamp;
    return depth;
  }

  /** See `MessageStore.expire`. */
  expire(request: ExpireRequest): number {
    this.#pruneDeduplication(request.now);
    let expired = 0;
    for (const entry of this.#entries.values()) {
      if (entry.message.sentTimestamp < request.sentBefore) {
        this.#remove(entry);
        expired++;
      }
    }
    return expired;
  }

  peek(request: PeekRequest): StoredMessage[] {
    const out: StoredMessage[] = [];
    let skipping = request.afterMessageId !== undefined;
    for (const entry of this.#entries.values()) {
      if (out.length >= request.limit) break;
      if (skipping) {
        skipping = entry.message.messageId !== request.afterMessageId;
        continue;
      }
      out.push({ ...entry.message });
    }
    return out;
  }

  /** Up to `limit` visible messages in arrival order, left in place. */
  visibleMessages(limit: number, now: number): StoredMessage[] {
    this.#release(now);
    const out: StoredMessage[] = [];
    for (const entry of this.#entries.values()) {
      if (out.length >= limit) break;
      if (entry.state === READY) out.push(entry.message);
    }
    return out;
  }

  /** Removes a message by id (a move task took it); false when it is gone already. */
  take(messageId: string): boolean {
    const entry = this.#entries.get(messageId);
    if (entry === undefined) return false;
    this.#remove(entry);
    return true;
  }

  visibleCount(now: number): number {
    this.#release(now);
    return this.#counts[READY];
  }

  /** Records are kept in insertion order, and the engine gives all one window, so expired ones lead. */
  #pruneDeduplication(now: number): void {
    for (const [key, record] of this.#deduplication) {
      if (record.expiresAt > now) break;
      this.#deduplication.delete(key);
    }
  }

  #nextSequenceNumber(): string {
    this.#sequence++;
    return String(this.#sequence).padStart(20, '0');
  }

  #insert(message: StoredMessage, now: number): void {
    const entry: Entry = {
      message,
      state: READY,
      removed: false,
      order: this.#order++,
      heapIndex: -1,
    };
    this.#entries.set(message.messageId, entry);
    if (message.sequenceNumber !== undefined) {
      const groupId = message.messageGroupId ?? '';
      let group = this.#groups.get(groupId);
      if (group === undefined) {
        group = { id: groupId, entries: [], head: 0, live: 0, inFlight: 0 };
        this.#groups.set(groupId, group);
      }
      // Compact here, never during a claim, which walks the array by index.
      if (group.head > 1024 && group.head * 2 > group.entries.length) {
        group.entries = group.entries.slice(group.head);
        group.head = 0;
      }
      group.entries.push(entry);
      group.live++;
      entry.group = group;
    }
    this.#counts[READY]++;
    if (message.visibleAt > now) {
      this.#setState(entry, DELAYED);
      this.#timed.push(entry);
    } else if (entry.group === undefined) {
      this.#ready.push(entry);
    }
    if (entry.group !== undefined) this.#refreshGroup(entry.group);
  }

  #claimEntry(entry: Entry, request: ClaimRequest, now: number): StoredMessage {
    const message = entry.message;
    message.receiveCount++;
    message.firstReceiveTimestamp ??= now;
    if (message.receiptHandle !== undefined) this.#byHandle.delete(message.receiptHandle);
    message.receiptHandle = request.newReceiptHandle();
    this.#byHandle.set(message.receiptHandle, entry);
    message.visibleAt = request.visibleUntil;
    this.#setState(entry, IN_FLIGHT);
    this.#timed.push(entry);
    return { ...message };
  }

  /** Moves every delayed or in-flight message whose time has come back to visible. */
  #release(now: number): void {
    for (;;) {
      const next = this.#timed.peek();
      if (next === undefined || next.message.visibleAt > now) return;
      this.#timed.pop();
      this.#makeReady(next);
    }
  }

  #makeReady(entry: Entry): void {
    this.#setState(entry, READY);
    if (entry.group === undefined) this.#ready.push(entry);
  }

  /**
   * The next entry of the ready list. A live entry has at most one slot there: it leaves READY
   * only by being shifted off and claimed, or by leaving the queue (then `removed` is set).
   */
  #shiftReady(): Entry | undefined {
    const ready = this.#ready;
    if (this.#readyHead >= ready.length) return undefined;
    const entry = ready[this.#readyHead]!;
    // Drop the consumed slot's reference: a deleted message must not stay reachable from here
    // until the next compaction (it would survive young-generation GCs and be promoted).
    ready[this.#readyHead++] = undefined;
    if (this.#readyHead === ready.length) {
      ready.length = 0;
      this.#readyHead = 0;
    } else if (this.#readyHead > 1024 && this.#readyHead * 2 > ready.length) {
      // Compact once the consumed prefix dominates, keeping shifts amortised O(1).
      this.#ready = ready.slice(this.#readyHead);
      this.#readyHead = 0;
    }
    return entry;
  }

  #setState(entry: Entry, state: State): void {
    const previous = entry.state;
    this.#counts[previous]--;
    this.#counts[state]++;
    entry.state = state;
    const group = entry.group;
    if (group !== undefined) {
      if (previous === IN_FLIGHT) group.inFlight--;
      if (state === IN_FLIGHT) group.inFlight++;
      this.#refreshGroup(group);
    }
  }

  /** Keeps `#deliverable` in step with a group's in-flight count and first message. */
  #refreshGroup(group: Group): void {
    if (group.inFlight === 0 && group.entries[group.head]?.state === READY) {
      this.#deliverable.add(group);
    } else {
      this.#deliverable.delete(group);
    }
  }

  #remove(entry: Entry): void {
    this.#timed.remove(entry);
    const message = entry.message;
    this.#entries.delete(message.messageId);
    if (message.receiptHandle !== undefined) this.#byHandle.delete(message.receiptHandle);
    this.#counts[entry.state]--;
    const group = entry.group;
    if (group !== undefined) {
      if (entry.state === IN_FLIGHT) group.inFlight--;
      entry.removed = true;
      group.live--;
      while (group.entries[group.head]?.removed) group.head++;
      if (group.live === 0) this.#groups.delete(group.id);
      this.#refreshGroup(group);
    }
    entry.removed = true;
  }
}
