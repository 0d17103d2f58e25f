import type {
  Broker,
  MoveTask,
  MoveTaskRequest,
  OptedOutPage,
  PublishResult,
  Queue,
  QueueAttributes,
  SmsAttributes,
  SmsPublishOptions,
  SubscribeOptions,
  Subscription,
  Topic,
  TopicAttributes,
} from '@sealbus/core';
import { TracedQueue } from './TracedQueue.js';
import { TracedTopic } from './TracedTopic.js';
import type { TracingRuntime } from './TracingRuntime.js';

/** A `Broker` whose queues and topics are traced; every other call passes straight through. */
export class TracedBroker implements Broker {
  readonly #inner: Broker;
  readonly #runtime: TracingRuntime;

  constructor(inner: Broker, runtime: TracingRuntime) {
    this.#inner = inner;
    this.#runtime = runtime;
  }

  async createQueue(name: string, attributes?: QueueAttributes): Promise<Queue> {
    return new TracedQueue(await this.#inner.createQueue(name, attributes), this.#runtime);
  }

  async getQueue(nameOrUrlOrArn: string): Promise<Queue> {
    return new TracedQueue(await this.#inner.getQueue(nameOrUrlOrArn), this.#runtime);
  }

  listQueues(prefix?: string): Promise<string[]> {
    return this.#inner.listQueues(prefix);
  }

  deleteQueue(nameOrUrlOrArn: string): Promise<void> {
    return this.#inner.deleteQueue(nameOrUrlOrArn);
  }

  listDeadLetterSourceQueues(nameOrUrlOrArn: string): Promise<string[]> {
    return this.#inner.listDeadLetterSourceQueues(nameOrUrlOrArn);
  }

  async createTopic(name: string, attributes?: TopicAttributes): Promise<Topic> {
    return new TracedTopic(await this.#inner.createTopic(name, attributes), this.#runtime);
  }

  async getTopic(nameOrArn: string): Promise<Topic> {
    return new TracedTopic(await this.#inner.getTopic(nameOrArn), this.#runtime);
  }

  listTopics(): Promise<string[]> {
    return this.#inner.listTopics();
  }

  deleteTopic(nameOrArn: string): Promise<void> {
    return this.#inner.deleteTopic(nameOrArn);
  }

  confirmSubscription(topicArn: string, token: string): Promise<Subscription> {
    return this.#inner.confirmSubscription(topicArn, token);
  }

  getSubscription(subscriptionArn: string): Promise<Subscription> {
    return this.#inner.getSubscription(subscriptionArn);
  }

  setSubscriptionAttributes(
    subscriptionArn: string,
    attributes: Partial<SubscribeOptions>,
  ): Promise<Subscription> {
    return this.#inner.setSubscriptionAttributes(subscriptionArn, attributes);
  }

  startMessageMove(request: MoveTaskRequest): Promise<MoveTask> {
    return this.#inner.startMessageMove(request);
  }

  listMessageMoveTasks(sourceArn: string, maxResults?: number): Promise<MoveTask[]> {
    return this.#inner.listMessageMoveTasks(sourceArn, maxResults);
  }

  cancelMessageMoveTask(taskHandle: string): Promise<MoveTask> {
    return this.#inner.cancelMessageMoveTask(taskHandle);
  }

  setSmsAttributes(attributes: SmsAttributes): Promise<void> {
    return this.#inner.setSmsAttributes(attributes);
  }

  getSmsAttributes(names?: readonly string[]): Promise<SmsAttributes> {
    return this.#inner.getSmsAttributes(names);
  }

  checkIfPhoneNumberIsOptedOut(phoneNumber: string): Promise<boolean> {
    return this.#inner.checkIfPhoneNumberIsOptedOut(phoneNumber);
  }

  listPhoneNumbersOptedOut(nextToken?: string): Promise<OptedOutPage> {
    return this.#inner.listPhoneNumbersOptedOut(nextToken);
  }

  optInPhoneNumber(phoneNumber: string): Promise<void> {
    return this.#inner.optInPhoneNumber(phoneNumber);
  }

  publishSms(
    phoneNumber: string,
    message: string,
    options?: SmsPublishOptions,
  ): Promise<PublishResult> {
    return this.#inner.publishSms(phoneNumber, message, options);
  }

  close(): Promise<void> {
    return this.#inner.close();
  }
}
