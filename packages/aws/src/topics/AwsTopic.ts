import {
  AddPermissionCommand,
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  ListTagsForResourceCommand,
  PublishBatchCommand,
  type PublishBatchRequestEntry,
  PublishCommand,
  RemovePermissionCommand,
  SetTopicAttributesCommand,
  SubscribeCommand,
  TagResourceCommand,
  UnsubscribeCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-sns';
import { GetQueueAttributesCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import {
  BATCH_OPTION_KEYS,
  type BatchResult,
  checkOptionKeys,
  InvalidParameterError,
  isFifoName,
  type Principal,
  PUBLISH_OPTION_KEYS,
  type PublishBatchEntry,
  type PublishOptions,
  type PublishResult,
  type Queue,
  resolveTopicAttributes,
  SUBSCRIBE_OPTION_KEYS,
  type SubscribeOptions,
  type Subscription,
  type SubscriptionTarget,
  type Topic,
  type TopicAttributes,
  type TopicCounters,
  type TopicPermission,
  validatePublishBatch,
} from '@sealbus/core';
import { type AwsContext, assertOpen } from '../AwsContext.js';
import { failedBeforeSending, toFailedEntries } from '../batch/failedEntries.js';
import { allPages } from '../clients/allPages.js';
import { callAws } from '../errors/mapAwsError.js';
import { mergeTopicSendPolicy } from '../policy/topicSendPolicy.js';
import { toSnsMessageAttributes } from '../wire/messageAttributes.js';
import {
  topicAttributesFromWire,
  topicAttributesToWire,
  withoutTopicCounters,
} from '../wire/topicAttributes.js';
import { subscriptionAttributesToWire, subscriptionFromWire } from './subscriptionWire.js';

/** An SNS topic behind the sealbus `Topic` contract. */
export class AwsTopic implements Topic {
  readonly name: string;
  readonly arn: string;
  readonly #ctx: AwsContext;

  constructor(ctx: AwsContext, name: string, arn: string) {
    this.#ctx = ctx;
    this.name = name;
    this.arn = arn;
  }

  async publish(body: string, options: PublishOptions = {}): Promise<PublishResult> {
    assertOpen(this.#ctx);
    checkOptionKeys(options, PUBLISH_OPTION_KEYS);
    const wire = await this.#outgoing(body, options, options.principal);
    const output = await this.#sns('Publish', () =>
      this.#ctx.clients
        .sns(options.principal)
        .send(new PublishCommand({ TopicArn: this.arn, ...wire })),
    );
    return {
      messageId: output.MessageId ?? '',
      ...(output.SequenceNumber === undefined ? {} : { sequenceNumber: output.SequenceNumber }),
    };
  }

  /** 1–10 entries with distinct ids, at most 256 KiB in all (checked before any call). */
  async publishBatch(
    entries: PublishBatchEntry[],
    options: Pick<PublishOptions, 'principal'> = {},
  ): Promise<BatchResult<PublishResult>> {
    assertOpen(this.#ctx);
    checkOptionKeys(options, BATCH_OPTION_KEYS);
    validatePublishBatch(entries);
    const result: BatchResult<PublishResult> = { successful: [], failed: [] };
    const prepared = await Promise.allSettled(
      entries.map(({ id: _id, body, ...entry }) => this.#outgoing(body, entry, options.principal)),
    );
    const wireEntries: PublishBatchRequestEntry[] = [];
    prepared.forEach((outcome, index) => {
      const id = entries[index]!.id;
      if (outcome.status === 'fulfilled') {
        wireEntries.push({ Id: id, ...outcome.value });
        return;
      }
      result.failed.push(failedBeforeSending(id, outcome.reason));
    });
    if (wireEntries.length === 0) return result;
    const output = await this.#sns('PublishBatch', () =>
      this.#ctx.clients
        .sns(options.principal)
        .send(
          new PublishBatchCommand({ TopicArn: this.arn, PublishBatchRequestEntries: wireEntries }),
        ),
    );
    for (const entry of output.Successful ?? []) {
      result.successful.push({
        id: entry.Id ?? '',
        messageId: entry.MessageId ?? '',
        ...(entry.SequenceNumber === undefined ? {} : { sequenceNumber: entry.SequenceNumber }),
      });
    }
    result.failed.push(...toFailedEntries(output.Failed, 'sns'));
    return result;
  }

  /**
   * Subscribes the queue and first lets this topic send to it: the queue's `Policy` gains a
   * statement for `sns.amazonaws.com` conditioned on `aws:SourceArn` = this topic, merged with
   * the statements already there.
   */
  async subscribe(
    target: Queue | SubscriptionTarget,
    options: SubscribeOptions = {},
  ): Promise<Subscription> {
    checkOptionKeys(options, SUBSCRIBE_OPTION_KEYS);
    assertOpen(this.#ctx);
    const attributes = subscriptionAttributesToWire(options);
    // A bare target (a protocol and endpoint) goes to SNS as given: no queue to open up.
    const { protocol, endpoint } =
      'protocol' in target ? target : { protocol: 'sqs', endpoint: target.arn };
    if (!('protocol' in target)) await this.#allowTopicToSend(target);
    const output = await this.#sns('Subscribe', () =>
      this.#ctx.sns.send(
        new SubscribeCommand({
          TopicArn: this.arn,
          Protocol: protocol,
          Endpoint: endpoint,
          Attributes: Object.keys(attributes).length === 0 ? undefined : attributes,
          ReturnSubscriptionArn: true,
        }),
      ),
    );
    return this.#subscription(output.SubscriptionArn ?? '');
  }

  async #subscription(arn: string): Promise<Subscription> {
    const output = await this.#sns('GetSubscriptionAttributes', () =>
      this.#ctx.sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: arn })),
    );
    return subscriptionFromWire(arn, output.Attributes ?? {});
  }

  async unsubscribe(subscriptionArn: string): Promise<void> {
    await this.#sns('Unsubscribe', () =>
      this.#ctx.sns.send(new UnsubscribeCommand({ SubscriptionArn: subscriptionArn })),
    );
  }

  /** The topic's confirmed subscriptions with their attributes (one extra call each). */
  async listSubscriptions(): Promise<Subscription[]> {
    const arns = await allPages(async (nextToken) => {
      const output = await this.#sns('ListSubscriptionsByTopic', () =>
        this.#ctx.sns.send(
          new ListSubscriptionsByTopicCommand({ TopicArn: this.arn, NextToken: nextToken }),
        ),
      );
      // Pending subscriptions are listed as "PendingConfirmation", not by ARN.
      const confirmed = (output.Subscriptions ?? []).flatMap(({ SubscriptionArn }) =>
        SubscriptionArn?.startsWith('arn:') ? [SubscriptionArn] : [],
      );
      return { items: confirmed, nextToken: output.NextToken };
    });
    return Promise.all(arns.map((arn) => this.#subscription(arn)));
  }

  async getAttributes(): Promise<
    TopicAttributes & TopicCounters & { EffectiveDeliveryPolicy: string }
  > {
    const output = await this.#sns('GetTopicAttributes', () =>
      this.#ctx.sns.send(new GetTopicAttributesCommand({ TopicArn: this.arn })),
    );
    return topicAttributesFromWire(output.Attributes ?? {}, this.name);
  }

  /** Validated against the current attributes; SNS sets one attribute per call. */
  async setAttributes(attributes: Partial<TopicAttributes>): Promise<void> {
    const existing = withoutTopicCounters(await this.getAttributes());
    const resolved = resolveTopicAttributes(attributes, { topicName: this.name, existing });
    for (const [name, value] of Object.entries(topicAttributesToWire(attributes, resolved))) {
      await this.#sns('SetTopicAttributes', () =>
        this.#ctx.sns.send(
          new SetTopicAttributesCommand({
            TopicArn: this.arn,
            AttributeName: name,
            AttributeValue: value,
          }),
        ),
      );
    }
  }

  async tag(tags: Record<string, string>): Promise<void> {
    await this.#sns('TagResource', () =>
      this.#ctx.sns.send(
        new TagResourceCommand({
          ResourceArn: this.arn,
          Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
        }),
      ),
    );
  }

  async untag(tagKeys: string[]): Promise<void> {
    await this.#sns('UntagResource', () =>
      this.#ctx.sns.send(new UntagResourceCommand({ ResourceArn: this.arn, TagKeys: tagKeys })),
    );
  }

  async listTags(): Promise<Record<string, string>> {
    const output = await this.#sns('ListTagsForResource', () =>
      this.#ctx.sns.send(new ListTagsForResourceCommand({ ResourceArn: this.arn })),
    );
    return Object.fromEntries((output.Tags ?? []).map((tag) => [tag.Key, tag.Value]));
  }

  async addPermission(permission: TopicPermission): Promise<void> {
    await this.#sns('AddPermission', () =>
      this.#ctx.sns.send(
        new AddPermissionCommand({
          TopicArn: this.arn,
          Label: permission.label,
          AWSAccountId: permission.accountIds,
          ActionName: permission.actions,
        }),
      ),
    );
  }

  async removePermission(label: string): Promise<void> {
    await this.#sns('RemovePermission', () =>
      this.#ctx.sns.send(new RemovePermissionCommand({ TopicArn: this.arn, Label: label })),
    );
  }

  async #allowTopicToSend(queue: Queue): Promise<void> {
    const current = await callAws('sqs', 'GetQueueAttributes', () =>
      this.#ctx.sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ['Policy'] }),
      ),
    );
    const policy = mergeTopicSendPolicy(current.Attributes?.Policy, queue.arn, this.arn);
    if (policy === undefined) return;
    await callAws('sqs', 'SetQueueAttributes', () =>
      this.#ctx.sqs.send(
        new SetQueueAttributesCommand({ QueueUrl: queue.url, Attributes: { Policy: policy } }),
      ),
    );
  }

  async #outgoing(
    body: string,
    options: Omit<PublishOptions, 'principal'>,
    principal: Principal | undefined,
  ): Promise<Omit<PublishBatchRequestEntry, 'Id'>> {
    // A sealed body is no longer the JSON object of per-protocol texts SNS would parse.
    if (options.messageStructure !== undefined && this.#ctx.sealer.sealsOutgoing) {
      throw new InvalidParameterError(
        'Invalid parameter: MessageStructure Reason: json cannot be combined with clientSideEncryption (SNS could not read the sealed per-protocol texts); publish one text, or to a topic without client-side sealing',
        { field: 'MessageStructure' },
      );
    }
    const outgoing = await this.#ctx.sealer.sealOutgoing(
      body,
      { 'aws:sns:topicArn': this.arn },
      options,
      isFifoName(this.name),
      principal,
    );
    return {
      Message: outgoing.body,
      Subject: options.subject,
      MessageAttributes: toSnsMessageAttributes(outgoing.messageAttributes),
      MessageGroupId: options.messageGroupId,
      MessageDeduplicationId: outgoing.messageDeduplicationId,
      MessageStructure: options.messageStructure,
    };
  }

  #sns<T>(operation: string, call: () => Promise<T>): Promise<T> {
    assertOpen(this.#ctx);
    return callAws('sns', operation, call);
  }
}
