import {
  ConfirmSubscriptionCommand,
  CreateTopicCommand,
  DeleteTopicCommand,
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  ListTopicsCommand,
  SetSubscriptionAttributesCommand,
} from '@aws-sdk/client-sns';
import {
  CancelMessageMoveTaskCommand,
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListDeadLetterSourceQueuesCommand,
  ListMessageMoveTasksCommand,
  type ListMessageMoveTasksResultEntry,
  ListQueuesCommand,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import {
  type Broker,
  describeValue,
  type MoveTask,
  type MoveTaskRequest,
  MoveTaskStatus,
  NotFoundError,
  type OptedOutPage,
  type PublishResult,
  parseQueueArn,
  parseTopicArn,
  type Queue,
  type QueueAttributes,
  queueNameFrom,
  resolveQueueAttributes,
  resolveTopicAttributes,
  type SmsAttributes,
  type SmsPublishOptions,
  type SubscribeOptions,
  type Subscription,
  type Topic,
  type TopicAttributes,
  topicNameFrom,
  validateQueueName,
  validateTopicName,
} from '@sealbus/core';
import { type AwsContext, assertOpen, queueArnFromUrl } from './AwsContext.js';
import { allPages } from './clients/allPages.js';
import { callAws } from './errors/mapAwsError.js';
import { AwsQueue } from './queues/AwsQueue.js';
import { AwsSms } from './sms/AwsSms.js';
import { AwsTopic } from './topics/AwsTopic.js';
import { subscriptionAttributesToWire, subscriptionFromWire } from './topics/subscriptionWire.js';
import { queueAttributesToWire } from './wire/queueAttributes.js';
import { topicAttributesToWire } from './wire/topicAttributes.js';

const MOVE_TASK_STATUSES = new Set<string>(Object.values(MoveTaskStatus));

/** The sealbus `Broker` over SQS and SNS. Build it with `createAwsBroker`. */
export class AwsBroker implements Broker {
  readonly #ctx: AwsContext;
  /** Source ARNs of move tasks started here, so `cancelMessageMoveTask` can report the task. */
  readonly #moveTaskSources = new Map<string, string>();
  /**
   * Task handles by source ARN and start time. SQS lists `TaskHandle` only while a task runs;
   * remembering it lets finished tasks this broker saw keep their handle, as on local backends.
   */
  readonly #moveTaskHandles = new Map<string, string>();
  readonly #sms: AwsSms;

  /** @internal Use `createAwsBroker(options)`. */
  constructor(ctx: AwsContext) {
    this.#ctx = ctx;
    this.#sms = new AwsSms(ctx);
  }

  /** @internal The shared clients and settings, for the `ensure` helpers and tests. */
  get context(): AwsContext {
    return this.#ctx;
  }

  async createQueue(name: string, attributes: QueueAttributes = {}): Promise<Queue> {
    validateQueueName(name);
    const resolved = resolveQueueAttributes(attributes, { queueName: name });
    const wire = queueAttributesToWire(attributes, resolved);
    const output = await this.#sqs('CreateQueue', () =>
      this.#ctx.sqs.send(
        new CreateQueueCommand({
          QueueName: name,
          Attributes: Object.keys(wire).length === 0 ? undefined : wire,
        }),
      ),
    );
    return this.#queueAt(name, output.QueueUrl ?? '');
  }

  async getQueue(nameOrUrlOrArn: string): Promise<Queue> {
    const name = queueNameFrom(nameOrUrlOrArn);
    const url = await this.#queueUrl(nameOrUrlOrArn);
    return this.#queueAt(name, url);
  }

  async listQueues(prefix?: string): Promise<string[]> {
    return allPages(async (nextToken) => {
      const output = await this.#sqs('ListQueues', () =>
        this.#ctx.sqs.send(
          new ListQueuesCommand({
            QueueNamePrefix: prefix,
            MaxResults: 1000,
            NextToken: nextToken,
          }),
        ),
      );
      return { items: output.QueueUrls ?? [], nextToken: output.NextToken };
    });
  }

  async deleteQueue(nameOrUrlOrArn: string): Promise<void> {
    const url = await this.#queueUrl(nameOrUrlOrArn);
    await this.#sqs('DeleteQueue', () =>
      this.#ctx.sqs.send(new DeleteQueueCommand({ QueueUrl: url })),
    );
    this.#ctx.queueArns.delete(url);
  }

  async listDeadLetterSourceQueues(nameOrUrlOrArn: string): Promise<string[]> {
    const url = await this.#queueUrl(nameOrUrlOrArn);
    return allPages(async (nextToken) => {
      const output = await this.#sqs('ListDeadLetterSourceQueues', () =>
        this.#ctx.sqs.send(
          new ListDeadLetterSourceQueuesCommand({
            QueueUrl: url,
            MaxResults: 1000,
            NextToken: nextToken,
          }),
        ),
      );
      return { items: output.queueUrls ?? [], nextToken: output.NextToken };
    });
  }

  async createTopic(name: string, attributes: TopicAttributes = {}): Promise<Topic> {
    validateTopicName(name);
    const resolved = resolveTopicAttributes(attributes, { topicName: name });
    const wire = topicAttributesToWire(attributes, resolved);
    const output = await this.#sns('CreateTopic', () =>
      this.#ctx.sns.send(
        new CreateTopicCommand({
          Name: name,
          Attributes: Object.keys(wire).length === 0 ? undefined : wire,
        }),
      ),
    );
    return new AwsTopic(this.#ctx, name, output.TopicArn ?? '');
  }

  async getTopic(nameOrArn: string): Promise<Topic> {
    const arn = await this.#topicArn(nameOrArn);
    return new AwsTopic(this.#ctx, parseTopicArn(arn).topicName, arn);
  }

  async listTopics(): Promise<string[]> {
    return allPages(async (nextToken) => {
      const output = await this.#sns('ListTopics', () =>
        this.#ctx.sns.send(new ListTopicsCommand({ NextToken: nextToken })),
      );
      const arns = (output.Topics ?? []).flatMap((topic) =>
        topic.TopicArn === undefined ? [] : [topic.TopicArn],
      );
      return { items: arns, nextToken: output.NextToken };
    });
  }

  async deleteTopic(nameOrArn: string): Promise<void> {
    const arn = await this.#topicArn(nameOrArn);
    await this.#sns('DeleteTopic', () =>
      this.#ctx.sns.send(new DeleteTopicCommand({ TopicArn: arn })),
    );
  }

  async confirmSubscription(topicArnOrName: string, token: string): Promise<Subscription> {
    const topicArn = await this.#topicArn(topicArnOrName);
    const output = await this.#sns('ConfirmSubscription', () =>
      this.#ctx.sns.send(new ConfirmSubscriptionCommand({ TopicArn: topicArn, Token: token })),
    );
    return this.getSubscription(output.SubscriptionArn ?? '');
  }

  async getSubscription(subscriptionArn: string): Promise<Subscription> {
    const output = await this.#sns('GetSubscriptionAttributes', () =>
      this.#ctx.sns.send(
        new GetSubscriptionAttributesCommand({ SubscriptionArn: subscriptionArn }),
      ),
    );
    return subscriptionFromWire(subscriptionArn, output.Attributes ?? {});
  }

  /** SNS sets one attribute per call: the scope goes first so a new policy is checked under it. */
  async setSubscriptionAttributes(
    subscriptionArn: string,
    attributes: Partial<SubscribeOptions>,
  ): Promise<Subscription> {
    const current = await this.getSubscription(subscriptionArn);
    const wire = subscriptionAttributesToWire(attributes, current.attributes.filterPolicyScope);
    for (const name of [
      'FilterPolicyScope',
      'FilterPolicy',
      'RawMessageDelivery',
      'DeliveryPolicy',
      'RedrivePolicy',
    ]) {
      const value = wire[name];
      if (value === undefined) continue;
      await this.#sns('SetSubscriptionAttributes', () =>
        this.#ctx.sns.send(
          new SetSubscriptionAttributesCommand({
            SubscriptionArn: subscriptionArn,
            AttributeName: name,
            AttributeValue: value,
          }),
        ),
      );
    }
    return this.getSubscription(subscriptionArn);
  }

  /**
   * The task as it started, like the local backends report it: `RUNNING` with nothing moved
   * yet, and what SQS lists about it (messages to move, start time). Poll
   * `listMessageMoveTasks` for progress: a small move may finish before this returns.
   */
  async startMessageMove(request: MoveTaskRequest): Promise<MoveTask> {
    const startedTimestamp = this.#ctx.clock.now();
    const output = await this.#sqs('StartMessageMoveTask', () =>
      this.#ctx.sqs.send(
        new StartMessageMoveTaskCommand({
          SourceArn: request.sourceArn,
          DestinationArn: request.destinationArn,
          MaxNumberOfMessagesPerSecond: request.maxPerSecond,
        }),
      ),
    );
    const taskHandle = output.TaskHandle ?? '';
    this.#moveTaskSources.set(taskHandle, request.sourceArn);
    const listed = await this.#findMoveTask(request.sourceArn, taskHandle);
    const task: MoveTask = {
      startedTimestamp,
      ...listed,
      taskHandle,
      status: MoveTaskStatus.RUNNING,
      sourceArn: request.sourceArn,
      approximateNumberOfMessagesMoved: 0,
    };
    delete task.failureReason;
    if (request.destinationArn !== undefined) task.destinationArn = request.destinationArn;
    if (request.maxPerSecond !== undefined)
      task.maxNumberOfMessagesPerSecond = request.maxPerSecond;
    return task;
  }

  async listMessageMoveTasks(sourceArn: string, maxResults = 1): Promise<MoveTask[]> {
    const output = await this.#sqs('ListMessageMoveTasks', () =>
      this.#ctx.sqs.send(
        new ListMessageMoveTasksCommand({ SourceArn: sourceArn, MaxResults: maxResults }),
      ),
    );
    return (output.Results ?? []).map((entry) => {
      const task = toMoveTask(entry, sourceArn);
      if (task.taskHandle !== '') this.#moveTaskHandles.set(moveTaskKey(task), task.taskHandle);
      else task.taskHandle = this.#moveTaskHandles.get(moveTaskKey(task)) ?? '';
      return task;
    });
  }

  async cancelMessageMoveTask(taskHandle: string): Promise<MoveTask> {
    const output = await this.#sqs('CancelMessageMoveTask', () =>
      this.#ctx.sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle: taskHandle })),
    );
    const moved = output.ApproximateNumberOfMessagesMoved ?? 0;
    const sourceArn = this.#moveTaskSources.get(taskHandle) ?? sourceArnOfHandle(taskHandle);
    const listed =
      sourceArn === undefined ? undefined : await this.#findMoveTask(sourceArn, taskHandle);
    return (
      listed ?? {
        taskHandle,
        status: MoveTaskStatus.CANCELLING,
        sourceArn: sourceArn ?? '',
        approximateNumberOfMessagesMoved: moved,
        startedTimestamp: this.#ctx.clock.now(),
      }
    );
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

  publishSms(
    phoneNumber: string,
    message: string,
    options?: SmsPublishOptions,
  ): Promise<PublishResult> {
    return this.#sms.publish(phoneNumber, message, options);
  }

  /** Ends long polls in progress, refuses further calls and destroys the SDK clients; idempotent. */
  async close(): Promise<void> {
    if (this.#ctx.closing.signal.aborted) return;
    this.#ctx.closing.abort();
    this.#ctx.clients.destroy();
  }

  /**
   * The listed task with this handle. SQS returns `TaskHandle` only while a task runs, and runs
   * one task per source queue at a time, so a task without a handle is the newest one listed.
   */
  async #findMoveTask(sourceArn: string, taskHandle: string): Promise<MoveTask | undefined> {
    const tasks = await this.listMessageMoveTasks(sourceArn, 10);
    const task = tasks.find((candidate) => candidate.taskHandle === taskHandle) ?? tasks[0];
    if (task === undefined || (task.taskHandle !== '' && task.taskHandle !== taskHandle))
      return undefined;
    // A short move may finish before it is first listed, and SQS lists no handle once finished:
    // remember the one StartMessageMoveTask returned, so later listings still name the task.
    this.#moveTaskHandles.set(moveTaskKey(task), taskHandle);
    return { ...task, taskHandle };
  }

  async #queueAt(name: string, url: string): Promise<AwsQueue> {
    return new AwsQueue(this.#ctx, name, url, await this.#queueArnOf(url));
  }

  /** The URL of a queue given by name, URL or ARN; an ARN's account is passed as the owner. */
  async #queueUrl(nameOrUrlOrArn: string): Promise<string> {
    const name = queueNameFrom(nameOrUrlOrArn);
    const owner = nameOrUrlOrArn.startsWith('arn:')
      ? parseQueueArn(nameOrUrlOrArn).accountId
      : undefined;
    const output = await this.#sqs('GetQueueUrl', () =>
      this.#ctx.sqs.send(
        new GetQueueUrlCommand({ QueueName: name, QueueOwnerAWSAccountId: owner }),
      ),
    );
    return output.QueueUrl ?? '';
  }

  /** From the URL when it names the account (no call), else from `GetQueueAttributes`. */
  async #queueArnOf(url: string): Promise<string> {
    const known = this.#ctx.queueArns.get(url) ?? queueArnFromUrl(this.#ctx, url);
    if (known !== undefined) {
      this.#ctx.queueArns.set(url, known);
      return known;
    }
    const output = await this.#sqs('GetQueueAttributes', () =>
      this.#ctx.sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
      ),
    );
    const arn = output.Attributes?.QueueArn ?? '';
    this.#ctx.queueArns.set(url, arn);
    return arn;
  }

  /** An ARN is checked with `GetTopicAttributes`; a bare name is looked up in `ListTopics`. */
  async #topicArn(nameOrArn: string): Promise<string> {
    if (nameOrArn.startsWith('arn:')) {
      parseTopicArn(nameOrArn);
      await this.#sns('GetTopicAttributes', () =>
        this.#ctx.sns.send(new GetTopicAttributesCommand({ TopicArn: nameOrArn })),
      );
      return nameOrArn;
    }
    const name = topicNameFrom(nameOrArn);
    const arn = (await this.listTopics()).find((candidate) => candidate.endsWith(`:${name}`));
    if (arn === undefined) {
      throw new NotFoundError(
        `Topic ${describeValue(name)} does not exist in ${this.#ctx.region}. Create it with createTopic or ensureTopic, or pass its ARN`,
        { field: 'TopicArn' },
      );
    }
    return arn;
  }

  #sqs<T>(operation: string, call: () => Promise<T>): Promise<T> {
    assertOpen(this.#ctx);
    return callAws('sqs', operation, call);
  }

  #sns<T>(operation: string, call: () => Promise<T>): Promise<T> {
    assertOpen(this.#ctx);
    return callAws('sns', operation, call);
  }
}

