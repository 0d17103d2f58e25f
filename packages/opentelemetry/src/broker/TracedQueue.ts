import type {
  BatchResult,
  ChangeVisibilityBatchEntry,
  DeleteBatchEntry,
  Queue,
  QueueAttributes,
  QueueCounters,
  QueuePermission,
  ReceivedMessage,
  ReceiveOptions,
  SendBatchEntry,
  SendOptions,
  SendResult,
} from '@sealbus/core';
import { ATTR_AWS_SQS_QUEUE_URL, MESSAGING_SYSTEM, OperationType } from '../semconv.js';
import { type SpanTemplate, spanTemplate } from '../tracing/SpanTemplate.js';
import { traceReceive, traceSettle } from './consume.js';
import { PassThroughAdministration } from './PassThroughAdministration.js';
import { type CarrierRules, produceBatch, produceOne } from './produce.js';
import type { TracingRuntime } from './TracingRuntime.js';

const inners = new WeakMap<Queue, Queue>();

/** The queue a traced queue wraps (topics subscribe that one), or the queue itself. */
export function unwrapQueue(queue: Queue): Queue {
  return inners.get(queue) ?? queue;
}

/**
 * A `Queue` whose message operations record spans: `send`/`sendBatch` (producer), `receive`,
 * and the settlements `delete`, `deleteBatch`, `changeVisibility`, `changeVisibilityBatch`.
 * Administration calls pass straight through.
 */
export class TracedQueue
  extends PassThroughAdministration<
    QueueAttributes & QueueCounters,
    QueueAttributes,
    QueuePermission
  >
  implements Queue
{
  readonly #inner: Queue;
  readonly #runtime: TracingRuntime;
  readonly #rules: CarrierRules;
  readonly #send: SpanTemplate;
  readonly #create: SpanTemplate;
  readonly #receive: SpanTemplate;
  readonly #delete: SpanTemplate;
  readonly #changeVisibility: SpanTemplate;

  constructor(inner: Queue, runtime: TracingRuntime) {
    super(inner);
    this.#inner = inner;
    this.#runtime = runtime;
    this.#rules = {
      maxMessageAttributes: runtime.options.maxMessageAttributes,
      awsTraceHeader: runtime.options.awsTraceHeader,
    };
    const template = (operation: string, type: OperationType) =>
      spanTemplate(MESSAGING_SYSTEM.queue, inner.name, operation, type, {
        [ATTR_AWS_SQS_QUEUE_URL]: inner.url,
      });
    this.#send = template('send', OperationType.send);
    this.#create = template('create', OperationType.create);
    this.#receive = template('receive', OperationType.receive);
    this.#delete = template('delete', OperationType.settle);
    this.#changeVisibility = template('change_visibility', OperationType.settle);
    inners.set(this, inner);
  }

  get name(): string {
    return this.#inner.name;
  }

  get arn(): string {
    return this.#inner.arn;
  }

  get url(): string {
    return this.#inner.url;
  }

  send(body: string | Uint8Array, options: SendOptions = {}): Promise<SendResult> {
    return produceOne(this.#runtime.tracer, this.#send, options, this.#rules, (traced) =>
      this.#inner.send(body, traced),
    );
  }

  sendBatch(
    entries: SendBatchEntry[],
    options?: Pick<SendOptions, 'principal'>,
  ): Promise<BatchResult<SendResult>> {
    // Bad input is the inner queue's to refuse, with its own error.
    if (!Array.isArray(entries)) return this.#inner.sendBatch(entries, options);
    return produceBatch(
      this.#runtime.tracer,
      { call: this.#send, create: this.#create },
      entries,
      this.#rules,
      (traced) => this.#inner.sendBatch(traced, options),
    );
  }

  receive(options?: ReceiveOptions): Promise<ReceivedMessage[]> {
    return traceReceive(
      this.#runtime.tracer,
      this.#receive,
      this.#runtime.options.recordEmptyReceives,
      () => this.#inner.receive(options),
    );
  }

  delete(receiptHandle: string): Promise<void> {
    return traceSettle(this.#runtime.tracer, this.#delete, undefined, () =>
      this.#inner.delete(receiptHandle),
    );
  }

  deleteBatch(entries: Array<string | DeleteBatchEntry>): Promise<BatchResult<void>> {
    return traceSettle(this.#runtime.tracer, this.#delete, batchSize(entries), () =>
      this.#inner.deleteBatch(entries),
    );
  }

  changeVisibility(receiptHandle: string, visibilityTimeoutSeconds: number): Promise<void> {
    return traceSettle(this.#runtime.tracer, this.#changeVisibility, undefined, () =>
      this.#inner.changeVisibility(receiptHandle, visibilityTimeoutSeconds),
    );
  }

  changeVisibilityBatch(entries: ChangeVisibilityBatchEntry[]): Promise<BatchResult<void>> {
    return traceSettle(this.#runtime.tracer, this.#changeVisibility, batchSize(entries), () =>
      this.#inner.changeVisibilityBatch(entries),
    );
  }

  purge(): Promise<void> {
    return this.#inner.purge();
  }
}

function batchSize(entries: unknown): number | undefined {
  return Array.isArray(entries) ? entries.length : undefined;
}
