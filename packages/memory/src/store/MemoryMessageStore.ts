import {
  type ClaimRequest,
  type ClaimResult,
  type ExpireRequest,
  isStoreMiss,
  type MessageStore,
  type MoveMiss,
  type MoveRequest,
  type MoveResult,
  type MoveTaskRecord,
  moveDestinationMissing,
  moveTargets,
  type NotInFlight,
  type PeekRequest,
  type PlatformStore,
  type QueueDepth,
  type QueueMissing,
  type QueueRecord,
  type QueueRecordPatch,
  QueueWaiters,
  queueMissing,
  type ReceiptStale,
  type SendEntry,
  type SendOutcome,
  type SmsRecordStore,
  type StoredMessage,
  type SubscriptionMissing,
  type SubscriptionRecord,
  subscriptionMissing,
  type TopicMissing,
  type TopicRecord,
  type TopicRecordPatch,
  topicMissing,
} from '@sealbus/broker-engine';
import type { SubscriptionAttributes } from '@sealbus/core';
import { MemoryPlatformStore } from './MemoryPlatformStore.js';
import { MemoryQueue } from './MemoryQueue.js';
import { MemorySmsRecords } from './MemorySmsRecords.js';

/**
 * A `MessageStore` in process memory: every method runs synchronously inside one call, which
 * makes each atomic. Messages are kept as the engine handed them over, without copies.
 */
export class MemoryMessageStore implements MessageStore {
  readonly platforms: PlatformStore = new MemoryPlatformStore();
  readonly #queues = new Map<string, MemoryQueue>();
  readonly #topics = new Map<string, TopicRecord>();
  readonly #subscriptions = new Map<string, SubscriptionRecord>();
  readonly #moveTasks = new Map<string, MoveTaskRecord>();
  readonly #waiters = new QueueWaiters();
  readonly sms: SmsRecordStore = new MemorySmsRecords();

  async createQueue(record: QueueRecord): Promise<{ created: boolean; record: QueueRecord }> {
    const existing = this.#queues.get(record.name);
    if (existing !== undefined) return { created: false, record: existing.record };
    const stored = frozenQueueRecord(record);
    this.#queues.set(record.name, new MemoryQueue(stored));
    return { created: true, record: stored };
  }

  async getQueue(name: string): Promise<QueueRecord | undefined> {
    const queue = this.#queues.get(name);
    return queue?.record;
  }

