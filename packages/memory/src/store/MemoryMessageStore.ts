import type {
  ClaimRequest,
  ClaimResult,
  MessageStore,
  MoveRequest,
  MoveTaskRecord,
  PeekRequest,
  QueueDepth,
  QueueRecord,
  QueueRecordPatch,
  SendEntry,
  SendOutcome,
  StoredMessage,
  SubscriptionRecord,
  TopicRecord,
  TopicRecordPatch,
} from '@sealbus/broker-engine';
import {
  describeValue,
  InvalidParameterValueError,
  NotFoundError,
  QueueDoesNotExistError,
  ResourceNotFoundError,
  type SubscriptionAttributes,
} from '@sealbus/core';
import { MemoryQueue } from './MemoryQueue.js';

/**
 * A `MessageStore` in process memory: every method runs synchronously inside one call, which
 * makes each atomic. Messages are kept as the engine handed them over, without copies.
 */
export class MemoryMessageStore implements MessageStore {
  readonly #queues = new Map<string, MemoryQueue>();
  readonly #topics = new Map<string, TopicRecord>();
  readonly #subscriptions = new Map<string, SubscriptionRecord>();
  readonly #moveTasks = new Map<string, MoveTaskRecord>();
  readonly #waiters = new Map<string, Set<() => void>>();

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

  async updateQueue(name: string, patch: QueueRecordPatch): Promise<QueueRecord> {
    const queue = this.#queue(name);
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
    this.#wake(name);
    return true;
  }

  async send(entries: readonly SendEntry[], now: number): Promise<SendOutcome[]> {
    // Resolve every target first so a fanout to a missing queue changes nothing.
    const targets = entries.map((entry) => this.#queue(entry.queueName));
    const outcomes = entries.map((entry, index) => targets[index]!.accept(entry.message, now));
    for (const queue of new Set(targets)) this.#wake(queue.record.name);
    return outcomes;
  }

  async receive(queueName: string, request: ClaimRequest, now: number): Promise<ClaimResult> {
    const queue = this.#queue(queueName);
    const deadLetterQueue =
      request.redrive === undefined
        ? undefined
        : this.#queues.get(request.redrive.deadLetterQueueName);
    const result = queue.claim(request, now, deadLetterQueue);
    if (result.deadLettered > 0 && deadLetterQueue !== undefined) {
      this.#wake(deadLetterQueue.record.name);
    }
    return result;
  }

  async forgetReceive(queueName: string, receiptHandle: string): Promise<void> {
    this.#queue(queueName).forgetReceive(receiptHandle);
  }

  async deleteMessage(queueName: string, receiptHandle: string, _now: number): Promise<void> {
    this.#queue(queueName).deleteMessage(receiptHandle);
  }

  async changeVisibility(
    queueName: string,
    receiptHandle: string,
    visibleAt: number,
    now: number,
  ): Promise<void> {
    this.#queue(queueName).changeVisibility(receiptHandle, visibleAt, now);
    if (visibleAt <= now) this.#wake(queueName);
  }

  async purge(queueName: string): Promise<void> {
    this.#queue(queueName).purge();
  }

  async counters(queueName: string, now: number): Promise<QueueDepth> {
    return this.#queue(queueName).depth(now);
  }

  async peek(queueName: string, request: PeekRequest): Promise<StoredMessage[]> {
    return this.#queue(queueName).peek(request);
  }

  async expire(queueName: string, now: number): Promise<number> {
    const queue = this.#queue(queueName);
    return queue.expire(now - queue.record.attributes.MessageRetentionPeriod * 1000);
  }

  waitForMessages(queueName: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) {
        resolve();
        return;
      }
      let waiters = this.#waiters.get(queueName);
      if (waiters === undefined) {
        waiters = new Set();
        this.#waiters.set(queueName, waiters);
      }
      const registered = waiters;
      const done = () => {
        clearTimeout(timer);
        registered.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      registered.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
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

  async updateTopic(name: string, patch: TopicRecordPatch): Promise<TopicRecord> {
    const topic = this.#topics.get(name);
    if (topic === undefined) {
      throw new NotFoundError(`Topic ${describeValue(name)} does not exist. Create it first.`, {
        field: 'TopicArn',
      });
    }
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
  ): Promise<SubscriptionRecord> {
    const subscription = this.#subscriptions.get(arn);
    if (subscription === undefined) {
      throw new NotFoundError(
        `Subscription ${describeValue(arn)} does not exist. Subscribe the queue first.`,
        { field: 'SubscriptionArn' },
      );
    }
    const updated = frozenSubscription({ ...subscription, attributes });
    this.#subscriptions.set(arn, updated);
    return updated;
  }

  async confirmSubscription(arn: string): Promise<SubscriptionRecord | undefined> {
    const subscription = this.#subscriptions.get(arn);
    if (subscription === undefined) return undefined;
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

  async moveMessages(
    request: MoveRequest,
    now: number,
  ): Promise<{ moved: number; remaining: number }> {
    const source = this.#queue(request.sourceQueueName);
    const batch = source.visibleMessages(request.limit, now);
    // Resolve every destination before moving anything, so a failing batch moves nothing.
    const destinations = batch.map((message) => {
      const name = request.destinationQueueName ?? sourceQueueNameOf(message, source);
      const destination = this.#queues.get(name);
      if (destination === undefined) {
        throw new ResourceNotFoundError(
          `Destination queue ${describeValue(name)} of message ${message.messageId} does not exist. Recreate it or pass another destinationArn.`,
          { field: 'DestinationArn' },
        );
      }
      return destination;
    });
    batch.forEach((message, index) => {
      source.take(message.messageId);
      destinations[index]!.adopt(message, now);
    });
    for (const destination of new Set(destinations)) this.#wake(destination.record.name);
    return { moved: batch.length, remaining: source.visibleCount(now) };
  }

  async close(): Promise<void> {
    for (const name of [...this.#waiters.keys()]) this.#wake(name);
  }

  #queue(name: string): MemoryQueue {
    const queue = this.#queues.get(name);
    if (queue === undefined) {
      throw new QueueDoesNotExistError(
        `Queue ${describeValue(name)} does not exist. Create it with createQueue first.`,
        { field: 'QueueUrl' },
      );
    }
    return queue;
  }

  #wake(queueName: string): void {
    const waiters = this.#waiters.get(queueName);
    if (waiters === undefined) return;
    this.#waiters.delete(queueName);
    for (const done of waiters) done();
  }
}

function sourceQueueNameOf(message: StoredMessage, source: MemoryQueue): string {
  const arn = message.deadLetterQueueSourceArn;
  if (arn === undefined) {
    throw new InvalidParameterValueError(
      `Message ${message.messageId} in ${source.record.name} was not dead-lettered from another queue, so it has no source to return to. Pass destinationArn to move it.`,
      { field: 'DestinationArn' },
    );
  }
  return arn.slice(arn.lastIndexOf(':') + 1);
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
