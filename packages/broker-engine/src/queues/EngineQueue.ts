import {
  addPermissionStatement,
  BATCH_OPTION_KEYS,
  type BatchResult,
  bodyText,
  type ChangeVisibilityBatchEntry,
  checkOptionKeys,
  type DeleteBatchEntry,
  isSealbusError,
  type MetricLabels,
  md5OfMessageAttributes,
  md5OfMessageBody,
  type Principal,
  type Queue,
  type QueueAttributes,
  type QueueCounters,
  type QueuePermission,
  queueNameFrom,
  RECEIVE_OPTION_KEYS,
  type ReceivedMessage,
  type ReceiveOptions,
  type ResolvedQueueAttributes,
  removePermissionStatement,
  resolveQueueAttributes,
  SEND_OPTION_KEYS,
  type SendBatchEntry,
  type SendOptions,
  type SendResult,
  validateBatch,
  validateQueueTags,
  validateReceiveOptions,
  validateSendBatch,
  validateSendMessage,
  validateTagKeys,
  validateVisibilityTimeout,
} from '@sealbus/core';
import { failedEntry, runBatch } from '../batch/runBatch.js';
import type { EngineContext } from '../engine/EngineContext.js';
import { queueSealsBodies } from '../sse/BodySealer.js';
import { type QueueSources, queueSources } from '../sse/queueSources.js';
import type { ClaimRequest, NewMessage, QueueRecord, SendOutcome } from '../store/MessageStore.js';
import { isStoreMiss, queueMissing } from '../store/StoreMiss.js';
import { orThrow } from '../store/storeMissError.js';
import { checkRedrivePolicy } from './checkRedrivePolicy.js';
import { type MessageInput, preparedNow, prepareMessage } from './prepareMessage.js';
import { checkWellFormed, staleForVisibility, wasDeleted } from './receiptHandleRules.js';
import { retentionCutoff } from './retentionCutoff.js';
import { sealingSincePatch } from './sealingSince.js';
import { HeldBack, receivedNow, toReceivedMessage } from './toReceivedMessage.js';

/**
 * A long poll re-checks the store at least this often, so messages whose delay or visibility
 * timeout ends during the poll are found even when no send wakes the waiter.
 */
const LONG_POLL_SLICE_MS = 250;

const utf8 = new TextEncoder();

/** A queue of the engine broker. Holds no state: every call reads the store. */
export class EngineQueue implements Queue {
  readonly name: string;
  readonly arn: string;
  readonly url: string;
  readonly #ctx: EngineContext;
  readonly #labels: MetricLabels;

  constructor(ctx: EngineContext, record: QueueRecord, url: string) {
    this.#ctx = ctx;
    this.name = record.name;
    this.arn = record.arn;
    this.url = url;
    this.#labels = { queue: record.name };
  }

