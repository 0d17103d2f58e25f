import {
  BatchEntryIdsNotDistinct,
  CancelMessageMoveTaskCommand,
  ChangeMessageVisibilityBatchCommand,
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  EmptyBatchRequest,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListDeadLetterSourceQueuesCommand,
  ListMessageMoveTasksCommand,
  ListQueuesCommand,
  ListQueueTagsCommand,
  PurgeQueueCommand,
  QueueDoesNotExist,
  QueueNameExists,
  ReceiptHandleIsInvalid,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  type SQSClient,
  StartMessageMoveTaskCommand,
  TagQueueCommand,
  TooManyEntriesInBatchRequest,
  UntagQueueCommand,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.js';

let h: Harness;
let sqs: SQSClient;

beforeAll(async () => {
  h = await startHarness();
  sqs = h.sqs();
});
afterAll(() => h.close());

async function createQueue(name: string, attributes?: Record<string, string>): Promise<string> {
  const { QueueUrl } = await sqs.send(
    new CreateQueueCommand({ QueueName: name, Attributes: attributes }),
  );
  return QueueUrl!;
}

async function waitFor<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('condition not met after 200 probes');
}

describe('queues', () => {
  it('creates queues idempotently, finds them and reports their URLs on the gateway host', async () => {
    const url = await createQueue('orders', { VisibilityTimeout: '45', DelaySeconds: '0' });
    expect(url).toBe(`${h.gateway.url}/000000000000/orders`);
    expect(await createQueue('orders', { VisibilityTimeout: '45' })).toBe(url);
    await expect(createQueue('orders', { VisibilityTimeout: '46' })).rejects.toBeInstanceOf(
      QueueNameExists,
    );
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'orders' }));
    expect(QueueUrl).toBe(url);
  });

  it('maps a missing queue to QueueDoesNotExist with the Query code', async () => {
    const error = await sqs
      .send(new GetQueueUrlCommand({ QueueName: 'missing' }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueueDoesNotExist);
    expect(error).toMatchObject({
      name: 'QueueDoesNotExist',
      Code: 'AWS.SimpleQueueService.NonExistentQueue',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('lists queues by prefix and paginates only when MaxResults is sent', async () => {
    for (const name of ['page-a', 'page-b', 'page-c']) await createQueue(name);
    const all = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'page-' }));
    expect(all.QueueUrls?.map((u) => u.split('/').pop())).toEqual(['page-a', 'page-b', 'page-c']);
    expect(all.NextToken).toBeUndefined();
    const first = await sqs.send(
      new ListQueuesCommand({ QueueNamePrefix: 'page-', MaxResults: 2 }),
    );
    expect(first.QueueUrls).toHaveLength(2);
    expect(first.NextToken).toBeDefined();
    const second = await sqs.send(
      new ListQueuesCommand({
        QueueNamePrefix: 'page-',
        MaxResults: 2,
        NextToken: first.NextToken,
      }),
    );
    expect(second.QueueUrls?.map((u) => u.split('/').pop())).toEqual(['page-c']);
    expect(second.NextToken).toBeUndefined();
  });

  it('gets and sets attributes as strings, with All or by name', async () => {
    const url = await createQueue('attrs', { MessageRetentionPeriod: '600' });
    await sqs.send(
      new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { VisibilityTimeout: '10' } }),
    );
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }),
    );
    expect(Attributes).toMatchObject({
      VisibilityTimeout: '10',
      MessageRetentionPeriod: '600',
      QueueArn: 'arn:aws:sqs:us-east-1:000000000000:attrs',
      ApproximateNumberOfMessages: '0',
    });
    const some = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
    );
    expect(some.Attributes).toEqual({ QueueArn: 'arn:aws:sqs:us-east-1:000000000000:attrs' });
  });

  it('tags, untags and lists tags; deletes queues', async () => {
    const url = await createQueue('tagged');
    await sqs.send(new TagQueueCommand({ QueueUrl: url, Tags: { team: 'billing', env: 'dev' } }));
    await sqs.send(new UntagQueueCommand({ QueueUrl: url, TagKeys: ['env'] }));
    expect((await sqs.send(new ListQueueTagsCommand({ QueueUrl: url }))).Tags).toEqual({
      team: 'billing',
    });
    await sqs.send(new DeleteQueueCommand({ QueueUrl: url }));
    await expect(sqs.send(new GetQueueUrlCommand({ QueueName: 'tagged' }))).rejects.toBeInstanceOf(
      QueueDoesNotExist,
    );
  });
});

