import { randomUUID } from 'node:crypto';
import {
  type Broker,
  conflictingQueueAttributes,
  conflictingTopicAttributes,
  describeValue,
  InvalidParameterError,
  InvalidParameterValueError,
  type MoveTask,
  type MoveTaskRequest,
  MoveTaskStatus,
  NotFoundError,
  type OptedOutPage,
  type PublishResult,
  type QueueAttributes,
  QueueDoesNotExistError,
  QueueNameExistsError,
  queueArn,
  queueNameFrom,
  queueUrl,
  ResourceNotFoundError,
  resolveQueueAttributes,
  resolveTopicAttributes,
  type SmsAttributes,
  type SmsPublishOptions,
  type SubscribeOptions,
  type Subscription,
  type TopicAttributes,
  topicArn,
  topicNameFrom,
  UnsupportedOperationError,
  validateQueueName,
  validateTopicName,
} from '@sealbus/core';
import type { EnvelopeStats } from '@sealbus/envelope';
import type { EngineContext } from './engine/EngineContext.js';
import type { EngineCounters } from './engine/EngineMetrics.js';
import {
  type PeekedMessage,
  type PeekOptions,
  toPeekedMessage,
} from './inspection/PeekedMessage.js';
import { MoveTaskRunner, moveBatchSize } from './moves/MoveTaskRunner.js';
import { staleReason, toMoveTask } from './moves/moveTaskLiveness.js';
import { checkRedrivePolicy } from './queues/checkRedrivePolicy.js';
import { EngineQueue } from './queues/EngineQueue.js';
import { EngineSms } from './sms/EngineSms.js';
import { queueSealsBodies } from './sse/BodySealer.js';
import type { MoveTaskRecord, QueueRecord } from './store/MessageStore.js';
import { isStoreMiss } from './store/StoreMiss.js';
import { orThrow } from './store/storeMissError.js';
import { EngineTopic, tokenDigest } from './topics/EngineTopic.js';
import { FilterPolicyCache } from './topics/filterPolicyCache.js';
import { HttpPush, type SnsHttpOptions } from './topics/push/HttpPush.js';
import type { RecordedDelivery } from './topics/push/RecordedDeliveries.js';
import { resolveSubscriptionAttributes, toSubscription } from './topics/subscriptionAttributes.js';

const MAX_PEEK_LIMIT = 1000;
const MAX_MOVE_RATE = 500;

export interface EngineStats {
  counters: EngineCounters;
  /** KMS calls and data-key cache hits of the envelope engine. */
  kms: EnvelopeStats;
}

/**
 * The `Broker` of the local backends: SQS/SNS semantics over a `MessageStore`, plus read-only
 * inspection for consoles. Built by `createEngineBroker`.
 */
export class EngineBroker implements Broker {
  readonly #ctx: EngineContext;
  readonly #moves: MoveTaskRunner;
  readonly #filterPolicies = new FilterPolicyCache();
  readonly #sms: EngineSms;
  readonly #onClose: () => void;
  #closing: Promise<void> | undefined;

  /** @internal Use `createEngineBroker`. */
  constructor(ctx: EngineContext, onClose: () => void) {
    this.#ctx = ctx;
    this.#moves = new MoveTaskRunner(ctx);
    this.#sms = new EngineSms(ctx);
    this.#onClose = onClose;
  }

