import {
  ChangeMessageVisibilityBatchCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  ListQueueTagsCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs-query';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, PRODUCER, REGION, startHarness } from './harness.js';

/** @aws-sdk/client-sqs 3.445, the last release that speaks SQS Query. */
let h: Harness;
let sqs: SQSClient;

beforeAll(async () => {
  h = await startHarness({
    gateway: {
      verifySigv4: true,
      credentials: { [PRODUCER.accessKeyId]: PRODUCER.secretAccessKey },
    },
  });
  sqs = new SQSClient({
    endpoint: h.gateway.url,
    region: REGION,
    credentials: PRODUCER,
    maxAttempts: 1,
  });
});
afterAll(async () => {
  sqs.destroy();
  await h.close();
});

describe('SQS Query with a real SDK (client-sqs 3.445)', () => {
  it('creates, lists and describes queues', async () => {
    const { QueueUrl } = await sqs.send(
      new CreateQueueCommand({
        QueueName: 'legacy',
        Attributes: { VisibilityTimeout: '20', KmsMasterKeyId: 'alias/aws/sqs' },
        tags: { team: 'legacy' },
      }),
    );
    expect(QueueUrl).toBe(`${h.gateway.url}/000000000000/legacy`);
    expect((await sqs.send(new GetQueueUrlCommand({ QueueName: 'legacy' }))).QueueUrl).toBe(
      QueueUrl,
    );
    expect((await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'leg' }))).QueueUrls).toEqual([
      QueueUrl,
    ]);
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl,
        AttributeNames: ['VisibilityTimeout', 'KmsMasterKeyId'],
      }),
    );
    expect(Attributes).toEqual({ VisibilityTimeout: '20', KmsMasterKeyId: 'alias/aws/sqs' });
    expect((await sqs.send(new ListQueueTagsCommand({ QueueUrl }))).Tags).toEqual({
      team: 'legacy',
    });
    await expect(sqs.send(new GetQueueUrlCommand({ QueueName: 'absent' }))).rejects.toMatchObject({
      name: 'QueueDoesNotExist',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('round-trips encrypted messages with attributes, CR and markup, MD5 checked by the SDK', async () => {
    const QueueUrl = `${h.gateway.url}/000000000000/legacy`;
    const body = 'line one\r\nline <two> & "three"';
    const sent = await sqs.send(
      new SendMessageCommand({
        QueueUrl,
        MessageBody: body,
        MessageAttributes: {
          count: { DataType: 'Number', StringValue: '3' },
          payload: { DataType: 'Binary', BinaryValue: new TextEncoder().encode('hello') },
        },
      }),
    );
    expect(sent.MD5OfMessageAttributes).toBe('f09e0a3dee8529a6acb1b105ba5dbea8');
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl,
        AttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
    );
    expect(Messages?.[0]).toMatchObject({
      Body: body,
      MD5OfMessageAttributes: 'f09e0a3dee8529a6acb1b105ba5dbea8',
      MessageAttributes: { count: { DataType: 'Number', StringValue: '3' } },
      Attributes: { SenderId: PRODUCER.accessKeyId, ApproximateReceiveCount: '1' },
    });
    expect(new TextDecoder().decode(Messages![0]!.MessageAttributes!.payload!.BinaryValue)).toBe(
      'hello',
    );
  });

  it('runs batches', async () => {
    const QueueUrl = `${h.gateway.url}/000000000000/legacy`;
    const sent = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl,
        Entries: [
          { Id: 'a', MessageBody: 'batch a' },
          { Id: 'b', MessageBody: 'batch b' },
        ],
      }),
    );
    expect(sent.Successful?.map((e) => e.Id).sort()).toEqual(['a', 'b']);
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }),
    );
    const handles = Messages!.map((m, i) => ({ Id: `m${i}`, ReceiptHandle: m.ReceiptHandle! }));
    const changed = await sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl,
        Entries: handles.map((e) => ({ ...e, VisibilityTimeout: 30 })),
      }),
    );
    expect(changed.Successful).toHaveLength(handles.length);
    const deleted = await sqs.send(new DeleteMessageBatchCommand({ QueueUrl, Entries: handles }));
    expect(deleted.Successful).toHaveLength(handles.length);
  });
});