describe('messages', () => {
  it('round-trips bodies and message attributes with SQS MD5s the SDK checks', async () => {
    const url = await createQueue('round-trip');
    const sent = await sqs.send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: 'hello',
        MessageAttributes: { attribName1: { DataType: 'String', StringValue: 'attribValue 1' } },
      }),
    );
    expect(sent.MD5OfMessageBody).toBe('5d41402abc4b2a76b9719d911017c592');
    expect(sent.MD5OfMessageAttributes).toBe('19e27d4e946b072f3f58da80d94fd778');
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MessageAttributeNames: ['All'] }),
    );
    expect(Messages).toHaveLength(1);
    expect(Messages![0]).toMatchObject({
      MessageId: sent.MessageId,
      Body: 'hello',
      MD5OfBody: '5d41402abc4b2a76b9719d911017c592',
      MD5OfMessageAttributes: '19e27d4e946b072f3f58da80d94fd778',
      MessageAttributes: { attribName1: { DataType: 'String', StringValue: 'attribValue 1' } },
    });
  });

  it('filters message attributes (All, prefix.*, names) and system attributes', async () => {
    const url = await createQueue('filtering');
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: 'x',
        MessageAttributes: {
          priority: { DataType: 'Number', StringValue: '42' },
          blob: { DataType: 'Binary', BinaryValue: Uint8Array.of(0, 1, 2, 0xff) },
          'trace.id': { DataType: 'String.custom', StringValue: 'abc' },
        },
      }),
    );
    const receive = async (names: string[], system: string[]) => {
      const { Messages } = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: url,
          MessageAttributeNames: names,
          MessageSystemAttributeNames: system as never,
          VisibilityTimeout: 0,
        }),
      );
      return Messages![0]!;
    };
    const all = await receive(['All'], ['All']);
    expect(all.MD5OfMessageAttributes).toBe('786253c8ec6f6a5946d461890d169b1b');
    expect(all.MessageAttributes?.blob?.BinaryValue).toEqual(Uint8Array.of(0, 1, 2, 0xff));
    expect(Object.keys(all.Attributes ?? {})).toEqual(
      expect.arrayContaining(['SenderId', 'SentTimestamp', 'ApproximateReceiveCount']),
    );
    expect(all.Attributes?.SenderId).toBe('AKIDPRODUCER');
    const prefixed = await receive(['trace.*'], ['ApproximateReceiveCount']);
    expect(Object.keys(prefixed.MessageAttributes ?? {})).toEqual(['trace.id']);
    expect(Object.keys(prefixed.Attributes ?? {})).toEqual(['ApproximateReceiveCount']);
    const none = await receive([], []);
    expect(none.MessageAttributes).toBeUndefined();
    expect(none.MD5OfMessageAttributes).toBeUndefined();
    expect(none.Attributes).toBeUndefined();
  });

  it('sends, deletes and changes visibility in batches, reporting per-entry failures', async () => {
    const url = await createQueue('batches');
    const sent = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: 'a', MessageBody: 'first' },
          {
            Id: 'b',
            MessageBody: 'second',
            MessageAttributes: { n: { DataType: 'Number', StringValue: '3' } },
          },
          { Id: 'bad', MessageBody: 'nul \u0000 not allowed' },
        ],
      }),
    );
    expect(sent.Successful?.map((e) => e.Id).sort()).toEqual(['a', 'b']);
    expect(sent.Failed).toEqual([
      expect.objectContaining({ Id: 'bad', SenderFault: true, Code: 'InvalidMessageContents' }),
    ]);
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }),
    );
    expect(Messages?.map((m) => m.Body).sort()).toEqual(['first', 'second']);
    const changed = await sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: 'one', ReceiptHandle: Messages![0]!.ReceiptHandle!, VisibilityTimeout: 60 },
          { Id: 'bogus', ReceiptHandle: 'not-a-handle', VisibilityTimeout: 60 },
        ],
      }),
    );
    expect(changed.Successful).toEqual([{ Id: 'one' }]);
    expect(changed.Failed?.[0]).toMatchObject({ Id: 'bogus', SenderFault: true });
    const deleted = await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: url,
        Entries: Messages!.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle! })),
      }),
    );
    expect(deleted.Successful).toHaveLength(2);
    expect(deleted.Failed ?? []).toEqual([]);
  });

  it('rejects empty, oversized and duplicate-id batches with the SQS batch errors', async () => {
    const url = await createQueue('batch-limits');
    const entries = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ Id: `e${i}`, MessageBody: `m${i}` }));
    await expect(
      sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: [] })),
    ).rejects.toBeInstanceOf(EmptyBatchRequest);
    await expect(
      sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: entries(11) })),
    ).rejects.toBeInstanceOf(TooManyEntriesInBatchRequest);
    await expect(
      sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: url,
          Entries: [
            { Id: 'same', MessageBody: 'a' },
            { Id: 'same', MessageBody: 'b' },
          ],
        }),
      ),
    ).rejects.toBeInstanceOf(BatchEntryIdsNotDistinct);
  });

  it('deletes single messages, releases them with visibility 0 and purges', async () => {
    const url = await createQueue('single');
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'one' }));
    const first = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }))).Messages![0]!;
    await sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: url,
        ReceiptHandle: first.ReceiptHandle,
        VisibilityTimeout: 0,
      }),
    );
    const again = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }))).Messages![0]!;
    expect(again.MessageId).toBe(first.MessageId);
    await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: again.ReceiptHandle }));
    await expect(
      sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: 'garbage' })),
    ).rejects.toBeInstanceOf(ReceiptHandleIsInvalid);
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'two' }));
    await sqs.send(new PurgeQueueCommand({ QueueUrl: url }));
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }))).Messages).toBeUndefined();
  });

  it('keeps FIFO order per group and returns FIFO system attributes and the trace header', async () => {
    const url = await createQueue('ordered.fifo', {
      FifoQueue: 'true',
      ContentBasedDeduplication: 'true',
    });
    const sent = await sqs.send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: 'first',
        MessageGroupId: 'g',
        MessageSystemAttributes: {
          AWSTraceHeader: { DataType: 'String', StringValue: 'Root=1-abc' },
        },
      }),
    );
    expect(sent.SequenceNumber).toBeDefined();
    expect(sent.MD5OfMessageSystemAttributes).toMatch(/^[0-9a-f]{32}$/);
    await sqs.send(
      new SendMessageCommand({ QueueUrl: url, MessageBody: 'second', MessageGroupId: 'g' }),
    );
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MaxNumberOfMessages: 10,
        MessageSystemAttributeNames: ['All'],
      }),
    );
    expect(Messages?.map((m) => m.Body)).toEqual(['first', 'second']);
    expect(Messages?.[0]?.Attributes).toMatchObject({
      MessageGroupId: 'g',
      SequenceNumber: sent.SequenceNumber,
      AWSTraceHeader: 'Root=1-abc',
    });
  });

  it('rejects an oversized message with InvalidParameterValue', async () => {
    const url = await createQueue('small', { MaximumMessageSize: '1024' });
    await expect(
      sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x'.repeat(2000) })),
    ).rejects.toMatchObject({ name: 'InvalidParameterValue', $metadata: { httpStatusCode: 400 } });
  });

  it('long-polls until a message arrives, and ends a poll whose client went away', async () => {
    const url = await createQueue('long-poll');
    const abandoned = new AbortController();
    const gone = sqs
      .send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 20 }), {
        abortSignal: abandoned.signal,
      })
      .catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 50));
    abandoned.abort();
    expect(await gone).toMatchObject({ name: 'AbortError' });
    // If the abandoned poll were still waiting it would take this message and hide it.
    const waiting = sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 20 }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'late' }));
    expect((await waiting).Messages?.[0]?.Body).toBe('late');
  });
});

