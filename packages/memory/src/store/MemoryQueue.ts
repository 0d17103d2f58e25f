import type {
  ClaimRequest,
  NewMessage,
  PeekRequest,
  QueueDepth,
  QueueRecord,
  SendOutcome,
  StoredMessage,
} from '@sealbus/broker-engine';
import { describeValue, MessageNotInflightError, ReceiptHandleIsInvalidError } from '@sealbus/core';
import { type HeapSlot, IndexedMinHeap } from './IndexedMinHeap.js';

/** SQS keeps a FIFO deduplication id for 5 minutes. */
const DEFAULT_DEDUPLICATION_WINDOW_MS = 5 * 60_000;

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
 * One queue's messages. Visible messages of a standard queue wait in arrival order in a ready
 * list; delayed and in-flight messages wait in an indexed heap keyed by the time they become
 * visible, so a receive touches only what it returns and a delete frees its message at once.
 * FIFO queues keep each message group in sequence order, plus the set of groups that can
 * deliver now (nothing in flight, a visible head), so a receive skips blocked groups for free.
 */
export class MemoryQueue {
  record: QueueRecord;
  readonly fifo: boolean;
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
    this.fifo = record.attributes.FifoQueue;
  }

  /** Enqueues a new message, or reports the original when a FIFO deduplication id repeats. */
  accept(message: NewMessage, now: number): SendOutcome {
    const dedupKey = this.#deduplicationKey(message);
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
    if (this.fifo) stored.sequenceNumber = this.#nextSequenceNumber();
    this.#insert(stored, now);
    if (dedupKey !== undefined) {
      // Re-inserting keeps the map in expiry order for the pruning above.
      this.#deduplication.delete(dedupKey);
      this.#deduplication.set(dedupKey, {
        messageId: stored.messageId,
        sequenceNumber: stored.sequenceNumber,
        expiresAt: now + (message.deduplicationWindowMs ?? DEFAULT_DEDUPLICATION_WINDOW_MS),
      });
    }
    return { messageId: stored.messageId, duplicate: false, sequenceNumber: stored.sequenceNumber };
  }

  /**
   * Takes a message that left another queue (redrive or move task): same id, bytes, attributes
   * and SentTimestamp, visible now, never received here.
   */
  adopt(message: StoredMessage, now: number, deadLetterQueueSourceArn?: string): void {
    const {
      receiptHandle: _receiptHandle,
      firstReceiveTimestamp: _firstReceiveTimestamp,
      sequenceNumber: _sequenceNumber,
      deadLetterQueueSourceArn: _previousSource,
      ...kept
    } = message;
    const adopted: StoredMessage = { ...kept, visibleAt: now, receiveCount: 0 };
    if (deadLetterQueueSourceArn !== undefined) {
      adopted.deadLetterQueueSourceArn = deadLetterQueueSourceArn;
    }
    if (this.fifo) adopted.sequenceNumber = this.#nextSequenceNumber();
    this.#insert(adopted, now);
  }

  claim(
    request: ClaimRequest,
    now: number,
    deadLetterQueue: MemoryQueue | undefined,
  ): { messages: StoredMessage[]; deadLettered: number } {
    this.#release(now);
    const claimed: StoredMessage[] = [];
    let deadLettered = 0;
    const consider = (entry: Entry): void => {
      const message = entry.message;
      if (message.sentTimestamp < request.expireBefore) {
        this.#remove(entry);
        return;
      }
      const redrive = request.redrive;
      if (
        redrive !== undefined &&
        deadLetterQueue !== undefined &&
        message.receiveCount >= redrive.maxReceiveCount
      ) {
        this.#remove(entry);
        deadLetterQueue.adopt(message, now, redrive.sourceArn);
        deadLettered++;
        return;
      }
      claimed.push(this.#claimEntry(entry, request, now));
    };
    if (this.fifo) {
      for (const group of this.#deliverable) {
        if (claimed.length >= request.maxMessages) break;
        for (
          let index = group.head;
          index < group.entries.length && claimed.length < request.maxMessages;
          index++
        ) {
          const entry = group.entries[index]!;
          if (entry.removed) continue;
          if (entry.state !== READY) break;
          consider(entry);
        }
      }
    } else {
      while (claimed.length < request.maxMessages) {
        const entry = this.#shiftReady();
        if (entry === undefined) break;
        if (!entry.removed) consider(entry);
      }
    }
    return { messages: claimed, deadLettered };
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

  deleteMessage(receiptHandle: string): void {
    this.#remove(this.#entryFor(receiptHandle));
  }

  changeVisibility(receiptHandle: string, visibleAt: number, now: number): void {
    const entry = this.#entryFor(receiptHandle);
    this.#release(now);
    if (entry.state !== IN_FLIGHT) {
      throw new MessageNotInflightError(
        `Message ${entry.message.messageId} in queue ${this.record.name} is not in flight: its visibility timeout has already ended. Receive it again before changing its visibility.`,
        { field: 'ReceiptHandle' },
      );
    }
    entry.message.visibleAt = visibleAt;
    if (visibleAt <= now) {
      this.#timed.remove(entry);
      this.#makeReady(entry);
    } else {
      this.#timed.update(entry);
    }
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

  /** Drops messages sent before `cutoff`; returns how many. */
  expire(cutoff: number): number {
    let expired = 0;
    for (const entry of this.#entries.values()) {
      if (entry.message.sentTimestamp < cutoff) {
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

  #deduplicationKey(message: NewMessage): string | undefined {
    if (!this.fifo || message.messageDeduplicationId === undefined) return undefined;
    return this.record.attributes.DeduplicationScope === 'messageGroup'
      ? `${message.messageGroupId ?? ''}\u0000${message.messageDeduplicationId}`
      : message.messageDeduplicationId;
  }

  /** Records are kept in insertion order with one window length, so expired ones lead. */
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
    if (this.fifo) {
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
    } else if (!this.fifo) {
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
    message.visibleAt = now + request.visibilityTimeoutMs;
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
    if (!this.fifo) this.#ready.push(entry);
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

  #entryFor(receiptHandle: string): Entry {
    const entry = this.#byHandle.get(receiptHandle);
    if (entry === undefined) {
      throw new ReceiptHandleIsInvalidError(
        `ReceiptHandle ${describeValue(receiptHandle)} is not valid for queue ${this.record.name}: the message was deleted or received again since (each receive issues a new handle). Use the handle from the latest receive.`,
        { field: 'ReceiptHandle' },
      );
    }
    return entry;
  }
}
