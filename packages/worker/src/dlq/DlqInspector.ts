import type { Broker, MessageAttributes, Queue, SealedReason } from '@sealbus/core';
import { toInboundMessage } from '../consumer/QueueConsumer.js';
import { releaseMessages } from '../consumer/releaseMessages.js';
import { checkInteger } from '../options/checks.js';

/** What an operator sees of a dead-lettered message: never its body. */
export interface DeadLetterSummary {
  messageId: string;
  /** The queue the redrive moved it from. */
  sourceArn?: string;
  sentTimestamp: number;
  receiveCount: number;
  messageAttributes: MessageAttributes;
  /** Set when the inspecting principal cannot decrypt it (still sealed at rest). */
  sealed?: { keyArn: string; reason: SealedReason };
}

export interface InspectOptions {
  /** 1–1,000. @defaultValue 100 */
  maxMessages?: number;
  /** Identity for KMS; without kms:Decrypt messages show as sealed. */
  principal?: string;
  /** How long inspected messages stay hidden before release. 1–43,200. @defaultValue 30 */
  visibilityTimeoutSeconds?: number;
}

/**
 * Lists a dead-letter queue's messages without consuming them: it receives up to `maxMessages`
 * (hiding them so each is listed once), summarises them without bodies, and gives every one
 * back (visibility 0). Receiving raises their receive counts, as it does on SQS.
 */
export class DlqInspector {
  readonly #broker: Broker;
  readonly #queueName: string;

  constructor(broker: Broker, deadLetterQueue: string) {
    this.#broker = broker;
    this.#queueName = deadLetterQueue;
  }

  queue(): Promise<Queue> {
    return this.#broker.getQueue(this.#queueName);
  }

  /** Approximate counts of the dead-letter queue. */
  async depth(): Promise<{ visible: number; inFlight: number }> {
    const attributes = await (await this.queue()).getAttributes();
    return {
      visible: attributes.ApproximateNumberOfMessages,
      inFlight: attributes.ApproximateNumberOfMessagesNotVisible,
    };
  }

  async inspect(options: InspectOptions = {}): Promise<DeadLetterSummary[]> {
    const maxMessages = checkInteger('maxMessages', options.maxMessages ?? 100, 1, 1_000);
    const visibility = checkInteger(
      'visibilityTimeoutSeconds',
      options.visibilityTimeoutSeconds ?? 30,
      1,
      43_200,
    );
    const queue = await this.queue();
    const handles: string[] = [];
    const summaries: DeadLetterSummary[] = [];
    const failures: unknown[] = [];
    try {
      await this.#collect(queue, options.principal, visibility, maxMessages, handles, summaries);
    } catch (error) {
      failures.push(error);
    }
    // Give back whatever was received, also after a failed receive.
    await releaseMessages(queue, handles, (error) => failures.push(error));
    if (failures.length > 0) throw failures[0];
    return summaries;
  }

  async #collect(
    queue: Queue,
    principal: string | undefined,
    visibilityTimeoutSeconds: number,
    maxMessages: number,
    handles: string[],
    summaries: DeadLetterSummary[],
  ): Promise<void> {
    while (summaries.length < maxMessages) {
      const batch = await queue.receive({
        maxMessages: Math.min(10, maxMessages - summaries.length),
        waitTimeSeconds: 0,
        visibilityTimeoutSeconds,
        ...(principal === undefined ? {} : { principal }),
      });
      if (batch.length === 0) return;
      for (const received of batch) {
        const message = toInboundMessage(queue, received);
        handles.push(message.receiptHandle);
        summaries.push({
          messageId: message.messageId,
          ...(message.attributes.DeadLetterQueueSourceArn === undefined
            ? {}
            : { sourceArn: message.attributes.DeadLetterQueueSourceArn }),
          sentTimestamp: message.attributes.SentTimestamp,
          receiveCount: message.receiveCount,
          messageAttributes: message.messageAttributes,
          ...(message.state === 'open'
            ? {}
            : { sealed: { keyArn: message.keyArn, reason: message.reason } }),
        });
      }
    }
  }
}