  async createQueue(name: string, attributes: QueueAttributes = {}): Promise<EngineQueue> {
    this.#ctx.assertOpen();
    validateQueueName(name);
    const resolved = resolveQueueAttributes(attributes, { queueName: name });
    const now = this.#ctx.clock.now();
    const record: QueueRecord = {
      name,
      arn: queueArn(name, this.#ctx),
      attributes: resolved,
      tags: {},
      createdTimestamp: now,
      lastModifiedTimestamp: now,
    };
    if (queueSealsBodies(resolved)) record.sealingSince = now;
    const existing = await this.#ctx.store.getQueue(name);
    if (existing !== undefined) {
      checkSameQueue(existing, attributes);
      return this.#queue(existing);
    }
    await checkRedrivePolicy(this.#ctx.store, record.arn, resolved);
    const { created, record: stored } = orThrow(await this.#ctx.store.createQueue(record));
    // Another process created it between our read and write.
    if (!created) checkSameQueue(stored, attributes);
    return this.#queue(stored);
  }

  async getQueue(nameOrUrlOrArn: string): Promise<EngineQueue> {
    return this.#queue(await this.#queueRecord(nameOrUrlOrArn));
  }

  async listQueues(prefix?: string): Promise<string[]> {
    this.#ctx.assertOpen();
    const records = await this.#ctx.store.listQueues(prefix);
    return records.map((record) => queueUrl(record.name, this.#ctx));
  }

  async deleteQueue(nameOrUrlOrArn: string): Promise<void> {
    const record = await this.#queueRecord(nameOrUrlOrArn);
    await this.#ctx.store.deleteQueue(record.name);
  }

  async listDeadLetterSourceQueues(nameOrUrlOrArn: string): Promise<string[]> {
    const record = await this.#queueRecord(nameOrUrlOrArn);
    return (await this.#sourceQueues(record.arn)).map((source) => queueUrl(source.name, this.#ctx));
  }

  async createTopic(name: string, attributes: TopicAttributes = {}): Promise<EngineTopic> {
    this.#ctx.assertOpen();
    validateTopicName(name);
    const resolved = resolveTopicAttributes(attributes, { topicName: name });
    const { record } = await this.#ctx.store.createTopic({
      name,
      arn: topicArn(name, this.#ctx),
      attributes: resolved,
      tags: {},
      createdTimestamp: this.#ctx.clock.now(),
    });
    const conflicts = conflictingTopicAttributes(record.attributes, attributes, name);
    if (conflicts.length > 0) {
      throw new InvalidParameterError(
        `Topic ${name} already exists with different values for ${conflicts.join(', ')}. Use setAttributes to change them, or pick another name.`,
        { field: 'Name' },
      );
    }
    return new EngineTopic(this.#ctx, record, this.#filterPolicies);
  }

  async getTopic(nameOrArn: string): Promise<EngineTopic> {
    this.#ctx.assertOpen();
    const name = topicNameFrom(nameOrArn);
    const record = await this.#ctx.store.getTopic(name);
    if (record === undefined) {
      throw new NotFoundError(
        `Topic ${describeValue(nameOrArn)} does not exist. Create it with createTopic first.`,
        { field: 'TopicArn' },
      );
    }
    return new EngineTopic(this.#ctx, record, this.#filterPolicies);
  }

  async listTopics(): Promise<string[]> {
    this.#ctx.assertOpen();
    return (await this.#ctx.store.listTopics()).map((record) => record.arn);
  }

  async deleteTopic(nameOrArn: string): Promise<void> {
    this.#ctx.assertOpen();
    await this.#ctx.store.deleteTopic(topicNameFrom(nameOrArn));
  }

  async getSubscription(arn: string): Promise<Subscription> {
    this.#ctx.assertOpen();
    const record = await this.#ctx.store.getSubscription(arn);
    if (record === undefined) {
      throw new NotFoundError(
        `Subscription ${describeValue(arn)} does not exist. Subscribe the queue to the topic first.`,
        { field: 'SubscriptionArn' },
      );
    }
    return toSubscription(record);
  }

  async confirmSubscription(topicArnOrName: string, token: string): Promise<Subscription> {
    this.#ctx.assertOpen();
    const topic = await this.getTopic(topicArnOrName);
    const digest = tokenDigest(token);
    const pending = (await this.#ctx.store.listSubscriptions(topic.arn)).find(
      (subscription) => subscription.confirmationDigest === digest,
    );
    const confirmed =
      pending === undefined ? undefined : await this.#ctx.store.confirmSubscription(pending.arn);
    // Unknown token, or the subscription went away meanwhile: SNS answers the same.
    if (confirmed === undefined || isStoreMiss(confirmed)) {
      throw new InvalidParameterError('Invalid token', { field: 'Token' });
    }
    return toSubscription(confirmed);
  }

  /**
   * The email and SMS messages this broker recorded instead of sending (confirmations and
   * notifications), oldest first, optionally to one address or number. In memory only.
   */
  recordedDeliveries(endpoint?: string): RecordedDelivery[] {
    return this.#ctx.recorded.list(endpoint);
  }

  /**
   * Turns on SNS http/https delivery after creation, for hosts (the gateway) that open the broker
   * through the backend registry and learn their URL later. Once per broker.
   */
  enableHttpDelivery(options: SnsHttpOptions): void {
    this.#ctx.assertOpen();
    if (this.#ctx.push !== undefined) {
      throw new InvalidParameterError('snsHttp: http/https delivery is already configured', {
        field: 'snsHttp',
      });
    }
    this.#ctx.push = new HttpPush(options, this.#ctx.logger, this.#ctx.closeSignal);
  }

  /** Resolves once every http/https delivery started so far is delivered or dead-lettered. */
  async httpDeliveriesSettled(): Promise<void> {
    await this.#ctx.push?.settled();
  }

  async setSubscriptionAttributes(
    arn: string,
    attributes: Partial<SubscribeOptions>,
  ): Promise<Subscription> {
    const current = await this.getSubscription(arn);
    const resolved = resolveSubscriptionAttributes(attributes, current.attributes);
    return toSubscription(orThrow(await this.#ctx.store.updateSubscription(arn, resolved)));
  }

  async startMessageMove(request: MoveTaskRequest): Promise<MoveTask> {
    this.#ctx.assertOpen();
    const source = await this.#ctx.store.getQueue(queueNameFrom(request.sourceArn, 'SourceArn'));
    if (source === undefined) {
      throw new ResourceNotFoundError(
        `SourceArn ${describeValue(request.sourceArn)} does not exist. Pass the ARN of an existing dead-letter queue.`,
        { field: 'SourceArn' },
      );
    }
    if ((await this.#sourceQueues(source.arn)).length === 0) {
      throw new InvalidParameterValueError(
        `SourceArn ${describeValue(request.sourceArn)} is not a dead-letter queue: no queue's RedrivePolicy targets it. Message moves start from a dead-letter queue.`,
        { field: 'SourceArn' },
      );
    }
    let destinationQueueName: string | undefined;
    if (request.destinationArn !== undefined) {
      const destination = await this.#ctx.store.getQueue(
        queueNameFrom(request.destinationArn, 'DestinationArn'),
      );
      if (destination === undefined) {
        throw new ResourceNotFoundError(
          `DestinationArn ${describeValue(request.destinationArn)} does not exist. Create the queue first or omit destinationArn to return messages to their sources.`,
          { field: 'DestinationArn' },
        );
      }
      destinationQueueName = destination.name;
    }
    const rate = request.maxPerSecond;
    if (rate !== undefined && (!Number.isInteger(rate) || rate < 1 || rate > MAX_MOVE_RATE)) {
      throw new InvalidParameterValueError(
        `MaxNumberOfMessagesPerSecond must be an integer from 1 to ${MAX_MOVE_RATE}; got ${describeValue(rate)}`,
        { field: 'MaxNumberOfMessagesPerSecond' },
      );
    }
    const running = (await this.#liveMoveTasks(source.arn)).find(
      (task) => task.status === MoveTaskStatus.RUNNING,
    );
    if (running !== undefined) {
      throw new UnsupportedOperationError(
        `A message move task (${running.taskHandle}) is already running for ${source.name}. Wait for it or cancel it first (cancelMessageMoveTask; from a shell: sealbus dlq cancel ${source.name}).`,
        { field: 'SourceArn' },
      );
    }
    const now = this.#ctx.clock.now();
    const depth = orThrow(await this.#ctx.store.counters(source.name, now));
    const task: MoveTaskRecord = {
      taskHandle: randomUUID(),
      status: MoveTaskStatus.RUNNING,
      sourceArn: source.arn,
      approximateNumberOfMessagesMoved: 0,
      approximateNumberOfMessagesToMove: depth.visible,
      startedTimestamp: now,
    };
    if (request.destinationArn !== undefined) task.destinationArn = request.destinationArn;
    if (rate !== undefined) task.maxNumberOfMessagesPerSecond = rate;
    const claimed = this.#moves.claim(task);
    await this.#ctx.store.saveMoveTask(claimed);
    const moveRequest =
      destinationQueueName === undefined
        ? { sourceQueueName: source.name, limit: moveBatchSize(rate) }
        : { sourceQueueName: source.name, destinationQueueName, limit: moveBatchSize(rate) };
    this.#moves.start(claimed, moveRequest);
    return toMoveTask(claimed);
  }

  /**
   * The tasks of a source, newest first, after marking FAILED each RUNNING task whose runner is
   * gone (its process exited, or it stopped beating): such a task would otherwise block every
   * later move of that source.
   */
  async #liveMoveTasks(sourceArn: string): Promise<MoveTaskRecord[]> {
    const now = this.#ctx.clock.now();
    const tasks = await this.#ctx.store.listMoveTasks(sourceArn);
    return Promise.all(
      tasks.map(async (task) => {
        const reason = staleReason(task, now);
        if (reason === undefined) return task;
        const failed = {
          ...task,
          status: MoveTaskStatus.FAILED,
          failureReason: this.#stoppedReason(task, reason),
        };
        await this.#ctx.store.saveMoveTask(failed);
        this.#ctx.logger.warn(
          { taskHandle: task.taskHandle, sourceArn, reason },
          'message move task had no runner; marked FAILED',
        );
        return failed;
      }),
    );
  }

  #stoppedReason(task: MoveTask, why: string): string {
    const total = task.approximateNumberOfMessagesToMove;
    const of = total === undefined ? '' : ` of ${total}`;
    return `The task stopped after moving ${task.approximateNumberOfMessagesMoved}${of} messages: ${why}. Start a new move task to move the rest.`;
  }

  async listMessageMoveTasks(sourceArn: string, maxResults = 1): Promise<MoveTask[]> {
    this.#ctx.assertOpen();
    if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 10) {
      throw new InvalidParameterValueError(
        `MaxResults must be an integer from 1 to 10; got ${describeValue(maxResults)}`,
        { field: 'MaxResults' },
      );
    }
    const source = await this.#queueRecord(sourceArn);
    return (await this.#liveMoveTasks(source.arn)).slice(0, maxResults).map(toMoveTask);
  }

  async cancelMessageMoveTask(taskHandle: string): Promise<MoveTask> {
    this.#ctx.assertOpen();
    const task = await this.#ctx.store.getMoveTask(taskHandle);
    if (task === undefined) {
      throw new ResourceNotFoundError(
        `Message move task ${describeValue(taskHandle)} does not exist. List tasks with listMessageMoveTasks.`,
        { field: 'TaskHandle' },
      );
    }
    if (task.status !== MoveTaskStatus.RUNNING) {
      throw new UnsupportedOperationError(
        `Message move task ${taskHandle} is ${task.status}; only RUNNING tasks can be cancelled.`,
        { field: 'TaskHandle' },
      );
    }
    this.#moves.stop(taskHandle);
    const cancelled: MoveTaskRecord = { ...task, status: MoveTaskStatus.CANCELLED };
    await this.#ctx.store.saveMoveTask(cancelled);
    return toMoveTask(cancelled);
  }

  setSmsAttributes(attributes: SmsAttributes): Promise<void> {
    return this.#sms.setAttributes(attributes);
  }

  getSmsAttributes(names?: readonly string[]): Promise<SmsAttributes> {
    return this.#sms.getAttributes(names);
  }

  checkIfPhoneNumberIsOptedOut(phoneNumber: string): Promise<boolean> {
    return this.#sms.isOptedOut(phoneNumber);
  }

  listPhoneNumbersOptedOut(nextToken?: string): Promise<OptedOutPage> {
    return this.#sms.listOptedOut(nextToken);
  }

  optInPhoneNumber(phoneNumber: string): Promise<void> {
    return this.#sms.optIn(phoneNumber);
  }

  /**
   * Puts an E.164 number on the opt-out list, as the recipient's STOP reply would on SNS (SNS
   * has no action for it). Local backends only: for tests of opt-out handling.
   * @throws `InvalidParameterError` (`InvalidParameter`) for a number that is not E.164.
   */
  optOutPhoneNumber(phoneNumber: string): Promise<void> {
    return this.#sms.optOut(phoneNumber);
  }

  publishSms(
    phoneNumber: string,
    message: string,
    options?: SmsPublishOptions,
  ): Promise<PublishResult> {
    return this.#sms.publish(phoneNumber, message, options);
  }

  /** Stored messages of a queue, oldest first, without claiming or decrypting them. */
  async peek(nameOrUrlOrArn: string, options: PeekOptions = {}): Promise<PeekedMessage[]> {
    const record = await this.#queueRecord(nameOrUrlOrArn);
    const limit = options.limit ?? 10;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PEEK_LIMIT) {
      throw new InvalidParameterValueError(
        `limit must be an integer from 1 to ${MAX_PEEK_LIMIT}; got ${describeValue(limit)}`,
        { field: 'limit' },
      );
    }
    const request =
      options.afterMessageId === undefined
        ? { limit }
        : { limit, afterMessageId: options.afterMessageId };
    return orThrow(await this.#ctx.store.peek(record.name, request)).map(toPeekedMessage);
  }

  /** Message counters and the envelope engine's KMS statistics. */
  stats(): EngineStats {
    return { counters: this.#ctx.metrics.snapshot(), kms: this.#ctx.sealer.envelope.stats() };
  }

  /** Stops move tasks, long polls and timers, then closes the store. Idempotent. */
  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    this.#onClose();
    await this.#moves.stopAll();
    await this.#ctx.store.close();
  }

  async #queueRecord(nameOrUrlOrArn: string): Promise<QueueRecord> {
    this.#ctx.assertOpen();
    const record = await this.#ctx.store.getQueue(queueNameFrom(nameOrUrlOrArn));
    if (record === undefined) {
      throw new QueueDoesNotExistError(
        `Queue ${describeValue(nameOrUrlOrArn)} does not exist. Create it with createQueue first.`,
        { field: 'QueueUrl' },
      );
    }
    return record;
  }

  async #sourceQueues(deadLetterQueueArn: string): Promise<QueueRecord[]> {
    return (await this.#ctx.store.listQueues()).filter(
      (queue) => queue.attributes.RedrivePolicy?.deadLetterTargetArn === deadLetterQueueArn,
    );
  }

  #queue(record: QueueRecord): EngineQueue {
    return new EngineQueue(this.#ctx, record, queueUrl(record.name, this.#ctx));
  }
}

/** CreateQueue on an existing name succeeds only when the given attributes match, as on SQS. */
function checkSameQueue(existing: QueueRecord, requested: QueueAttributes): void {
  const conflicts = conflictingQueueAttributes(existing.attributes, requested, existing.name);
  if (conflicts.length > 0) {
    throw new QueueNameExistsError(
      `Queue ${existing.name} already exists with different values for ${conflicts.join(', ')}. Use setAttributes to change them, or pick another name.`,
      { field: 'QueueName' },
    );
  }
}
