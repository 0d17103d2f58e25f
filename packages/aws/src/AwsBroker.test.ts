import {
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  ListTopicsCommand,
  NotFoundException,
  SetSubscriptionAttributesCommand,
} from '@aws-sdk/client-sns';
import {
  CancelMessageMoveTaskCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListDeadLetterSourceQueuesCommand,
  ListMessageMoveTasksCommand,
  ListQueuesCommand,
  QueueDoesNotExist,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import {
  mockedBroker,
  queueArnOf,
  queueUrlOf,
  REGION,
  topicArnOf,
} from '../test/support/mockedBroker.js';

describe('AwsBroker', () => {
  it('rejects options the SDK would only reject at the first call', async () => {
    const { createAwsBroker } = await import('./createAwsBroker.js');
    expect(() => createAwsBroker({ region: '' })).toThrow(
      expect.objectContaining({ field: 'region' }),
    );
    expect(() => createAwsBroker({ region: REGION, endpoint: 'localhost:4566' })).toThrow(
      expect.objectContaining({ field: 'endpoint' }),
    );
    expect(() =>
      createAwsBroker({ region: REGION, clientSideEncryption: { keyId: 'not a key' } }),
    ).toThrow(expect.objectContaining({ code: 'InvalidParameterValue' }));
  });

  it('finds queues by name, URL or ARN; an ARN names the owner account', async () => {
    const { broker, sqs } = mockedBroker();
    sqs.on(GetQueueUrlCommand).resolves({ QueueUrl: queueUrlOf('orders') });
    for (const ref of ['orders', queueUrlOf('orders'), queueArnOf('orders')]) {
      expect((await broker.getQueue(ref)).arn).toBe(queueArnOf('orders'));
    }
    expect(sqs.commandCalls(GetQueueUrlCommand).map((call) => call.args[0].input)).toEqual([
      { QueueName: 'orders' },
      { QueueName: 'orders' },
      { QueueName: 'orders', QueueOwnerAWSAccountId: '123456789012' },
    ]);
    sqs
      .on(GetQueueUrlCommand)
      .rejects(
        new QueueDoesNotExist({ message: 'The specified queue does not exist.', $metadata: {} }),
      );
    await expect(broker.getQueue('missing')).rejects.toMatchObject({
      name: 'QueueDoesNotExistError',
      code: 'QueueDoesNotExist',
    });
  });

  it('asks SQS for the ARN when a queue URL names no account', async () => {
    const { broker, sqs } = mockedBroker();
    sqs.on(GetQueueUrlCommand).resolves({ QueueUrl: 'http://127.0.0.1:4566/orders' });
    sqs.on(GetQueueAttributesCommand).resolves({ Attributes: { QueueArn: queueArnOf('orders') } });
    expect((await broker.getQueue('orders')).arn).toBe(queueArnOf('orders'));
    await broker.getQueue('orders');
    expect(sqs.commandCalls(GetQueueAttributesCommand)).toHaveLength(1);
  });

  it('pages through ListQueues and returns dead-letter source queue URLs', async () => {
    const { broker, sqs } = mockedBroker();
    sqs
      .on(ListQueuesCommand)
      .resolvesOnce({ QueueUrls: [queueUrlOf('a')], NextToken: 't' })
      .resolvesOnce({ QueueUrls: [queueUrlOf('b')] });
    expect(await broker.listQueues('')).toEqual([queueUrlOf('a'), queueUrlOf('b')]);
    sqs.on(GetQueueUrlCommand).resolves({ QueueUrl: queueUrlOf('dlq') });
    sqs
      .on(ListDeadLetterSourceQueuesCommand)
      .resolves({ queueUrls: [queueUrlOf('a'), queueUrlOf('b')] });
    expect(await broker.listDeadLetterSourceQueues('dlq')).toEqual([
      queueUrlOf('a'),
      queueUrlOf('b'),
    ]);
  });

  it('finds a topic by name in ListTopics and checks an ARN with GetTopicAttributes', async () => {
    const { broker, sns } = mockedBroker();
    sns.on(ListTopicsCommand).resolves({
      Topics: [{ TopicArn: topicArnOf('Records-Archive') }, { TopicArn: topicArnOf('Records') }],
    });
    expect((await broker.getTopic('Records')).arn).toBe(topicArnOf('Records'));
    await expect(broker.getTopic('Missing')).rejects.toMatchObject({
      code: 'NotFound',
      field: 'TopicArn',
    });
    sns
      .on(GetTopicAttributesCommand)
      .rejects(new NotFoundException({ message: 'Topic does not exist', $metadata: {} }));
    await expect(broker.getTopic(topicArnOf('Gone'))).rejects.toMatchObject({
      name: 'NotFoundError',
    });
  });

  it('sets subscription attributes one by one, scope before policy', async () => {
    const { broker, sns } = mockedBroker();
    const arn = `${topicArnOf('Records')}:sub-1`;
    sns.on(GetSubscriptionAttributesCommand).resolves({
      Attributes: {
        TopicArn: topicArnOf('Records'),
        Endpoint: queueArnOf('q'),
        FilterPolicyScope: 'MessageAttributes',
      },
    });
    sns.on(SetSubscriptionAttributesCommand).resolves({});
    await broker.setSubscriptionAttributes(arn, {
      rawMessageDelivery: true,
      filterPolicy: { patient: { ward: ['icu'] } },
      filterPolicyScope: 'MessageBody',
    });
    expect(
      sns
        .commandCalls(SetSubscriptionAttributesCommand)
        .map((call) => call.args[0].input.AttributeName),
    ).toEqual(['FilterPolicyScope', 'FilterPolicy', 'RawMessageDelivery']);
  });

  it('starts, lists and cancels message move tasks', async () => {
    const { broker, sqs } = mockedBroker();
    const source = queueArnOf('orders-dlq');
    sqs.on(StartMessageMoveTaskCommand).resolves({ TaskHandle: 'task-1' });
    sqs.on(ListMessageMoveTasksCommand).resolves({
      Results: [
        {
          TaskHandle: 'task-1',
          Status: 'RUNNING',
          SourceArn: source,
          MaxNumberOfMessagesPerSecond: 50,
          ApproximateNumberOfMessagesMoved: 3,
          ApproximateNumberOfMessagesToMove: 10,
          StartedTimestamp: 1764086400000,
        },
      ],
    });
    const task = await broker.startMessageMove({ sourceArn: source, maxPerSecond: 50 });
    expect(sqs.commandCalls(StartMessageMoveTaskCommand)[0]!.args[0].input).toEqual({
      SourceArn: source,
      MaxNumberOfMessagesPerSecond: 50,
    });
    expect(task).toEqual({
      taskHandle: 'task-1',
      status: 'RUNNING',
      sourceArn: source,
      maxNumberOfMessagesPerSecond: 50,
      approximateNumberOfMessagesMoved: 0,
      approximateNumberOfMessagesToMove: 10,
      startedTimestamp: 1764086400000,
    });
    sqs.on(CancelMessageMoveTaskCommand).resolves({ ApproximateNumberOfMessagesMoved: 4 });
    sqs.on(ListMessageMoveTasksCommand).resolves({
      Results: [
        {
          TaskHandle: 'task-1',
          Status: 'CANCELLING',
          SourceArn: source,
          ApproximateNumberOfMessagesMoved: 4,
          StartedTimestamp: 1,
        },
      ],
    });
    expect(await broker.cancelMessageMoveTask('task-1')).toMatchObject({
      status: 'CANCELLING',
      approximateNumberOfMessagesMoved: 4,
    });
  });

  it('reports a cancelled task of another process from the handle when SQS encodes the source in it', async () => {
    const { broker, sqs } = mockedBroker();
    const source = queueArnOf('orders-dlq');
    const handle = Buffer.from(JSON.stringify({ taskId: 't', sourceArn: source })).toString(
      'base64',
    );
    sqs.on(CancelMessageMoveTaskCommand).resolves({ ApproximateNumberOfMessagesMoved: 2 });
    sqs.on(ListMessageMoveTasksCommand).resolves({ Results: [] });
    expect(await broker.cancelMessageMoveTask(handle)).toMatchObject({
      taskHandle: handle,
      status: 'CANCELLING',
      sourceArn: source,
      approximateNumberOfMessagesMoved: 2,
    });
  });
});
