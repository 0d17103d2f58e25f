import type { PublishOptions } from '@sealbus/core';
import { queueNameFrom } from '@sealbus/core';
import type { EngineContext } from '../../engine/EngineContext.js';
import { newMessageId } from '../../engine/ids.js';
import { prepareMessage } from '../../queues/prepareMessage.js';
import type { SubscriptionRecord, TopicRecord } from '../../store/MessageStore.js';
import { isStoreMiss } from '../../store/StoreMiss.js';
import { effectiveRetryPolicy } from '../deliveryPolicy.js';
import type { HttpPush, PushFailure } from './HttpPush.js';
import {
  confirmationMessage,
  notificationMessage,
  type PushContext,
  pushHeaders,
} from './pushMessages.js';

export interface PublishedMessage {
  messageId: string;
  body: string;
  options: PublishOptions;
  now: number;
}

/** Hands a topic's http/https messages to the broker's `HttpPush`, dead-lettering failures. */
export class PushDeliveries {
  readonly #ctx: EngineContext;
  readonly #push: HttpPush;

  constructor(ctx: EngineContext, push: HttpPush) {
    this.#ctx = ctx;
    this.#push = push;
  }

  /** Posts the `SubscriptionConfirmation` of a new subscription. */
  confirm(topic: TopicRecord, subscription: SubscriptionRecord, token: string, now: number): void {
    const messageId = newMessageId();
    this.#push.enqueue({
      url: subscription.endpoint,
      body: confirmationMessage(this.#context(topic), messageId, token, now),
      headers: pushHeaders('SubscriptionConfirmation', messageId, topic.arn, undefined),
      retryPolicy: effectiveRetryPolicy(subscription.attributes.deliveryPolicy),
      onUndeliverable: async (failure) => {
        this.#ctx.logger.warn(
          { subscriptionArn: subscription.arn, code: failure.code, attempts: failure.attempts },
          'sns subscription confirmation undeliverable',
        );
      },
    });
  }

  /** Posts one published message to a confirmed subscription (raw or as a signed notification). */
  notify(topic: TopicRecord, subscription: SubscriptionRecord, message: PublishedMessage): void {
    const { attributes } = subscription;
    const raw = attributes.rawMessageDelivery;
    const body = raw
      ? message.body
      : notificationMessage(this.#context(topic), {
          messageId: message.messageId,
          subscriptionArn: subscription.arn,
          message: message.body,
          subject: message.options.subject,
          timestamp: message.now,
          messageAttributes: message.options.messageAttributes,
        });
    const contentType = attributes.deliveryPolicy?.requestPolicy?.headerContentType;
    this.#push.enqueue({
      url: subscription.endpoint,
      body,
      headers: pushHeaders('Notification', message.messageId, topic.arn, subscription.arn, {
        raw,
        ...(contentType === undefined ? {} : { contentType }),
      }),
      retryPolicy: effectiveRetryPolicy(attributes.deliveryPolicy),
      onUndeliverable: (failure) => this.#deadLetter(subscription, body, message, failure),
    });
  }

  /**
   * An undeliverable message goes to the subscription's dead-letter queue, sealed with that
   * queue's own key like every other enqueue; without one it is dropped, as on SNS.
   */
  async #deadLetter(
    subscription: SubscriptionRecord,
    body: string,
    message: PublishedMessage,
    failure: PushFailure,
  ): Promise<void> {
    const target = subscription.attributes.redrivePolicy?.deadLetterTargetArn;
    const fields = {
      subscriptionArn: subscription.arn,
      code: failure.code,
      attempts: failure.attempts,
    };
    if (target === undefined) {
      this.#ctx.logger.warn(fields, 'sns delivery undeliverable; no dead-letter queue, dropped');
      return;
    }
    const queue = await this.#ctx.store.getQueue(queueNameFrom(target));
    if (queue === undefined) {
      this.#ctx.logger.warn(fields, 'sns dead-letter queue does not exist; message dropped');
      return;
    }
    const now = this.#ctx.clock.now();
    const prepared = await prepareMessage(
      this.#ctx,
      queue,
      {
        body,
        // The attributes SNS sets on messages it dead-letters.
        messageAttributes: {
          RequestID: { dataType: 'String', stringValue: message.messageId },
          ErrorCode: { dataType: 'String', stringValue: failure.code },
          ErrorMessage: { dataType: 'String', stringValue: failure.message },
        },
        ...(queue.attributes.FifoQueue
          ? {
              messageGroupId: message.options.messageGroupId ?? subscription.arn,
              messageDeduplicationId: message.messageId,
            }
          : {}),
      },
      now,
    );
    const sent = await this.#ctx.store.send([{ queueName: queue.name, message: prepared }], now);
    if (isStoreMiss(sent)) {
      this.#ctx.logger.warn(fields, 'sns dead-letter queue went away; message dropped');
      return;
    }
    this.#ctx.logger.info(fields, 'sns delivery dead-lettered');
  }

  #context(topic: TopicRecord): PushContext {
    const options = this.#push.options;
    return {
      signer: options.signer,
      serviceUrl: options.serviceUrl(),
      signatureVersion: topic.attributes.SignatureVersion ?? '1',
      topicArn: topic.arn,
    };
  }
}
