import { createHash, randomUUID } from 'node:crypto';
import {
  type BatchResult,
  describeValue,
  InvalidParameterError,
  type MessageAttributes,
  type MetricLabels,
  matchesFilterPolicy,
  NotFoundError,
  type PublishBatchEntry,
  type PublishOptions,
  type PublishResult,
  type Queue,
  queueNameFrom,
  resolveTopicAttributes,
  type SubscribeOptions,
  type Subscription,
  subscriptionArn,
  type Topic,
  type TopicAttributes,
  type TopicCounters,
  validatePublish,
  validatePublishBatch,
} from '@sealbus/core';
import { runBatch } from '../batch/runBatch.js';
import type { EngineContext } from '../engine/EngineContext.js';
import { newMessageId } from '../engine/ids.js';
import { type MessageInput, prepareMessage } from '../queues/prepareMessage.js';
import type { SendEntry, SubscriptionRecord, TopicRecord } from '../store/MessageStore.js';
import { orThrow } from '../store/storeMissError.js';
import type { FilterPolicyCache } from './filterPolicyCache.js';
import { snsNotification } from './snsNotification.js';
import { resolveSubscriptionAttributes, toSubscription } from './subscriptionAttributes.js';

/** SQS refuses more than 10 message attributes; SNS drops such raw deliveries. */
const MAX_SQS_MESSAGE_ATTRIBUTES = 10;

/** A topic of the engine broker: fanout to subscribed queues in one atomic store send. */
export class EngineTopic implements Topic {
  readonly name: string;
  readonly arn: string;
  readonly #ctx: EngineContext;
  readonly #filterPolicies: FilterPolicyCache;
  readonly #labels: MetricLabels;

  constructor(ctx: EngineContext, record: TopicRecord, filterPolicies: FilterPolicyCache) {
    this.#ctx = ctx;
    this.name = record.name;
    this.arn = record.arn;
    this.#filterPolicies = filterPolicies;
    this.#labels = { topic: record.name };
  }