  async listQueues(prefix?: string): Promise<QueueRecord[]> {
    return [...this.#queues.values()]
      .map((queue) => queue.record)
      .filter((record) => prefix === undefined || record.name.startsWith(prefix))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async updateQueue(name: string, patch: QueueRecordPatch): Promise<QueueRecord | QueueMissing> {
    const queue = this.#queues.get(name);
    if (queue === undefined) return queueMissing(name);
    const { sealingSince: current, ...record } = queue.record;
    const sealingSince =
      patch.sealingSince === undefined ? current : (patch.sealingSince ?? undefined);
    queue.record = frozenQueueRecord({
      ...record,
      ...(patch.attributes === undefined ? {} : { attributes: patch.attributes }),
      ...(patch.tags === undefined ? {} : { tags: patch.tags }),
      lastModifiedTimestamp: patch.lastModifiedTimestamp,
      ...(sealingSince === undefined ? {} : { sealingSince }),
    });
    return queue.record;
  }

  async deleteQueue(name: string): Promise<boolean> {
    const queue = this.#queues.get(name);
    if (queue === undefined) return false;
    this.#queues.delete(name);
    for (const [arn, subscription] of this.#subscriptions) {
      if (subscription.endpoint === queue.record.arn) this.#subscriptions.delete(arn);
    }
    this.#waiters.wake(name);
    return true;
  }

  async send(entries: readonly SendEntry[], now: number): Promise<SendOutcome[] | QueueMissing> {
    // Resolve every target first so a fanout to a missing queue changes nothing.
    const targets: MemoryQueue[] = [];
    for (const entry of entries) {
      const queue = this.#queues.get(entry.queueName);
      if (queue === undefined) return queueMissing(entry.queueName);
      targets.push(queue);
    }
    const outcomes = entries.map((entry, index) => targets[index]!.accept(entry.message, now));
    for (const queue of new Set(targets)) this.#waiters.wake(queue.record.name);
    return outcomes;
  }

  async receive(
    queueName: string,
    request: ClaimRequest,
    now: number,
  ): Promise<ClaimResult | QueueMissing> {
    const queue = this.#queues.get(queueName);
    if (queue === undefined) return queueMissing(queueName);
    const deadLetterQueue =
      request.redrive === undefined
        ? undefined
        : this.#queues.get(request.redrive.deadLetterQueueName);
    const result = queue.claim(request, now, deadLetterQueue);
    if (result.deadLettered > 0 && deadLetterQueue !== undefined) {
      this.#waiters.wake(deadLetterQueue.record.name);
    }
    return result;
  }

  async forgetReceive(queueName: string, receiptHandle: string): Promise<void> {
    this.#queues.get(queueName)?.forgetReceive(receiptHandle);
  }

  async deleteMessage(
    queueName: string,
    receiptHandle: string,
    _now: number,
  ): Promise<undefined | QueueMissing | ReceiptStale> {
    const queue = this.#queues.get(queueName);
    return queue === undefined ? queueMissing(queueName) : queue.deleteMessage(receiptHandle);
  }

  async changeVisibility(
    queueName: string,
    receiptHandle: string,
    visibleAt: number,
    now: number,
  ): Promise<undefined | QueueMissing | ReceiptStale | NotInFlight> {
    const queue = this.#queues.get(queueName);
    if (queue === undefined) return queueMissing(queueName);
    const miss = queue.changeVisibility(receiptHandle, visibleAt, now);
    if (miss === undefined && visibleAt <= now) this.#waiters.wake(queueName);
    return miss;
  }

  async purge(queueName: string): Promise<undefined | QueueMissing> {
    const queue = this.#queues.get(queueName);
    if (queue === undefined) return queueMissing(queueName);
    queue.purge();
    return undefined;
  }

  async counters(queueName: string, now: number): Promise<QueueDepth | QueueMissing> {
    return this.#queues.get(queueName)?.depth(now) ?? queueMissing(queueName);
  }

  async peek(queueName: string, request: PeekRequest): Promise<StoredMessage[] | QueueMissing> {
    return this.#queues.get(queueName)?.peek(request) ?? queueMissing(queueName);
  }

  async expire(queueName: string, request: ExpireRequest): Promise<number | QueueMissing> {
    return this.#queues.get(queueName)?.expire(request) ?? queueMissing(queueName);
  }

  waitForMessages(queueName: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    return this.#waiters.wait(queueName, timeoutMs, signal);
  }

  async createTopic(record: TopicRecord): Promise<{ created: boolean; record: TopicRecord }> {
    const existing = this.#topics.get(record.name);
    if (existing !== undefined) return { created: false, record: existing };
    const stored = frozenTopicRecord(record);
    this.#topics.set(record.name, stored);
    return { created: true, record: stored };
  }

  async getTopic(name: string): Promise<TopicRecord | undefined> {
    const topic = this.#topics.get(name);
    return topic;
  }

  async listTopics(): Promise<TopicRecord[]> {
    return [...this.#topics.values()].sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
  }

  async updateTopic(name: string, patch: TopicRecordPatch): Promise<TopicRecord | TopicMissing> {
    const topic = this.#topics.get(name);
    if (topic === undefined) return topicMissing(name);
    const updated = frozenTopicRecord({
      ...topic,
      ...(patch.attributes === undefined ? {} : { attributes: patch.attributes }),
      ...(patch.tags === undefined ? {} : { tags: patch.tags }),
    });
    this.#topics.set(name, updated);
    return updated;
  }

  async deleteTopic(name: string): Promise<boolean> {
    const topic = this.#topics.get(name);
    if (topic === undefined) return false;
    this.#topics.delete(name);
    for (const [arn, subscription] of this.#subscriptions) {
      if (subscription.topicArn === topic.arn) this.#subscriptions.delete(arn);
    }
    return true;
  }

  async addSubscription(record: SubscriptionRecord): Promise<SubscriptionRecord> {
    const existing = this.#subscriptions.get(record.arn);
    if (existing !== undefined) return existing;
    const stored = frozenSubscription(record);
    this.#subscriptions.set(record.arn, stored);
    return stored;
  }

  async getSubscription(arn: string): Promise<SubscriptionRecord | undefined> {
    return this.#subscriptions.get(arn);
  }

  async listSubscriptions(topicArn?: string): Promise<SubscriptionRecord[]> {
    return [...this.#subscriptions.values()].filter(
      (subscription) => topicArn === undefined || subscription.topicArn === topicArn,
    );
  }

  async updateSubscription(
    arn: string,
    attributes: SubscriptionAttributes,
  ): Promise<SubscriptionRecord | SubscriptionMissing> {
    const subscription = this.#subscriptions.get(arn);
    if (subscription === undefined) return subscriptionMissing(arn);
    const updated = frozenSubscription({ ...subscription, attributes });
    this.#subscriptions.set(arn, updated);
    return updated;
  }

  async confirmSubscription(arn: string): Promise<SubscriptionRecord | SubscriptionMissing> {
    const subscription = this.#subscriptions.get(arn);
    if (subscription === undefined) return subscriptionMissing(arn);
    const { confirmationDigest: _confirmed, ...rest } = subscription;
    const updated = frozenSubscription(rest);
    this.#subscriptions.set(arn, updated);
    return updated;
  }

  async removeSubscription(arn: string): Promise<boolean> {
    return this.#subscriptions.delete(arn);
  }

  async saveMoveTask(task: MoveTaskRecord): Promise<void> {
    this.#moveTasks.set(task.taskHandle, { ...task });
  }

  async getMoveTask(taskHandle: string): Promise<MoveTaskRecord | undefined> {
    const task = this.#moveTasks.get(taskHandle);
    return task === undefined ? undefined : { ...task };
  }

  async listMoveTasks(sourceArn: string): Promise<MoveTaskRecord[]> {
    return [...this.#moveTasks.values()]
      .filter((task) => task.sourceArn === sourceArn)
      .reverse()
      .sort((a, b) => b.startedTimestamp - a.startedTimestamp)
      .map((task) => ({ ...task }));
  }

  async moveMessages(request: MoveRequest, now: number): Promise<MoveResult | MoveMiss> {
    const source = this.#queues.get(request.sourceQueueName);
    if (source === undefined) return queueMissing(request.sourceQueueName);
    const batch = source.visibleMessages(request.limit, now);
    const targets = moveTargets(batch, request);
    if (isStoreMiss(targets)) return targets;
    // Resolve every destination before moving anything, so a failing batch moves nothing.
    const destinations: MemoryQueue[] = [];
    for (const [index, name] of targets.entries()) {
      const destination = this.#queues.get(name);
      if (destination === undefined) return moveDestinationMissing(name, batch[index]!.messageId);
      destinations.push(destination);
    }
    batch.forEach((message, index) => {
      source.take(message.messageId);
      destinations[index]!.adopt(message, now);
    });
    for (const destination of new Set(destinations)) this.#waiters.wake(destination.record.name);
    return { moved: batch.length, remaining: source.visibleCount(now) };
  }

  async close(): Promise<void> {
    this.#waiters.wakeAll();
  }
}

/**
 * Queue, topic and subscription records are copied once when written and frozen, so every read can hand out
 * the stored object itself: the engine reads a queue's record on each call, and a copy per
 * read was garbage on every send, receive and delete.
 */
function frozenQueueRecord(record: QueueRecord): QueueRecord {
  return Object.freeze({
    ...record,
    attributes: Object.freeze({ ...record.attributes }),
    tags: Object.freeze({ ...record.tags }),
  });
}

function frozenTopicRecord(record: TopicRecord): TopicRecord {
  return Object.freeze({
    ...record,
    attributes: Object.freeze({ ...record.attributes }),
    tags: Object.freeze({ ...record.tags }),
  });
}

function frozenSubscription(record: SubscriptionRecord): SubscriptionRecord {
  return Object.freeze({ ...record, attributes: Object.freeze({ ...record.attributes }) });
}
