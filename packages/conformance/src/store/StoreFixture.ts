import {
  type ClaimRequest,
  type ClaimResult,
  isStoreMiss,
  type MessageStore,
  type NewMessage,
  type QueueRecord,
  type StoredMessage,
  type StoreMiss,
  type TopicRecord,
} from '@sealbus/broker-engine';
import { resolveQueueAttributes, resolveTopicAttributes } from '@sealbus/core';

/** Epoch ms every case starts from; stores take time only from their caller. */
export const T0 = Date.UTC(2030, 0, 1);

const utf8 = new TextEncoder();

/**
 * Builders of well-formed requests for one case, as the engine would send them, plus
 * assertions-free readers that fail loudly on an unexpected miss.
 */
export class StoreFixture {
  readonly store: MessageStore;
  #ids = 0;
  #handles = 0;

  constructor(store: MessageStore) {
    this.store = store;
  }

  queueRecord(name: string, fifo = false): QueueRecord {
    return {
      name,
      arn: `arn:aws:sqs:us-east-1:000000000000:${name}`,
      attributes: resolveQueueAttributes(fifo ? { FifoQueue: true } : {}, { queueName: name }),
      tags: {},
      createdTimestamp: T0,
      lastModifiedTimestamp: T0,
    };
  }

  topicRecord(name: string): TopicRecord {
    return {
      name,
      arn: `arn:aws:sns:us-east-1:000000000000:${name}`,
      attributes: resolveTopicAttributes({}, { topicName: name }),
      tags: {},
      createdTimestamp: T0,
    };
  }

  async queue(name: string, fifo = false): Promise<QueueRecord> {
    const created = ok(await this.store.createQueue(this.queueRecord(name, fifo)));
    return created.record;
  }

  message(body: string, extra: Partial<NewMessage> = {}): NewMessage {
    return {
      messageId: `m-${++this.#ids}`,
      body: utf8.encode(body),
      messageAttributes: {},
      visibleAt: T0,
      ...extra,
    };
  }

  /** A FIFO message of `group`, deduplicated queue-wide on its body for 5 minutes from `T0`. */
  fifoMessage(body: string, group: string, extra: Partial<NewMessage> = {}): NewMessage {
    return this.message(body, {
      messageGroupId: group,
      messageDeduplicationId: body,
      fifo: true,
      deduplication: { scope: '', id: body, expiresAt: T0 + 300_000 },
      ...extra,
    });
  }

  claim(maxMessages: number, now = T0, extra: Partial<ClaimRequest> = {}): ClaimRequest {
    return {
      maxMessages,
      visibleUntil: now + 30_000,
      fifo: false,
      expireBefore: 0,
      newReceiptHandle: () => `h-${++this.#handles}`,
      ...extra,
    };
  }

  async send(queueName: string, ...messages: NewMessage[]): Promise<void> {
    ok(
      await this.store.send(
        messages.map((message) => ({ queueName, message })),
        T0,
      ),
    );
  }

  async receive(
    queueName: string,
    maxMessages: number,
    now = T0,
    extra: Partial<ClaimRequest> = {},
  ): Promise<ClaimResult> {
    return ok(await this.store.receive(queueName, this.claim(maxMessages, now, extra), now));
  }

  async bodies(
    queueName: string,
    maxMessages: number,
    now = T0,
    extra: Partial<ClaimRequest> = {},
  ) {
    return (await this.receive(queueName, maxMessages, now, extra)).messages.map(text);
  }

  async peek(queueName: string): Promise<StoredMessage[]> {
    return ok(await this.store.peek(queueName, { limit: 100 }));
  }
}

export function text(message: StoredMessage): string {
  return new TextDecoder().decode(message.body);
}

/** The result, or a thrown error naming the unexpected miss. */
export function ok<T>(result: T | StoreMiss): T {
  if (isStoreMiss(result)) throw new Error(`unexpected store miss ${JSON.stringify(result)}`);
  return result;
}
