import type {
  BatchResult,
  PublishBatchEntry,
  PublishOptions,
  PublishResult,
  Queue,
  SubscribeOptions,
  Subscription,
  SubscriptionTarget,
  Topic,
  TopicAttributes,
  TopicCounters,
  TopicPermission,
} from '@sealbus/core';
import { ATTR_AWS_SNS_TOPIC_ARN, MESSAGING_SYSTEM, OperationType } from '../semconv.js';
import { type SpanTemplate, spanTemplate } from '../tracing/SpanTemplate.js';
import { PassThroughAdministration } from './PassThroughAdministration.js';
import { type CarrierRules, produceBatch, produceOne } from './produce.js';
import { unwrapQueue } from './TracedQueue.js';
import type { TracingRuntime } from './TracingRuntime.js';

/**
 * A `Topic` whose `publish`/`publishBatch` record producer spans and put the creation context
 * into the published message attributes, which SNS hands on to every subscribed queue: as
 * message attributes with raw delivery, inside the JSON envelope's `MessageAttributes` without.
 */
export class TracedTopic
  extends PassThroughAdministration<
    TopicAttributes & TopicCounters & { EffectiveDeliveryPolicy: string },
    TopicAttributes,
    TopicPermission
  >
  implements Topic
{
  readonly #inner: Topic;
  readonly #runtime: TracingRuntime;
  readonly #rules: CarrierRules;
  readonly #publish: SpanTemplate;
  readonly #create: SpanTemplate;

  constructor(inner: Topic, runtime: TracingRuntime) {
    super(inner);
    this.#inner = inner;
    this.#runtime = runtime;
    // SNS publish has no AWSTraceHeader field: only the attributes carry the context.
    this.#rules = {
      maxMessageAttributes: runtime.options.maxMessageAttributes,
      awsTraceHeader: false,
    };
    const template = (operation: string, type: OperationType) =>
      spanTemplate(MESSAGING_SYSTEM.topic, inner.name, operation, type, {
        [ATTR_AWS_SNS_TOPIC_ARN]: inner.arn,
      });
    this.#publish = template('publish', OperationType.send);
    this.#create = template('create', OperationType.create);
  }

  get name(): string {
    return this.#inner.name;
  }

  get arn(): string {
    return this.#inner.arn;
  }

  publish(body: string, options: PublishOptions = {}): Promise<PublishResult> {
    return produceOne(this.#runtime.tracer, this.#publish, options, this.#rules, (traced) =>
      this.#inner.publish(body, traced),
    );
  }

  publishBatch(
    entries: PublishBatchEntry[],
    options?: Pick<PublishOptions, 'principal'>,
  ): Promise<BatchResult<PublishResult>> {
    if (!Array.isArray(entries)) return this.#inner.publishBatch(entries, options);
    return produceBatch(
      this.#runtime.tracer,
      { call: this.#publish, create: this.#create },
      entries,
      this.#rules,
      (traced) => this.#inner.publishBatch(traced, options),
    );
  }

  subscribe(target: Queue | SubscriptionTarget, options?: SubscribeOptions): Promise<Subscription> {
    return this.#inner.subscribe('protocol' in target ? target : unwrapQueue(target), options);
  }

  unsubscribe(subscriptionArn: string): Promise<void> {
    return this.#inner.unsubscribe(subscriptionArn);
  }

  listSubscriptions(): Promise<Subscription[]> {
    return this.#inner.listSubscriptions();
  }
}