  async send(body: string | Uint8Array, options: SendOptions = {}): Promise<SendResult> {
    checkOptionKeys(options, SEND_OPTION_KEYS);
    const record = await this.#record();
    const now = this.#ctx.clock.now();
    validateSendMessage(body, options, record.attributes);
    const input = toMessageInput(body, options, options.principal, record.attributes);
    const message =
      preparedNow(this.#ctx, record, input, now) ??
      (await prepareMessage(this.#ctx, record, input, now));
    const [outcome] = orThrow(await this.#ctx.store.send([{ queueName: this.name, message }], now));
    this.#ctx.metrics.count('sent', 1, this.#labels);
    return sendResult(input, outcome!);
  }

  async sendBatch(
    entries: SendBatchEntry[],
    options: Pick<SendOptions, 'principal'> = {},
  ): Promise<BatchResult<SendResult>> {
    checkOptionKeys(options, BATCH_OPTION_KEYS);
    validateSendBatch(entries);
    const record = await this.#record();
    const now = this.#ctx.clock.now();
    const failed: BatchResult<SendResult>['failed'] = [];
    const pending: Array<{ index: number; input: MessageInput; message: Promise<NewMessage> }> = [];
    const accepted: Array<{ index: number; input: MessageInput; message: NewMessage }> = [];
    entries.forEach((entry, index) => {
      try {
        validateSendMessage(entry.body, entry, record.attributes, `Entries[${index}].`);
        const input = toMessageInput(entry.body, entry, options.principal, record.attributes);
        // Once one entry waits for KMS, the later ones wait behind it: the batch keeps its order.
        const message =
          pending.length === 0 ? preparedNow(this.#ctx, record, input, now) : undefined;
        if (message !== undefined) accepted.push({ index, input, message });
        else pending.push({ index, input, message: prepareMessage(this.#ctx, record, input, now) });
      } catch (error) {
        failed.push(failedEntry(entry.id, error));
      }
    });
    if (pending.length > 0) {
      const sealed = await Promise.allSettled(pending.map(({ message }) => message));
      sealed.forEach((outcome, position) => {
        const { index, input } = pending[position]!;
        if (outcome.status === 'fulfilled') accepted.push({ index, input, message: outcome.value });
        else failed.push(failedEntry(entries[index]!.id, outcome.reason));
      });
    }
    const outcomes = orThrow(
      await this.#ctx.store.send(
        accepted.map(({ message }) => ({ queueName: this.name, message })),
        now,
      ),
    );
    this.#ctx.metrics.count('sent', accepted.length, this.#labels);
    return {
      successful: accepted.map(({ index, input }, position) => ({
        id: entries[index]!.id,
        ...sendResult(input, outcomes[position]!),
      })),
      failed,
    };
  }

  async receive(options: ReceiveOptions = {}): Promise<ReceivedMessage[]> {
    checkOptionKeys(options, RECEIVE_OPTION_KEYS);
    validateReceiveOptions(options);
    let record = await this.#record();
    const waitSeconds = options.waitTimeSeconds ?? record.attributes.ReceiveMessageWaitTimeSeconds;
    const deadline = performance.now() + waitSeconds * 1000;
    const signal =
      options.signal === undefined
        ? this.#ctx.closeSignal
        : AbortSignal.any([options.signal, this.#ctx.closeSignal]);
    for (;;) {
      const messages = await this.#claim(record, options);
      if (messages.length > 0) return messages;
      const remaining = deadline - performance.now();
      if (remaining <= 0 || signal.aborted) return [];
      await this.#ctx.store.waitForMessages(
        this.name,
        Math.min(remaining, LONG_POLL_SLICE_MS),
        signal,
      );
      if (signal.aborted) return [];
      record = await this.#record();
    }
  }

  async delete(receiptHandle: string): Promise<void> {
    this.#ctx.assertOpen();
    checkWellFormed(receiptHandle);
    const outcome = await this.#ctx.store.deleteMessage(
      this.name,
      receiptHandle,
      this.#ctx.clock.now(),
    );
    if (wasDeleted(outcome)) this.#ctx.metrics.count('deleted', 1, this.#labels);
  }

  async deleteBatch(entries: Array<string | DeleteBatchEntry>): Promise<BatchResult<void>> {
    this.#ctx.assertOpen();
    const normalized = entries.map((entry, index) =>
      typeof entry === 'string' ? { id: String(index), receiptHandle: entry } : entry,
    );
    validateBatch(normalized, (entry) => entry.id);
    const now = this.#ctx.clock.now();
    // All entries at once: a store that coalesces concurrent writes (SQLite's group commit)
    // deletes the whole batch in one transaction instead of one per entry.
    let deleted = 0;
    const result = (await runBatch(normalized, async (entry) => {
      checkWellFormed(entry.receiptHandle);
      const outcome = await this.#ctx.store.deleteMessage(this.name, entry.receiptHandle, now);
      if (wasDeleted(outcome)) deleted++;
      return {};
    })) as BatchResult<void>;
    this.#ctx.metrics.count('deleted', deleted, this.#labels);
    return result;
  }

  async changeVisibility(receiptHandle: string, visibilityTimeoutSeconds: number): Promise<void> {
    this.#ctx.assertOpen();
    await this.#changeVisibility(receiptHandle, visibilityTimeoutSeconds, this.#ctx.clock.now());
  }

  async changeVisibilityBatch(entries: ChangeVisibilityBatchEntry[]): Promise<BatchResult<void>> {
    this.#ctx.assertOpen();
    validateBatch(entries, (entry) => entry.id);
    const now = this.#ctx.clock.now();
    return runBatch(entries, async (entry) => {
      await this.#changeVisibility(entry.receiptHandle, entry.visibilityTimeoutSeconds, now);
      return {};
    }) as Promise<BatchResult<void>>;
  }

  async getAttributes(): Promise<QueueAttributes & QueueCounters> {
    const record = await this.#record();
    const now = this.#ctx.clock.now();
    orThrow(
      await this.#ctx.store.expire(this.name, { sentBefore: retentionCutoff(record, now), now }),
    );
    const depth = orThrow(await this.#ctx.store.counters(this.name, now));
    return {
      ...record.attributes,
      QueueArn: record.arn,
      ApproximateNumberOfMessages: depth.visible,
      ApproximateNumberOfMessagesNotVisible: depth.inFlight,
      ApproximateNumberOfMessagesDelayed: depth.delayed,
      CreatedTimestamp: Math.floor(record.createdTimestamp / 1000),
      LastModifiedTimestamp: Math.floor(record.lastModifiedTimestamp / 1000),
    };
  }

  async setAttributes(attributes: Partial<QueueAttributes>): Promise<void> {
    const record = await this.#record();
    const resolved = resolveQueueAttributes(attributes, {
      queueName: this.name,
      existing: record.attributes,
    });
    await checkRedrivePolicy(this.#ctx.store, this.arn, resolved);
    const now = this.#ctx.clock.now();
    orThrow(
      await this.#ctx.store.updateQueue(this.name, {
        attributes: resolved,
        lastModifiedTimestamp: now,
        ...sealingSincePatch(record.attributes, resolved, now),
      }),
    );
  }

  async purge(): Promise<void> {
    await this.#record();
    orThrow(await this.#ctx.store.purge(this.name));
  }

  async tag(tags: Record<string, string>): Promise<void> {
    const record = await this.#record();
    validateQueueTags(tags, record.tags, this.name);
    orThrow(
      await this.#ctx.store.updateQueue(this.name, {
        tags: { ...record.tags, ...tags },
        lastModifiedTimestamp: record.lastModifiedTimestamp,
      }),
    );
  }

  async untag(tagKeys: string[]): Promise<void> {
    validateTagKeys(tagKeys);
    const record = await this.#record();
    const tags = { ...record.tags };
    for (const key of tagKeys) delete tags[key];
    orThrow(
      await this.#ctx.store.updateQueue(this.name, {
        tags,
        lastModifiedTimestamp: record.lastModifiedTimestamp,
      }),
    );
  }

  async listTags(): Promise<Record<string, string>> {
    return { ...(await this.#record()).tags };
  }

  async addPermission(permission: QueuePermission): Promise<void> {
    const record = await this.#record();
    await this.#setPolicy(
      record,
      addPermissionStatement(record.attributes.Policy, permission, record.arn),
    );
  }

  async removePermission(label: string): Promise<void> {
    const record = await this.#record();
    await this.#setPolicy(record, removePermissionStatement(record.attributes.Policy, label));
  }

  /** Writes `Policy` ('' removes it) through the same validation as SetQueueAttributes. */
  async #setPolicy(record: QueueRecord, policy: string): Promise<void> {
    const resolved = resolveQueueAttributes(
      { Policy: policy },
      { queueName: this.name, existing: record.attributes },
    );
    orThrow(
      await this.#ctx.store.updateQueue(this.name, {
        attributes: resolved,
        lastModifiedTimestamp: this.#ctx.clock.now(),
      }),
    );
  }

  async #changeVisibility(
    receiptHandle: string,
    visibilityTimeoutSeconds: number,
    now: number,
  ): Promise<void> {
    checkWellFormed(receiptHandle);
    validateVisibilityTimeout(visibilityTimeoutSeconds);
    const outcome = await this.#ctx.store.changeVisibility(
      this.name,
      receiptHandle,
      now + visibilityTimeoutSeconds * 1000,
      now,
    );
    if (isStoreMiss(outcome) && outcome.miss === 'receiptStale') {
      throw staleForVisibility(receiptHandle);
    }
    orThrow(outcome);
  }