  async publish(body: string, options: PublishOptions = {}): Promise<PublishResult> {
    const record = await this.#record();
    const now = this.#ctx.clock.now();
    const messageId = newMessageId();
    validatePublish(body, options, record.attributes);
    const passing = this.#ctx.sealer.passThroughTopic(
      record.attributes,
      record.arn,
      body,
      options.principal,
    );
    if (passing !== undefined) await passing;
    const deduplicationId =
      record.attributes.FifoTopic && options.messageDeduplicationId === undefined
        ? createHash('sha256').update(body).digest('hex')
        : options.messageDeduplicationId;
    const pending: Array<SendEntry | Promise<SendEntry>> = [];
    for (const subscription of await this.#ctx.store.listSubscriptions(record.arn)) {
      const delivery = this.#delivery(subscription, messageId, body, options, now);
      if (delivery === undefined) continue;
      const queue = await this.#ctx.store.getQueue(queueNameFrom(subscription.endpoint));
      // SNS drops deliveries to queues that no longer exist.
      if (queue === undefined) continue;
      if (options.messageGroupId !== undefined) delivery.messageGroupId = options.messageGroupId;
      if (deduplicationId !== undefined && queue.attributes.FifoQueue) {
        delivery.messageDeduplicationId = deduplicationId;
      }
      const message = prepareMessage(this.#ctx, queue, delivery, now);
      pending.push(
        message instanceof Promise
          ? message.then((sealed) => ({ queueName: queue.name, message: sealed }))
          : { queueName: queue.name, message },
      );
    }
    // Every destination seals with its own key in parallel; one store call then enqueues them all.
    const entries = await Promise.all(pending);
    orThrow(await this.#ctx.store.send(entries, now));
    this.#ctx.metrics.count('published', 1, this.#labels);
    this.#ctx.metrics.count('sent', entries.length, this.#labels);
    return { messageId };
  }

  async publishBatch(
    entries: PublishBatchEntry[],
    options: Pick<PublishOptions, 'principal'> = {},
  ): Promise<BatchResult<PublishResult>> {
    validatePublishBatch(entries);
    return runBatch(entries, ({ id: _id, body, ...entry }) =>
      this.publish(body, { ...entry, principal: options.principal }),
    );
  }

  async subscribe(queue: Queue, options: SubscribeOptions = {}): Promise<Subscription> {
    const record = await this.#record();
    const target = await this.#ctx.store.getQueue(queueNameFrom(queue.arn, 'Endpoint'));
    if (target === undefined) {
      throw new NotFoundError(
        `Endpoint queue ${describeValue(queue.arn)} does not exist. Create the queue before subscribing it.`,
        { field: 'Endpoint' },
      );
    }
    if (target.attributes.FifoQueue !== record.attributes.FifoTopic) {
      throw new InvalidParameterError(
        `A ${record.attributes.FifoTopic ? 'FIFO' : 'standard'} topic delivers only to ${record.attributes.FifoTopic ? 'FIFO' : 'standard'} queues; ${target.name} is not one. Subscribe a queue of the same type.`,
        { field: 'Endpoint' },
      );
    }
    const attributes = resolveSubscriptionAttributes(options);
    const existing = (await this.#ctx.store.listSubscriptions(record.arn)).find(
      (subscription) => subscription.endpoint === target.arn,
    );
    if (existing !== undefined) {
      if (JSON.stringify(existing.attributes) !== JSON.stringify(attributes)) {
        throw new InvalidParameterError(
          `Queue ${target.name} is already subscribed to ${record.name} with other attributes. Change them with setSubscriptionAttributes(${existing.arn}).`,
          { field: 'Attributes' },
        );
      }
      return toSubscription(existing);
    }
    const created = await this.#ctx.store.addSubscription({
      arn: subscriptionArn(record.arn, randomUUID()),
      topicArn: record.arn,
      endpoint: target.arn,
      attributes,
    });
    return toSubscription(created);
  }

  async unsubscribe(arn: string): Promise<void> {
    this.#ctx.assertOpen();
    await this.#ctx.store.removeSubscription(arn);
  }

  async listSubscriptions(): Promise<Subscription[]> {
    const record = await this.#record();
    return (await this.#ctx.store.listSubscriptions(record.arn)).map(toSubscription);
  }

  async getAttributes(): Promise<TopicAttributes & TopicCounters> {
    const record = await this.#record();
    const subscriptions = await this.#ctx.store.listSubscriptions(record.arn);
    return {
      ...record.attributes,
      TopicArn: record.arn,
      SubscriptionsConfirmed: subscriptions.length,
      SubscriptionsPending: 0,
      SubscriptionsDeleted: 0,
    };
  }

  async setAttributes(attributes: Partial<TopicAttributes>): Promise<void> {
    const record = await this.#record();
    const resolved = resolveTopicAttributes(attributes, {
      topicName: record.name,
      existing: record.attributes,
    });
    orThrow(await this.#ctx.store.updateTopic(record.name, { attributes: resolved }));
  }

  /** What one subscription receives, or undefined when its filter policy drops the message. */
  #delivery(
    subscription: SubscriptionRecord,
    messageId: string,
    body: string,
    options: PublishOptions,
    now: number,
  ): MessageInput | undefined {
    const attributes = subscription.attributes;
    const compiled = this.#filterPolicies.get(attributes);
    if (
      compiled !== undefined &&
      !matchesFilterPolicy(compiled, { messageAttributes: options.messageAttributes ?? {}, body })
    ) {
      return undefined;
    }
    if (attributes.rawMessageDelivery) {
      const messageAttributes: MessageAttributes = options.messageAttributes ?? {};
      if (Object.keys(messageAttributes).length > MAX_SQS_MESSAGE_ATTRIBUTES) return undefined;
      return { body, messageAttributes };
    }
    return {
      body: snsNotification({
        messageId,
        topicArn: this.arn,
        subscriptionArn: subscription.arn,
        region: this.#ctx.region,
        message: body,
        subject: options.subject,
        timestamp: now,
        messageAttributes: options.messageAttributes,
      }),
    };
  }

  async #record(): Promise<TopicRecord> {
    this.#ctx.assertOpen();
    const record = await this.#ctx.store.getTopic(this.name);
    if (record === undefined) {
      throw new NotFoundError(
        `Topic ${this.name} does not exist (it was deleted). Create it again with createTopic.`,
        { field: 'TopicArn' },
      );
    }
    return record;
  }
}
