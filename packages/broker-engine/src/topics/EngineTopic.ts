import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  BATCH_OPTION_KEYS,
  type BatchResult,
  checkOptionKeys,
  InvalidParameterError,
  type MessageAttributes,
  type MetricLabels,
  matchesFilterPolicy,
  NotFoundError,
  PUBLISH_OPTION_KEYS,
  type PublishBatchEntry,
  type PublishOptions,
  type PublishResult,
  type Queue,
  queueNameFrom,
  resolveTopicAttributes,
  SnsResourceNotFoundError,
  SUBSCRIBE_OPTION_KEYS,
  type SubscribeOptions,
  type Subscription,
  type SubscriptionTarget,
  subscriptionArn,
  type Topic,
  type TopicAttributes,
  type TopicCounters,
  type TopicPermission,
  validatePublish,
  validatePublishBatch,
} from '@sealbus/core';
import { runBatch } from '../batch/runBatch.js';
import type { EngineContext } from '../engine/EngineContext.js';
import { newMessageId } from '../engine/ids.js';
import { type MessageInput, prepareMessage } from '../queues/prepareMessage.js';
import { type SmsDetails, smsDelivery } from '../sms/smsDelivery.js';
import type { SendEntry, SubscriptionRecord, TopicRecord } from '../store/MessageStore.js';
import { orThrow } from '../store/storeMissError.js';
import { effectiveTopicDeliveryPolicy } from './deliveryPolicy.js';
import type { FilterPolicyCache } from './filterPolicyCache.js';
import { PushDeliveries } from './push/PushDeliveries.js';
import {
  isRecordedProtocol,
  recordConfirmation,
  recordNotification,
} from './push/recordMessages.js';
import { snsNotification } from './snsNotification.js';
import { resolveSubscriptionAttributes, toSubscription } from './subscriptionAttributes.js';
import { resolveTarget } from './subscriptionTarget.js';
import { defaultTopicPolicy, withoutPermission, withPermission } from './topicPolicy.js';
import { mergedTags } from './topicTags.js';

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
    checkOptionKeys(options, PUBLISH_OPTION_KEYS);
    const record = await this.#record();
    const now = this.#ctx.clock.now();
    const messageId = newMessageId();
    validatePublish(body, options, record.attributes);
    await this.#ctx.sealer.passThroughTopic(record.attributes, record.arn, body, options.principal);
    const deduplicationId =
      record.attributes.FifoTopic && options.messageDeduplicationId === undefined
        ? createHash('sha256').update(body).digest('hex')
        : options.messageDeduplicationId;
    const pending: Array<Promise<SendEntry>> = [];
    const pushes: Array<() => void> = [];
    for (const subscription of await this.#ctx.store.listSubscriptions(record.arn)) {
      // Nothing reaches a subscription before it is confirmed.
      if (subscription.confirmationDigest !== undefined) continue;
      if (!this.#passesFilter(subscription, body, options)) continue;
      if (isRecordedProtocol(subscription.protocol)) {
        const recorded = { ...subscription, protocol: subscription.protocol };
        let sms: SmsDetails | undefined;
        if (recorded.protocol === 'sms') {
          sms = await smsDelivery(this.#ctx, recorded.endpoint, options.messageAttributes);
          // Opted out: the subscription stays, its SMS fails to deliver (SNS developer guide).
          if (sms === undefined) continue;
        }
        pushes.push(() =>
          recordNotification(this.#ctx, record, recorded, { messageId, body, options, now }, sms),
        );
        continue;
      }
      if (subscription.protocol !== 'sqs') {
        const push = this.#ctx.push;
        // A store written by a broker with http delivery, opened by one without: nothing to post with.
        if (push === undefined) continue;
        pushes.push(() =>
          new PushDeliveries(this.#ctx, push).notify(record, subscription, {
            messageId,
            body,
            options,
            now,
          }),
        );
        continue;
      }
      const delivery = this.#delivery(subscription, messageId, body, options, now);
      if (delivery === undefined) continue;
      const queue = await this.#ctx.store.getQueue(queueNameFrom(subscription.endpoint));
      // SNS drops deliveries to queues that no longer exist.
      if (queue === undefined) continue;
      // A FIFO topic may feed standard queues too; they take neither group nor deduplication id.
      if (queue.attributes.FifoQueue) {
        if (options.messageGroupId !== undefined) delivery.messageGroupId = options.messageGroupId;
        if (deduplicationId !== undefined) delivery.messageDeduplicationId = deduplicationId;
      }
      pending.push(
        prepareMessage(this.#ctx, queue, delivery, now).then((message) => ({
          queueName: queue.name,
          message,
        })),
      );
    }
    // Every destination seals with its own key in parallel; one store call then enqueues them all.
    const entries = await Promise.all(pending);
    orThrow(await this.#ctx.store.send(entries, now));
    // Pushes start once the queue deliveries are stored: a failed store send pushes nothing.
    for (const push of pushes) push();
    this.#ctx.metrics.count('published', 1, this.#labels);
    this.#ctx.metrics.count('sent', entries.length, this.#labels);
    return { messageId };
  }

  async publishBatch(
    entries: PublishBatchEntry[],
    options: Pick<PublishOptions, 'principal'> = {},
  ): Promise<BatchResult<PublishResult>> {
    checkOptionKeys(options, BATCH_OPTION_KEYS);
    validatePublishBatch(entries);
    return runBatch(entries, ({ id: _id, body, ...entry }) =>
      this.publish(body, { ...entry, principal: options.principal }),
    );
  }

  async subscribe(
    target: Queue | SubscriptionTarget,
    options: SubscribeOptions = {},
  ): Promise<Subscription> {
    checkOptionKeys(options, SUBSCRIBE_OPTION_KEYS);
    const record = await this.#record();
    const push = this.#ctx.push;
    const { protocol, endpoint } = resolveTarget(target, {
      fifoTopic: record.attributes.FifoTopic,
      allowNonLoopback:
        push === undefined ? undefined : push.options.allowNonLoopbackEndpoints === true,
    });
    const attributes = resolveSubscriptionAttributes(options);
    const existing = (await this.#ctx.store.listSubscriptions(record.arn)).find(
      (subscription) => subscription.protocol === protocol && subscription.endpoint === endpoint,
    );
    if (existing !== undefined) {
      if (JSON.stringify(existing.attributes) !== JSON.stringify(attributes)) {
        throw new InvalidParameterError(
          'Invalid parameter: Attributes Reason: Subscription already exists with different attributes',
          { field: 'Attributes' },
        );
      }
      return toSubscription(existing);
    }
    const arn = subscriptionArn(record.arn, randomUUID());
    // Queue and SMS subscriptions need no confirmation on SNS.
    if (protocol === 'sqs' || protocol === 'sms') {
      return toSubscription(
        await this.#ctx.store.addSubscription({
          arn,
          topicArn: record.arn,
          protocol,
          endpoint,
          attributes,
        }),
      );
    }
    // The token travels only in the confirmation message; the store keeps its digest.
    const token = randomBytes(64).toString('hex');
    const created = await this.#ctx.store.addSubscription({
      arn,
      topicArn: record.arn,
      protocol,
      endpoint,
      attributes,
      confirmationDigest: tokenDigest(token),
    });
    if (protocol === 'email' || protocol === 'email-json') {
      recordConfirmation(this.#ctx, record, { ...created, protocol }, token);
    } else {
      // resolveTarget refused http/https already when the broker has no push delivery.
      new PushDeliveries(this.#ctx, push!).confirm(record, created, token, this.#ctx.clock.now());
    }
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

  async getAttributes(): Promise<
    TopicAttributes & TopicCounters & { EffectiveDeliveryPolicy: string }
  > {
    const record = await this.#record();
    const subscriptions = await this.#ctx.store.listSubscriptions(record.arn);
    const pending = subscriptions.filter((s) => s.confirmationDigest !== undefined).length;
    return {
      ...record.attributes,
      Policy: record.attributes.Policy ?? defaultTopicPolicy(record.arn),
      EffectiveDeliveryPolicy: effectiveTopicDeliveryPolicy(),
      TopicArn: record.arn,
      SubscriptionsConfirmed: subscriptions.length - pending,
      SubscriptionsPending: pending,
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

  async tag(tags: Record<string, string>): Promise<void> {
    const record = await this.#taggedRecord();
    orThrow(
      await this.#ctx.store.updateTopic(record.name, { tags: mergedTags(record.tags, tags) }),
    );
  }

  async untag(tagKeys: string[]): Promise<void> {
    const record = await this.#taggedRecord();
    const tags = { ...record.tags };
    for (const key of tagKeys) delete tags[key];
    orThrow(await this.#ctx.store.updateTopic(record.name, { tags }));
  }

  async listTags(): Promise<Record<string, string>> {
    return { ...(await this.#taggedRecord()).tags };
  }

  async addPermission(permission: TopicPermission): Promise<void> {
    const record = await this.#record();
    const policy = withPermission(this.#policy(record), record.arn, permission);
    orThrow(
      await this.#ctx.store.updateTopic(record.name, {
        attributes: { ...record.attributes, Policy: policy },
      }),
    );
  }

  async removePermission(label: string): Promise<void> {
    const record = await this.#record();
    const policy = withoutPermission(this.#policy(record), label);
    orThrow(
      await this.#ctx.store.updateTopic(record.name, {
        attributes: { ...record.attributes, Policy: policy },
      }),
    );
  }

  #policy(record: TopicRecord): string {
    return record.attributes.Policy ?? defaultTopicPolicy(record.arn);
  }

  #passesFilter(subscription: SubscriptionRecord, body: string, options: PublishOptions): boolean {
    const compiled = this.#filterPolicies.get(subscription.attributes);
    return (
      compiled === undefined ||
      matchesFilterPolicy(compiled, { messageAttributes: options.messageAttributes ?? {}, body })
    );
  }

  /** What one queue subscription receives, or undefined when SNS would drop the message. */
  #delivery(
    subscription: SubscriptionRecord,
    messageId: string,
    body: string,
    options: PublishOptions,
    now: number,
  ): MessageInput | undefined {
    const attributes = subscription.attributes;
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

  /** Tagging actions name a missing topic with SNS `ResourceNotFound`, not `NotFound`. */
  async #taggedRecord(): Promise<TopicRecord> {
    this.#ctx.assertOpen();
    const record = await this.#ctx.store.getTopic(this.name);
    if (record === undefined) {
      throw new SnsResourceNotFoundError('Resource does not exist', { field: 'ResourceArn' });
    }
    return record;
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

export function tokenDigest(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