function toMoveTask(entry: ListMessageMoveTasksResultEntry, sourceArn: string): MoveTask {
  const status = (
    entry.Status !== undefined && MOVE_TASK_STATUSES.has(entry.Status)
      ? entry.Status
      : MoveTaskStatus.FAILED
  ) as MoveTaskStatus;
  const task: MoveTask = {
    taskHandle: entry.TaskHandle ?? '',
    status,
    sourceArn: entry.SourceArn ?? sourceArn,
    approximateNumberOfMessagesMoved: entry.ApproximateNumberOfMessagesMoved ?? 0,
    startedTimestamp: entry.StartedTimestamp ?? 0,
  };
  if (entry.DestinationArn !== undefined) task.destinationArn = entry.DestinationArn;
  if (entry.MaxNumberOfMessagesPerSecond !== undefined) {
    task.maxNumberOfMessagesPerSecond = entry.MaxNumberOfMessagesPerSecond;
  }
  if (entry.ApproximateNumberOfMessagesToMove !== undefined) {
    task.approximateNumberOfMessagesToMove = entry.ApproximateNumberOfMessagesToMove;
  }
  if (entry.FailureReason !== undefined) task.failureReason = entry.FailureReason;
  return task;
}

/** SQS task handles are base64 JSON naming the source ARN; other handles yield undefined. */
function sourceArnOfHandle(taskHandle: string): string | undefined {
  try {
    const decoded = JSON.parse(Buffer.from(taskHandle, 'base64').toString('utf8')) as {
      sourceArn?: unknown;
    };
    return typeof decoded.sourceArn === 'string' ? decoded.sourceArn : undefined;
  } catch {
    return undefined;
  }
}

/** Identifies a listed move task across listings, whether or not SQS shows its handle. */
function moveTaskKey(task: Pick<MoveTask, 'sourceArn' | 'startedTimestamp'>): string {
  return `${task.sourceArn} ${task.startedTimestamp}`;
}
