import {
  ChangeMessageVisibilityBatchCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  KmsOptInRequired,
  ReceiveMessageCommand,
  RequestThrottled,
  SendMessageBatchCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
} from '@aws-sdk/client-sqs';
import { md5OfMessageAttributes, md5OfMessageBody } from '@sealbus/core';
import { describe, expect, it } from 'vitest';
import { mockedBroker, queueArnOf, queueUrlOf } from '../../test/support/mockedBroker.js';

async function mockedQueue(name = 'orders', options: Parameters<typeof mockedBroker>[0] = {}) {
  const mocks = mockedBroker(options);
  mocks.sqs.on(GetQueueUrlCommand).resolves({ QueueUrl: queueUrlOf(name) });
  const queue = await mocks.broker.getQueue(name);
  return { ...mocks, queue };
}

describe('AwsQueue', () => {
  it('derives the ARN from the queue URL without an extra call', async () => {
    const { queue, sqs } = await mockedQueue('orders');
    expect(queue.arn).toBe(queueArnOf('orders'));
    expect(queue.url).toBe(queueUrlOf('orders'));
    expect(sqs.commandCalls(GetQueueAttributesCommand)).toHaveLength(0);
  });

  it('sends SSE attributes to SQS on create and no attributes the caller did not give', async () => {
    const { broker, sqs } = mockedBroker();
    sqs.on(CreateQueueCommand).resolves({ QueueUrl: queueUrlOf('billing') });
    await broker.createQueue('billing', {
      KmsMasterKeyId: 'alias/billing',
      KmsDataKeyReusePeriodSeconds: 3600,
      RedrivePolicy: { deadLetterTargetArn: queueArnOf('billing-dlq'), maxReceiveCount: 5 },
    });
    expect(sqs.commandCalls(CreateQueueCommand)[0]!.args[0].input).toEqual({
      QueueName: 'billing',
      Attributes: {
        KmsMasterKeyId: 'alias/billing',
        KmsDataKeyReusePeriodSeconds: '3600',
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: queueArnOf('billing-dlq'),
          maxReceiveCount: 5,
        }),
      },
    });
    await broker.createQueue('billing');
    expect(sqs.commandCalls(CreateQueueCommand)[1]!.args[0].input).toEqual({
      QueueName: 'billing',
    });
  });

  it('validates attributes with core before calling SQS', async () => {
    const { broker, sqs } = mockedBroker();
    await expect(broker.createQueue('q', { VisibilityTimeout: 50_000 })).rejects.toMatchObject({
      code: 'InvalidAttributeValue',
      field: 'VisibilityTimeout',
    });
    await expect(broker.createQueue('bad name!')).rejects.toMatchObject({
      code: 'InvalidParameterValue',
    });
    expect(sqs.calls()).toHaveLength(0);
  });

  it('reads attributes back as the local backends return them: numbers, booleans and policy objects', async () => {
    const { queue, sqs } = await mockedQueue('orders');
    sqs.on(GetQueueAttributesCommand).resolves({
      Attributes: {
        QueueArn: queueArnOf('orders'),
        VisibilityTimeout: '45',
        KmsMasterKeyId: 'alias/orders',
        SqsManagedSseEnabled: 'false',
        RedrivePolicy: `{"deadLetterTargetArn":"${queueArnOf('orders-dlq')}","maxReceiveCount":3}`,
        ApproximateNumberOfMessages: '7',
        ApproximateNumberOfMessagesNotVisible: '2',
        ApproximateNumberOfMessagesDelayed: '1',
        CreatedTimestamp: '1764086400',
        LastModifiedTimestamp: '1764086401',
      },
    });
    expect(await queue.getAttributes()).toMatchObject({
      VisibilityTimeout: 45,
      KmsMasterKeyId: 'alias/orders',
      SqsManagedSseEnabled: false,
      KmsDataKeyReusePeriodSeconds: 300,
      RedrivePolicy: { deadLetterTargetArn: queueArnOf('orders-dlq'), maxReceiveCount: 3 },
      QueueArn: queueArnOf('orders'),
      ApproximateNumberOfMessages: 7,
      ApproximateNumberOfMessagesNotVisible: 2,
      ApproximateNumberOfMessagesDelayed: 1,
      CreatedTimestamp: 1764086400,
    });
  });

  it('setAttributes validates against the current attributes and sends only what changed', async () => {
    const { queue, sqs } = await mockedQueue('orders');
    sqs.on(GetQueueAttributesCommand).resolves({
      Attributes: {
        QueueArn: queueArnOf('orders'),
        KmsMasterKeyId: 'alias/orders',
        SqsManagedSseEnabled: 'false',
      },
    });
    sqs.on(SetQueueAttributesCommand).resolves({});
    await queue.setAttributes({
      KmsDataKeyReusePeriodSeconds: 600,
      RedriveAllowPolicy: { redrivePermission: 'denyAll' },
    });
    expect(sqs.commandCalls(SetQueueAttributesCommand)[0]!.args[0].input.Attributes).toEqual({
      KmsDataKeyReusePeriodSeconds: '600',
      RedriveAllowPolicy: '{"redrivePermission":"denyAll"}',
    });
    await expect(queue.setAttributes({ SqsManagedSseEnabled: true })).rejects.toMatchObject({
      code: 'InvalidAttributeValue',
    });
    await queue.setAttributes({ KmsMasterKeyId: '' });
    expect(sqs.commandCalls(SetQueueAttributesCommand)[1]!.args[0].input.Attributes).toEqual({
      KmsMasterKeyId: '',
    });
  });

  it('sends FIFO ids, delay, attributes and trace header, and reports local digests', async () => {
    const { queue, sqs } = await mockedQueue('orders');
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm-1', SequenceNumber: '18' });
    const attributes = { ward: { dataType: 'String', stringValue: 'icu' } };
    const result = await queue.send(new TextEncoder().encode('héllo'), {
      messageAttributes: attributes,
      delaySeconds: 5,
      messageGroupId: 'g',
      messageDeduplicationId: 'd',
      awsTraceHeader: 'Root=1-abc',
    });
    expect(result).toEqual({
      messageId: 'm-1',
      md5OfMessageBody: md5OfMessageBody('héllo'),
      md5OfMessageAttributes: md5OfMessageAttributes(attributes),
      sequenceNumber: '18',
    });
    expect(sqs.commandCalls(SendMessageCommand)[0]!.args[0].input).toEqual({
      QueueUrl: queueUrlOf('orders'),
      MessageBody: 'héllo',
      DelaySeconds: 5,
      MessageAttributes: { ward: { DataType: 'String', StringValue: 'icu' } },
      MessageSystemAttributes: {
        AWSTraceHeader: { DataType: 'String', StringValue: 'Root=1-abc' },
      },
      MessageGroupId: 'g',
      MessageDeduplicationId: 'd',
    });
    await expect(queue.send(Uint8Array.of(0xff, 0xfe))).rejects.toMatchObject({
      code: 'InvalidMessageContents',
    });
  });

  it('maps KMS.OptInRequired from SQS to KmsOptInRequiredError', async () => {
    const { queue, sqs } = await mockedQueue('orders');
    sqs
      .on(SendMessageCommand)
      .rejects(new KmsOptInRequired({ message: 'opt in first', $metadata: {} }));
    await expect(queue.send('x')).rejects.toMatchObject({
      name: 'KmsOptInRequiredError',
      code: 'KMS.OptInRequired',
      retryable: false,
    });
  });

  it('surfaces throttling that outlasted the SDK retries as a retryable RequestThrottledError', async () => {
    const { queue, sqs } = await mockedQueue('orders');
    sqs
      .on(SendMessageCommand)
      .rejects(new RequestThrottled({ message: 'Rate exceeded', $metadata: {} }));
    await expect(queue.send('x')).rejects.toMatchObject({
      name: 'RequestThrottledError',
      code: 'RequestThrottled',
      retryable: true,
    });
  });

  it('turns a dropped connection into ServiceUnavailable with the socket error as cause', async () => {
    const { queue, sqs } = await mockedQueue('orders');
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    sqs.on(ReceiveMessageCommand).rejects(reset);
    const error = await queue.receive().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ServiceUnavailable', retryable: true, cause: reset });
  });

  it('reports partial batch failures per entry with sealbus codes', async () => {
    const { queue, sqs } = await mockedQueue('orders');
    sqs.on(SendMessageBatchCommand).resolves({
      Successful: [{ Id: 'a', MessageId: 'm-a', MD5OfMessageBody: md5OfMessageBody('one') }],
      Failed: [
        { Id: 'b', Code: 'KmsThrottled', Message: 'slow down', SenderFault: false },
        { Id: 'c', Code: 'InvalidParameterValue', Message: 'too big', SenderFault: true },
      ],
    });
    const result = await queue.sendBatch([
      { id: 'a', body: 'one' },
      { id: 'b', body: 'two' },
      { id: 'c', body: 'three' },
      { id: 'd', body: Uint8Array.of(0xc3) },
    ]);
    expect(result.successful).toEqual([
      { id: 'a', messageId: 'm-a', md5OfMessageBody: md5OfMessageBody('one') },
    ]);
    expect(result.failed).toEqual([
      expect.objectContaining({ id: 'd', code: 'InvalidMessageContents', senderFault: true }),
      { id: 'b', code: 'KMS.ThrottlingException', message: 'slow down', senderFault: false },
      { id: 'c', code: 'InvalidParameterValue', message: 'too big', senderFault: true },
    ]);
    expect(
      sqs.commandCalls(SendMessageBatchCommand)[0]!.args[0].input.Entries?.map((e) => e.Id),
    ).toEqual(['a', 'b', 'c']);
  });

  it('splits deletes and visibility changes of more than 10 entries and merges the results', async () => {
    const { queue, sqs } = await mockedQueue('orders');
    sqs.on(DeleteMessageBatchCommand).callsFake((input: { Entries: Array<{ Id: string }> }) => ({
      Successful: input.Entries.filter((e) => e.Id !== '13').map((e) => ({ Id: e.Id })),
      Failed: input.Entries.filter((e) => e.Id === '13').map((e) => ({
        Id: e.Id,
        Code: 'ReceiptHandleIsInvalid',
        Message: 'stale',
        SenderFault: true,
      })),
    }));
    const handles = Array.from({ length: 25 }, (_, i) => `handle-${i}`);
    const result = await queue.deleteBatch(handles);
    expect(
      sqs.commandCalls(DeleteMessageBatchCommand).map((call) => call.args[0].input.Entries?.length),
    ).toEqual([10, 10, 5]);
    expect(result.successful).toHaveLength(24);
    expect(result.failed).toEqual([
      { id: '13', code: 'ReceiptHandleIsInvalid', message: 'stale', senderFault: true },
    ]);

    sqs
      .on(ChangeMessageVisibilityBatchCommand)
      .callsFake((input: { Entries: Array<{ Id: string }> }) => ({
        Successful: input.Entries.map((e) => ({ Id: e.Id })),
        Failed: [],
      }));
    const changed = await queue.changeVisibilityBatch(
      handles
        .slice(0, 12)
        .map((receiptHandle, i) => ({ id: `v${i}`, receiptHandle, visibilityTimeoutSeconds: 0 })),
    );
    expect(changed.successful).toHaveLength(12);
    expect(sqs.commandCalls(ChangeMessageVisibilityBatchCommand)).toHaveLength(2);
  });

  it('long-polls with the given wait, asks for all attributes and converts messages', async () => {
    const { queue, sqs } = await mockedQueue('orders');
    sqs.on(ReceiveMessageCommand).resolves({
      Messages: [
        {
          MessageId: 'm-1',
          ReceiptHandle: 'rh-1',
          Body: 'hello',
          MD5OfBody: md5OfMessageBody('hello'),
          Attributes: {
            ApproximateReceiveCount: '2',
            SentTimestamp: '1764086400000',
            MessageGroupId: 'g',
          },
          MessageAttributes: { bin: { DataType: 'Binary', BinaryValue: Uint8Array.of(1, 2) } },
        },
      ],
    });
    const [message] = await queue.receive({
      maxMessages: 5,
      waitTimeSeconds: 20,
      visibilityTimeoutSeconds: 60,
    });
    expect(sqs.commandCalls(ReceiveMessageCommand)[0]!.args[0].input).toEqual({
      QueueUrl: queueUrlOf('orders'),
      MaxNumberOfMessages: 5,
      WaitTimeSeconds: 20,
      VisibilityTimeout: 60,
      MessageSystemAttributeNames: ['All'],
      MessageAttributeNames: ['All'],
    });
    expect(message).toEqual({
      state: 'open',
      messageId: 'm-1',
      receiptHandle: 'rh-1',
      body: 'hello',
      md5OfBody: md5OfMessageBody('hello'),
      attributes: { ApproximateReceiveCount: 2, SentTimestamp: 1764086400000, MessageGroupId: 'g' },
      messageAttributes: { bin: { dataType: 'Binary', binaryValue: Uint8Array.of(1, 2) } },
      md5OfMessageAttributes: md5OfMessageAttributes({
        bin: { dataType: 'Binary', binaryValue: Uint8Array.of(1, 2) },
      }),
    });
  });

  it('an aborted long poll returns no messages instead of failing', async () => {
    const { queue, sqs } = await mockedQueue('orders');
    const controller = new AbortController();
    sqs.on(ReceiveMessageCommand).callsFake(() => {
      controller.abort();
      throw Object.assign(new Error('Request aborted'), { name: 'AbortError' });
    });
    await expect(
      queue.receive({ waitTimeSeconds: 20, signal: controller.signal }),
    ).resolves.toEqual([]);
  });
});
