import {
  CreateTopicCommand,
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  ListTopicsCommand,
  SetSubscriptionAttributesCommand,
  SetTopicAttributesCommand,
  SubscribeCommand,
} from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  QueueDoesNotExist,
  SetQueueAttributesCommand,
} from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import {
  mockedBroker,
  queueArnOf,
  queueUrlOf,
  topicArnOf,
} from '../../test/support/mockedBroker.js';
import { ResourceDriftError } from '../errors/ResourceDriftError.js';
import { AwsTopic } from '../topics/AwsTopic.js';
import { ensureQueue } from './ensureQueue.js';
import { ensureSubscription } from './ensureSubscription.js';
import { ensureTopic } from './ensureTopic.js';

const DECLARED = { VisibilityTimeout: 60, KmsMasterKeyId: 'alias/billing' };

function existingQueue(attributes: Record<string, string>) {
  const mocks = mockedBroker();
  mocks.sqs.on(GetQueueUrlCommand).resolves({ QueueUrl: queueUrlOf('billing') });
  mocks.sqs
    .on(GetQueueAttributesCommand)
    .resolves({ Attributes: { QueueArn: queueArnOf('billing'), ...attributes } });
  mocks.sqs.on(SetQueueAttributesCommand).resolves({});
  return mocks;
}

describe('ensureQueue', () => {
  it('creates a missing queue and reports it', async () => {
    const { broker, sqs } = mockedBroker();
    sqs
      .on(GetQueueUrlCommand)
      .rejects(new QueueDoesNotExist({ message: 'no queue', $metadata: {} }));
    sqs.on(CreateQueueCommand).resolves({ QueueUrl: queueUrlOf('billing') });
    const { queue, report } = await ensureQueue(broker, 'billing', DECLARED);
    expect(queue.arn).toBe(queueArnOf('billing'));
    expect(report).toEqual({ created: true, drift: [], updated: false });
    expect(sqs.commandCalls(CreateQueueCommand)[0]!.args[0].input.Attributes).toEqual({
      VisibilityTimeout: '60',
      KmsMasterKeyId: 'alias/billing',
    });
  });

  it('rejects an unknown onDrift, naming the option', async () => {
    const { broker } = existingQueue({});
    await expect(
      ensureQueue(broker, 'billing', {}, { onDrift: 'ignore' as 'report' }),
    ).rejects.toMatchObject({ code: 'InvalidParameterValue', field: 'onDrift' });
  });

  it('reports no drift when the declared attributes match', async () => {
    const { broker } = existingQueue({
      VisibilityTimeout: '60',
      KmsMasterKeyId: 'alias/billing',
      SqsManagedSseEnabled: 'false',
    });
    const { report } = await ensureQueue(broker, 'billing', DECLARED);
    expect(report).toEqual({ created: false, drift: [], updated: false });
  });

  it("fails fast on drift by default, naming each attribute's actual and expected value", async () => {
    const { broker, sqs } = existingQueue({
      VisibilityTimeout: '30',
      SqsManagedSseEnabled: 'true',
    });
    const error = await ensureQueue(broker, 'billing', DECLARED).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceDriftError);
    expect(error).toMatchObject({
      code: 'ResourceDrift',
      resourceName: 'Queue billing',
      drift: [
        { attribute: 'VisibilityTimeout', expected: '60', actual: '30' },
        { attribute: 'KmsMasterKeyId', expected: 'alias/billing', actual: undefined },
      ],
    });
    expect((error as Error).message).toContain('VisibilityTimeout is 30, expected 60');
    expect(sqs.commandCalls(SetQueueAttributesCommand)).toHaveLength(0);
  });

  it("onDrift 'report' returns the drift; 'update' applies the declared values", async () => {
    const { broker, sqs } = existingQueue({
      VisibilityTimeout: '30',
      SqsManagedSseEnabled: 'true',
    });
    const reported = await ensureQueue(broker, 'billing', DECLARED, { onDrift: 'report' });
    expect(reported.report.drift.map((d) => d.attribute)).toEqual([
      'VisibilityTimeout',
      'KmsMasterKeyId',
    ]);
    expect(sqs.commandCalls(SetQueueAttributesCommand)).toHaveLength(0);
    const updated = await ensureQueue(
      broker,
      'billing',
      { VisibilityTimeout: 60 },
      { onDrift: 'update' },
    );
    expect(updated.report).toMatchObject({ created: false, updated: true });
    expect(sqs.commandCalls(SetQueueAttributesCommand)[0]!.args[0].input.Attributes).toEqual({
      VisibilityTimeout: '60',
    });
  });
});

