import {
  AddPermissionCommand,
  ChangeMessageVisibilityBatchCommand,
  ChangeMessageVisibilityCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ListQueueTagsCommand,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  type ReceiveMessageCommandOutput,
  RemovePermissionCommand,
  SendMessageBatchCommand,
  type SendMessageBatchRequestEntry,
  SendMessageCommand,
  SetQueueAttributesCommand,
  TagQueueCommand,
  UntagQueueCommand,
} from '@aws-sdk/client-sqs';
import {
  addPermissionStatement,
  BATCH_OPTION_KEYS,
  type BatchResult,
  type ChangeVisibilityBatchEntry,
  checkOptionKeys,
  type DeleteBatchEntry,
  isFifoName,
  type Principal,
  type Queue,
  type QueueAttributes,
  type QueueCounters,
  type QueuePermission,
  RECEIVE_OPTION_KEYS,
  type ReceivedMessage,
  type ReceiveOptions,
  resolveQueueAttributes,
  SEND_BATCH_ENTRY_KEYS,
  SEND_OPTION_KEYS,
  type SendBatchEntry,
  type SendOptions,
  type SendResult,
  validateBatch,
  validatePermissionLabel,
  validateQueueTags,
  validateReceiveOptions,
  validateTagKeys,
} from '@sealbus/core';
import { type AwsContext, assertOpen, messageDigests } from '../AwsContext.js';
import { failedBeforeSending, toFailedEntries } from '../batch/failedEntries.js';
import { splitBatch } from '../batch/splitBatch.js';
import { callAws, mapAwsError } from '../errors/mapAwsError.js';
import { bodyText } from '../wire/bodyText.js';
import { toSqsMessageAttributes } from '../wire/messageAttributes.js';
import {
  queueAttributesFromWire,
  queueAttributesToWire,
  withoutQueueCounters,
} from '../wire/queueAttributes.js';
import { RECEIVED_SYSTEM_ATTRIBUTE_NAMES } from '../wire/systemAttributes.js';
import { toReceivedMessage } from './toReceivedMessage.js';

/** The wire fields of one message to send, shared by `send` and `sendBatch`. */
interface OutgoingMessage {
  wire: Omit<SendMessageBatchRequestEntry, 'Id'>;
  digests: ReturnType<typeof messageDigests>;
}

/** An SQS queue behind the sealbus `Queue` contract. */
export class AwsQueue implements Queue {
  readonly name: string;
  readonly url: string;
  readonly arn: string;
  readonly #ctx: AwsContext;

  constructor(ctx: AwsContext, name: string, url: string, arn: string) {
    this.#ctx = ctx;
    this.name = name;
    this.url = url;
    this.arn = arn;
  }

  async send(body: string | Uint8Array, options: SendOptions = {}): Promise<SendResult> {
    assertOpen(this.#ctx);
    checkOptionKeys(options, SEND_OPTION_KEYS);
    const outgoing = await this.#outgoing(body, options, 'MessageBody', options.principal);
    const output = await this.#sqs('SendMessage', () =>
      this.#ctx.clients
        .sqs(options.principal)
        .send(new SendMessageCommand({ QueueUrl: this.url, ...outgoing.wire })),
    );
    return {
      messageId: output.MessageId ?? '',
      ...outgoing.digests,
      ...(output.SequenceNumber === undefined ? {} : { sequenceNumber: output.SequenceNumber }),
    };
  }

  /** 1–10 entries with distinct ids, as the contract says (checked before any call). */
  async sendBatch(
    entries: SendBatchEntry[],
    options: Pick<SendOptions, 'principal'> = {},
  ): Promise<BatchResult<SendResult>> {
    assertOpen(this.#ctx);
    checkOptionKeys(options, BATCH_OPTION_KEYS);
    validateBatch(entries, (entry) => entry.id, 'Entries', SEND_BATCH_ENTRY_KEYS);
    const result: BatchResult<SendResult> = { successful: [], failed: [] };
    const prepared = await Promise.allSettled(
      entries.map((entry, index) =>
        this.#outgoing(entry.body, entry, `Entries[${index}].MessageBody`, options.principal),
      ),
    );
    const wireEntries: SendMessageBatchRequestEntry[] = [];
    const digests = new Map<string, OutgoingMessage['digests']>();
    prepared.forEach((outcome, index) => {
      const id = entries[index]!.id;
      if (outcome.status === 'rejected') {
        result.failed.push(failedBeforeSending(id, outcome.reason));
        return;
      }
      wireEntries.push({ Id: id, ...outcome.value.wire });
      digests.set(id, outcome.value.digests);
    });
    if (wireEntries.length === 0) return result;
    const output = await this.#sqs('SendMessageBatch', () =>
      this.#ctx.clients
        .sqs(options.principal)
        .send(new SendMessageBatchCommand({ QueueUrl: this.url, Entries: wireEntries })),
    );
    for (const entry of output.Successful ?? []) {
      const id = entry.Id ?? '';
      result.successful.push({
        id,
        messageId: entry.MessageId ?? '',
        ...digests.get(id)!,
        ...(entry.SequenceNumber === undefined ? {} : { sequenceNumber: entry.SequenceNumber }),
      });
    }
    result.failed.push(...toFailedEntries(output.Failed, 'sqs'));
    return result;
  }