  async #claim(record: QueueRecord, options: ReceiveOptions): Promise<ReceivedMessage[]> {
    const attributes = record.attributes;
    const visibilityTimeoutSeconds =
      options.visibilityTimeoutSeconds ?? attributes.VisibilityTimeout;
    const now = this.#ctx.clock.now();
    const request: ClaimRequest = {
      maxMessages: options.maxMessages ?? 1,
      visibleUntil: now + visibilityTimeoutSeconds * 1000,
      fifo: attributes.FifoQueue,
      expireBefore: retentionCutoff(record, now),
      newReceiptHandle: this.#ctx.newReceiptHandle,
    };
    const redrive = attributes.RedrivePolicy;
    if (redrive !== undefined) {
      request.redrive = {
        deadLetterQueueName: queueNameFrom(redrive.deadLetterTargetArn),
        sourceArn: record.arn,
        maxReceiveCount: redrive.maxReceiveCount,
      };
    }
    const claimed = orThrow(await this.#ctx.store.receive(this.name, request, now));
    if (claimed.deadLettered > 0) {
      this.#ctx.metrics.count('deadLettered', claimed.deadLettered, this.#labels);
      this.#ctx.logger.info(
        {
          queueUrl: this.url,
          deadLetterTargetArn: redrive?.deadLetterTargetArn,
          count: claimed.deadLettered,
        },
        'messages moved to the dead-letter queue',
      );
    }
    if (claimed.messages.length === 0) return [];
    let sources: Promise<QueueSources> | undefined;
    const lookup = () => {
      sources ??= queueSources(this.#ctx.store, record.arn);
      return sources;
    };
    // Most rows are ready at once; only those that need KMS or a lookup are awaited.
    const ready = claimed.messages.map(
      (stored) =>
        receivedNow(this.#ctx, record, stored, options.principal) ??
        toReceivedMessage(this.#ctx, record, stored, options.principal, lookup),
    );
    const outcomes = ready.some((outcome) => outcome instanceof Promise)
      ? await Promise.all(ready)
      : (ready as Array<ReceivedMessage | HeldBack>);
    // Held-back messages are rare: the common path takes no extra await.
    const received = outcomes.some((outcome) => outcome instanceof HeldBack)
      ? await this.#holdBack(outcomes)
      : (outcomes as ReceivedMessage[]);
    this.#ctx.metrics.count('received', received.length, this.#labels);
    let sealed = 0;
    for (const message of received) if (message.state === 'sealed') sealed++;
    this.#ctx.metrics.count('sealedDelivered', sealed, this.#labels);
    return received;
  }

  /**
   * Takes back the receive of every message whose key is unavailable (uncounted, invisible for
   * the visibility timeout, so the rest of the queue flows) and returns the others. With none
   * left to deliver, the receive fails with the KMS error, as SQS's does (`KmsDisabled`, …);
   * otherwise only a warning says that some were held back.
   */
  async #holdBack(outcomes: Array<ReceivedMessage | HeldBack>): Promise<ReceivedMessage[]> {
    const held = outcomes.filter((outcome) => outcome instanceof HeldBack);
    await Promise.all(
      held.map((message) => this.#ctx.store.forgetReceive(this.name, message.receiptHandle)),
    );
    this.#ctx.metrics.count('heldBack', held.length, this.#labels);
    const first = held[0]!;
    const received = outcomes.filter(
      (outcome): outcome is ReceivedMessage => !(outcome instanceof HeldBack),
    );
    if (received.length === 0) throw first.error;
    this.#ctx.logger.warn(
      {
        queueUrl: this.url,
        count: held.length,
        keyArn: first.keyArn,
        code: isSealbusError(first.error) ? first.error.code : 'untyped',
      },
      'messages held back uncounted: their KMS key is unavailable (disabled, pending deletion, throttled or unreachable)',
    );
    return received;
  }

  async #record(): Promise<QueueRecord> {
    this.#ctx.assertOpen();
    return orThrow((await this.#ctx.store.getQueue(this.name)) ?? queueMissing(this.name));
  }
}

function toMessageInput(
  body: string | Uint8Array,
  options: Omit<SendOptions, 'principal'>,
  principal: Principal | undefined,
  queue: ResolvedQueueAttributes,
): MessageInput {
  const text = bodyText(body);
  // Bytes are a copy (Buffer#slice would share memory): the store keeps them and the caller
  // may reuse its buffer. Text for an SSE queue stays text: only its envelope is kept, and
  // sealing encodes it into a scratch copy that is zeroed afterwards.
  const bytes =
    typeof body !== 'string'
      ? new Uint8Array(body)
      : queueSealsBodies(queue)
        ? undefined
        : utf8.encode(text);
  const input: MessageInput = { body: text, md5OfBody: md5OfMessageBody(bytes ?? text) };
  if (bytes !== undefined) input.bodyBytes = bytes;
  if (options.messageAttributes !== undefined) input.messageAttributes = options.messageAttributes;
  if (options.delaySeconds !== undefined) input.delaySeconds = options.delaySeconds;
  if (options.messageGroupId !== undefined) input.messageGroupId = options.messageGroupId;
  if (options.messageDeduplicationId !== undefined) {
    input.messageDeduplicationId = options.messageDeduplicationId;
  }
  if (options.awsTraceHeader !== undefined) input.awsTraceHeader = options.awsTraceHeader;
  if (principal !== undefined) {
    input.principal = principal;
    input.senderId = principal;
  }
  return input;
}

function sendResult(input: MessageInput, outcome: SendOutcome): SendResult {
  const result: SendResult = {
    messageId: outcome.messageId,
    md5OfMessageBody: input.md5OfBody ?? md5OfMessageBody(input.bodyBytes ?? input.body),
  };
  const md5OfAttributes = md5OfMessageAttributes(input.messageAttributes);
  if (md5OfAttributes !== undefined) result.md5OfMessageAttributes = md5OfAttributes;
  if (outcome.sequenceNumber !== undefined) result.sequenceNumber = outcome.sequenceNumber;
  return result;
}