describe('dead-letter queues and message moves', () => {
  it('redrives to the DLQ, lists its sources and moves messages back', async () => {
    const dlqUrl = await createQueue('work-dlq');
    const dlqArn = 'arn:aws:sqs:us-east-1:000000000000:work-dlq';
    const url = await createQueue('work', {
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1 }),
    });
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'poison' }));
    const first = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, VisibilityTimeout: 0 }),
    );
    expect(first.Messages?.[0]?.Body).toBe('poison');
    expect(
      (await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, VisibilityTimeout: 0 }))).Messages,
    ).toBeUndefined();
    const sources = await sqs.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: dlqUrl }));
    expect(sources.queueUrls).toEqual([url]);

    const inDlq = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: dlqUrl,
        VisibilityTimeout: 0,
        MessageSystemAttributeNames: ['DeadLetterQueueSourceArn'],
      }),
    );
    expect(inDlq.Messages?.[0]?.Body).toBe('poison');
    expect(inDlq.Messages?.[0]?.Attributes).toEqual({
      DeadLetterQueueSourceArn: 'arn:aws:sqs:us-east-1:000000000000:work',
    });

    const { TaskHandle } = await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlqArn }));
    expect(TaskHandle).toBeDefined();
    const done = await waitFor(async () => {
      const { Results } = await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: dlqArn }));
      return Results?.[0]?.Status === 'COMPLETED' ? Results[0] : undefined;
    });
    expect(done).toMatchObject({ SourceArn: dlqArn, ApproximateNumberOfMessagesMoved: 1 });
    expect(done.TaskHandle).toBeUndefined();
    const back = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }));
    expect(back.Messages?.[0]?.Body).toBe('poison');
  });

  it('cancels a rate-limited move task while it runs', async () => {
    const dlqArn = 'arn:aws:sqs:us-east-1:000000000000:slow-dlq';
    const dlqUrl = await createQueue('slow-dlq');
    await createQueue('slow-source', {
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 3 }),
    });
    const target = await createQueue('slow-target');
    for (let i = 0; i < 5; i++) {
      await sqs.send(new SendMessageCommand({ QueueUrl: dlqUrl, MessageBody: `m${i}` }));
    }
    const { TaskHandle } = await sqs.send(
      new StartMessageMoveTaskCommand({
        SourceArn: dlqArn,
        DestinationArn: 'arn:aws:sqs:us-east-1:000000000000:slow-target',
        MaxNumberOfMessagesPerSecond: 1,
      }),
    );
    const cancelled = await sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle }));
    expect(cancelled.ApproximateNumberOfMessagesMoved).toBeLessThan(5);
    const { Results } = await sqs.send(
      new ListMessageMoveTasksCommand({ SourceArn: dlqArn, MaxResults: 10 }),
    );
    expect(['CANCELLING', 'CANCELLED']).toContain(Results?.[0]?.Status);
    expect(target).toContain('slow-target');
  });
});