  async receive(options: ReceiveOptions = {}): Promise<ReceivedMessage[]> {
    assertOpen(this.#ctx);
    checkOptionKeys(options, RECEIVE_OPTION_KEYS);
    validateReceiveOptions(options);
    const closing = this.#ctx.closing.signal;
    const signal =
      options.signal === undefined ? closing : AbortSignal.any([options.signal, closing]);
    let output: ReceiveMessageCommandOutput;
    try {
      output = await this.#ctx.clients.sqs(options.principal).send(
        new ReceiveMessageCommand({
          QueueUrl: this.url,
          MaxNumberOfMessages: options.maxMessages ?? 1,
          WaitTimeSeconds: options.waitTimeSeconds,
          VisibilityTimeout: options.visibilityTimeoutSeconds,
          MessageSystemAttributeNames: [...RECEIVED_SYSTEM_ATTRIBUTE_NAMES],
          MessageAttributeNames: ['All'],
        }),
        { abortSignal: signal },
      );
    } catch (error) {
      // An aborted long poll (caller's signal or close()) ends with what it received: nothing.
      if (signal.aborted) return [];
      throw mapAwsError(error, 'sqs', 'ReceiveMessage');
    }
    return Promise.all(
      (output.Messages ?? []).map((message) =>
        toReceivedMessage(this.#ctx, this.arn, message, options.principal),
      ),
    );
  }

  async delete(receiptHandle: string): Promise<void> {
    await this.#sqs('DeleteMessage', () =>
      this.#ctx.sqs.send(
        new DeleteMessageCommand({ QueueUrl: this.url, ReceiptHandle: receiptHandle }),
      ),
    );
  }

  /** Any number of entries: sent in calls of 10, results merged. */
  async deleteBatch(entries: Array<string | DeleteBatchEntry>): Promise<BatchResult<void>> {
    assertOpen(this.#ctx);
    const normalized = entries.map((entry, index) =>
      typeof entry === 'string' ? { id: String(index), receiptHandle: entry } : entry,
    );
    return splitBatch<DeleteBatchEntry, void>(normalized, 'Entries', async (chunk) => {
      const output = await this.#sqs('DeleteMessageBatch', () =>
        this.#ctx.sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: this.url,
            Entries: chunk.map((entry) => ({ Id: entry.id, ReceiptHandle: entry.receiptHandle })),
          }),
        ),
      );
      return {
        successful: (output.Successful ?? []).map((entry) => ({ id: entry.Id ?? '' })),
        failed: toFailedEntries(output.Failed, 'sqs'),
      };
    });
  }

  async changeVisibility(receiptHandle: string, visibilityTimeoutSeconds: number): Promise<void> {
    await this.#sqs('ChangeMessageVisibility', () =>
      this.#ctx.sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: this.url,
          ReceiptHandle: receiptHandle,
          VisibilityTimeout: visibilityTimeoutSeconds,
        }),
      ),
    );
  }

  /** Any number of entries: sent in calls of 10, results merged. */
  async changeVisibilityBatch(entries: ChangeVisibilityBatchEntry[]): Promise<BatchResult<void>> {
    return splitBatch<ChangeVisibilityBatchEntry, void>(entries, 'Entries', async (chunk) => {
      const output = await this.#sqs('ChangeMessageVisibilityBatch', () =>
        this.#ctx.sqs.send(
          new ChangeMessageVisibilityBatchCommand({
            QueueUrl: this.url,
            Entries: chunk.map((entry) => ({
              Id: entry.id,
              ReceiptHandle: entry.receiptHandle,
              VisibilityTimeout: entry.visibilityTimeoutSeconds,
            })),
          }),
        ),
      );
      return {
        successful: (output.Successful ?? []).map((entry) => ({ id: entry.Id ?? '' })),
        failed: toFailedEntries(output.Failed, 'sqs'),
      };
    });
  }

  async getAttributes(): Promise<QueueAttributes & QueueCounters> {
    const output = await this.#sqs('GetQueueAttributes', () =>
      this.#ctx.sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: this.url, AttributeNames: ['All'] }),
      ),
    );
    return queueAttributesFromWire(output.Attributes ?? {}, this.name);
  }

  /** Validated against the queue's current attributes (SSE and FIFO rules need them) before SQS sees it. */
  async setAttributes(attributes: Partial<QueueAttributes>): Promise<void> {
    const existing = withoutQueueCounters(
      queueAttributesFromWire(
        (
          await this.#sqs('GetQueueAttributes', () =>
            this.#ctx.sqs.send(
              new GetQueueAttributesCommand({ QueueUrl: this.url, AttributeNames: ['All'] }),
            ),
          )
        ).Attributes ?? {},
        this.name,
      ),
    );
    const resolved = resolveQueueAttributes(attributes, {
      queueName: this.name,
      existing,
    });
    const wire = queueAttributesToWire(attributes, resolved);
    if (Object.keys(wire).length === 0) return;
    await this.#sqs('SetQueueAttributes', () =>
      this.#ctx.sqs.send(new SetQueueAttributesCommand({ QueueUrl: this.url, Attributes: wire })),
    );
  }

  async purge(): Promise<void> {
    await this.#sqs('PurgeQueue', () =>
      this.#ctx.sqs.send(new PurgeQueueCommand({ QueueUrl: this.url })),
    );
  }

  async tag(tags: Record<string, string>): Promise<void> {
    // The request alone; the count on the queue is SQS's to check.
    validateQueueTags(tags, {}, this.name);
    await this.#sqs('TagQueue', () =>
      this.#ctx.sqs.send(new TagQueueCommand({ QueueUrl: this.url, Tags: tags })),
    );
  }

  async untag(tagKeys: string[]): Promise<void> {
    validateTagKeys(tagKeys);
    await this.#sqs('UntagQueue', () =>
      this.#ctx.sqs.send(new UntagQueueCommand({ QueueUrl: this.url, TagKeys: tagKeys })),
    );
  }

  async listTags(): Promise<Record<string, string>> {
    const output = await this.#sqs('ListQueueTags', () =>
      this.#ctx.sqs.send(new ListQueueTagsCommand({ QueueUrl: this.url })),
    );
    return { ...output.Tags };
  }

  /** The request is checked here as a local backend does; SQS checks it against the stored policy. */
  async addPermission(permission: QueuePermission): Promise<void> {
    addPermissionStatement(undefined, permission, this.arn);
    await this.#sqs('AddPermission', () =>
      this.#ctx.sqs.send(
        new AddPermissionCommand({
          QueueUrl: this.url,
          Label: permission.label,
          AWSAccountIds: [...permission.awsAccountIds],
          Actions: [...permission.actions],
        }),
      ),
    );
  }

  async removePermission(label: string): Promise<void> {
    // A well-formed label only: whether the policy has it is SQS's answer.
    validatePermissionLabel(label);
    await this.#sqs('RemovePermission', () =>
      this.#ctx.sqs.send(new RemovePermissionCommand({ QueueUrl: this.url, Label: label })),
    );
  }

  /** The wire fields and local digests of one message; seals the body with client-side encryption. */
  async #outgoing(
    body: string | Uint8Array,
    options: Omit<SendOptions, 'principal'>,
    field: string,
    principal: Principal | undefined,
  ): Promise<OutgoingMessage> {
    const text = bodyText(body, field);
    const outgoing = await this.#ctx.sealer.sealOutgoing(
      text,
      { 'aws:sqs:arn': this.arn },
      options,
      isFifoName(this.name),
      principal,
    );
    return {
      wire: {
        MessageBody: outgoing.body,
        DelaySeconds: options.delaySeconds,
        MessageAttributes: toSqsMessageAttributes(outgoing.messageAttributes),
        MessageSystemAttributes:
          options.awsTraceHeader === undefined
            ? undefined
            : { AWSTraceHeader: { DataType: 'String', StringValue: options.awsTraceHeader } },
        MessageGroupId: options.messageGroupId,
        MessageDeduplicationId: outgoing.messageDeduplicationId,
      },
      digests: messageDigests(text, options.messageAttributes),
    };
  }

  #sqs<T>(operation: string, call: () => Promise<T>): Promise<T> {
    assertOpen(this.#ctx);
    return callAws('sqs', operation, call);
  }
}