describe('ensureTopic', () => {
  it('creates a missing topic, and checks an existing one per onDrift', async () => {
    const { broker, sns } = mockedBroker();
    sns.on(ListTopicsCommand).resolves({ Topics: [] });
    sns.on(CreateTopicCommand).resolves({ TopicArn: topicArnOf('Patient-Records') });
    expect(
      (await ensureTopic(broker, 'Patient-Records', { KmsMasterKeyId: 'alias/records' })).report
        .created,
    ).toBe(true);

    sns.on(ListTopicsCommand).resolves({ Topics: [{ TopicArn: topicArnOf('Patient-Records') }] });
    sns.on(GetTopicAttributesCommand).resolves({
      Attributes: { TopicArn: topicArnOf('Patient-Records'), KmsMasterKeyId: 'alias/aws/sns' },
    });
    await expect(
      ensureTopic(broker, 'Patient-Records', { KmsMasterKeyId: 'alias/records' }),
    ).rejects.toMatchObject({
      code: 'ResourceDrift',
      drift: [{ attribute: 'KmsMasterKeyId', expected: 'alias/records', actual: 'alias/aws/sns' }],
    });
    sns.on(SetTopicAttributesCommand).resolves({});
    const { report } = await ensureTopic(
      broker,
      'Patient-Records',
      { KmsMasterKeyId: 'alias/records' },
      { onDrift: 'update' },
    );
    expect(report.updated).toBe(true);
    expect(sns.commandCalls(SetTopicAttributesCommand)[0]!.args[0].input).toMatchObject({
      AttributeName: 'KmsMasterKeyId',
      AttributeValue: 'alias/records',
    });
  });
});

describe('ensureSubscription', () => {
  it('subscribes when missing and compares filter policies regardless of key order', async () => {
    const { broker, sns, sqs } = mockedBroker();
    sqs.on(GetQueueUrlCommand).resolves({ QueueUrl: queueUrlOf('billing') });
    sqs.on(GetQueueAttributesCommand).resolves({ Attributes: {} });
    sqs.on(SetQueueAttributesCommand).resolves({});
    const queue = await broker.getQueue('billing');
    const topic = new AwsTopic(broker.context, 'Patient-Records', topicArnOf('Patient-Records'));
    const declared = {
      filterPolicy: { ward: ['icu'], kind: ['admission'] },
      rawMessageDelivery: true,
    };

    sns.on(ListSubscriptionsByTopicCommand).resolves({ Subscriptions: [] });
    sns.on(SubscribeCommand).resolves({ SubscriptionArn: `${topicArnOf('Patient-Records')}:s1` });
    sns.on(GetSubscriptionAttributesCommand).resolves({
      Attributes: { TopicArn: topicArnOf('Patient-Records'), Protocol: 'sqs', Endpoint: queue.arn },
    });
    expect((await ensureSubscription(broker, topic, queue, declared)).report.created).toBe(true);

    sns.on(ListSubscriptionsByTopicCommand).resolves({
      Subscriptions: [{ SubscriptionArn: `${topicArnOf('Patient-Records')}:s1`, Protocol: 'sqs' }],
    });
    sns.on(GetSubscriptionAttributesCommand).resolves({
      Attributes: {
        TopicArn: topicArnOf('Patient-Records'),
        Endpoint: queue.arn,
        FilterPolicy: '{"kind":["admission"],"ward":["icu"]}',
        RawMessageDelivery: 'true',
      },
    });
    expect((await ensureSubscription(broker, topic, queue, declared)).report).toEqual({
      created: false,
      drift: [],
      updated: false,
    });
    await expect(
      ensureSubscription(broker, topic, queue, { rawMessageDelivery: true }),
    ).rejects.toMatchObject({
      drift: [
        {
          attribute: 'FilterPolicy',
          expected: undefined,
          actual: '{"kind":["admission"],"ward":["icu"]}',
        },
      ],
    });
    sns.on(SetSubscriptionAttributesCommand).resolves({});
    await ensureSubscription(
      broker,
      topic,
      queue,
      { rawMessageDelivery: true },
      { onDrift: 'update' },
    );
    expect(sns.commandCalls(SetSubscriptionAttributesCommand).map((c) => c.args[0].input)).toEqual([
      {
        SubscriptionArn: `${topicArnOf('Patient-Records')}:s1`,
        AttributeName: 'FilterPolicy',
        AttributeValue: '',
      },
      {
        SubscriptionArn: `${topicArnOf('Patient-Records')}:s1`,
        AttributeName: 'RawMessageDelivery',
        AttributeValue: 'true',
      },
    ]);
  });
});
