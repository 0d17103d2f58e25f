import {
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  PublishBatchCommand,
  PublishCommand,
  SetTopicAttributesCommand,
  SubscribeCommand,
} from '@aws-sdk/client-sns';
import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SetQueueAttributesCommand,
} from '@aws-sdk/client-sqs';
import { openBody } from '@sealbus/conformance';
import { md5OfMessageBody } from '@sealbus/core';
import { describe, expect, it } from 'vitest';
import {
  mockedBroker,
  queueArnOf,
  queueUrlOf,
  topicArnOf,
} from '../../test/support/mockedBroker.js';
import { AwsTopic } from './AwsTopic.js';

const TOPIC = topicArnOf('Patient-Records');

async function setup(options: Parameters<typeof mockedBroker>[0] = {}) {
  const mocks = mockedBroker(options);
  mocks.sqs.on(GetQueueUrlCommand).resolves({ QueueUrl: queueUrlOf('Billing-Integration') });
  const queue = await mocks.broker.getQueue('Billing-Integration');
  const topic = new AwsTopic(mocks.broker.context, 'Patient-Records', TOPIC);
  return { ...mocks, queue, topic };
}

function notificationBody(message: string): string {
  return JSON.stringify(
    {
      Type: 'Notification',
      MessageId: 'n-1',
      TopicArn: TOPIC,
      Message: message,
      Timestamp: '2026-11-25T16:00:00.000Z',
      SignatureVersion: '1',
      Signature: 'c2ln',
      MessageAttributes: { ward: { Type: 'String', Value: 'icu' } },
    },
    null,
    2,
  );
}

describe('AwsTopic', () => {
  it('subscribes a queue after merging a statement for the topic into the queue policy', async () => {
    const { topic, queue, sqs, sns } = await setup();
    const existing = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'owner', Effect: 'Allow', Principal: { AWS: '123456789012' }, Action: 'sqs:*' },
      ],
    });
    sqs.on(GetQueueAttributesCommand).resolves({ Attributes: { Policy: existing } });
    sqs.on(SetQueueAttributesCommand).resolves({});
    sns.on(SubscribeCommand).resolves({ SubscriptionArn: `${TOPIC}:sub-1` });
    // The subscription is read back as SNS stored it.
    sns.on(GetSubscriptionAttributesCommand).resolves({
      Attributes: {
        TopicArn: TOPIC,
        Protocol: 'sqs',
        Endpoint: queueArnOf('Billing-Integration'),
        FilterPolicy: '{"ward":["icu","cardiology"]}',
        RawMessageDelivery: 'true',
        PendingConfirmation: 'false',
      },
    });
    const subscription = await topic.subscribe(queue, {
      filterPolicy: { ward: ['icu', 'cardiology'] },
      rawMessageDelivery: true,
    });
    const policy = JSON.parse(
      sqs.commandCalls(SetQueueAttributesCommand)[0]!.args[0].input.Attributes!.Policy!,
    );
    expect(policy.Statement).toHaveLength(2);
    expect(policy.Statement[1]).toMatchObject({
      Principal: { Service: 'sns.amazonaws.com' },
      Action: 'sqs:SendMessage',
      Resource: queueArnOf('Billing-Integration'),
      Condition: { ArnEquals: { 'aws:SourceArn': TOPIC } },
    });
    expect(sns.commandCalls(SubscribeCommand)[0]!.args[0].input).toEqual({
      TopicArn: TOPIC,
      Protocol: 'sqs',
      Endpoint: queueArnOf('Billing-Integration'),
      Attributes: { FilterPolicy: '{"ward":["icu","cardiology"]}', RawMessageDelivery: 'true' },
      ReturnSubscriptionArn: true,
    });
    expect(subscription).toEqual({
      arn: `${TOPIC}:sub-1`,
      topicArn: TOPIC,
      protocol: 'sqs',
      endpoint: queueArnOf('Billing-Integration'),
      attributes: {
        filterPolicy: { ward: ['icu', 'cardiology'] },
        filterPolicyScope: 'MessageAttributes',
        rawMessageDelivery: true,
      },
      pendingConfirmation: false,
    });
  });

  it('leaves the queue policy alone when the topic may already send', async () => {
    const { topic, queue, sqs, sns } = await setup();
    const allowing = JSON.stringify({
      Statement: [
        {
          Effect: 'Allow',
          Action: 'sqs:SendMessage',
          Condition: { ArnEquals: { 'aws:SourceArn': TOPIC } },
        },
      ],
    });
    sqs.on(GetQueueAttributesCommand).resolves({ Attributes: { Policy: allowing } });
    sns.on(SubscribeCommand).resolves({ SubscriptionArn: `${TOPIC}:sub-1` });
    sns.on(GetSubscriptionAttributesCommand).resolves({ Attributes: { Protocol: 'sqs' } });
    await topic.subscribe(queue);
    expect(sqs.commandCalls(SetQueueAttributesCommand)).toHaveLength(0);
  });

  it('rejects an invalid filter policy before any call', async () => {
    const { topic, queue, sqs, sns } = await setup();
    await expect(topic.subscribe(queue, { filterPolicy: { ward: 'icu' } })).rejects.toMatchObject({
      code: 'InvalidParameter',
    });
    expect(sqs.commandCalls(GetQueueAttributesCommand)).toHaveLength(0);
    expect(sns.calls()).toHaveLength(0);
  });

  it('publishes subject, attributes and FIFO ids; batches report per-entry failures', async () => {
    const { topic, sns } = await setup();
    sns.on(PublishCommand).resolves({ MessageId: 'n-1', SequenceNumber: '7' });
    expect(
      await topic.publish('hi', {
        subject: 'Admission',
        messageAttributes: { beds: { dataType: 'Number', stringValue: '3' } },
        messageGroupId: 'g',
        messageDeduplicationId: 'd',
      }),
    ).toEqual({ messageId: 'n-1', sequenceNumber: '7' });
    expect(sns.commandCalls(PublishCommand)[0]!.args[0].input).toEqual({
      TopicArn: TOPIC,
      Message: 'hi',
      Subject: 'Admission',
      MessageAttributes: { beds: { DataType: 'Number', StringValue: '3' } },
      MessageGroupId: 'g',
      MessageDeduplicationId: 'd',
    });
    sns.on(PublishBatchCommand).resolves({
      Successful: [{ Id: 'a', MessageId: 'n-a' }],
      Failed: [
        { Id: 'b', Code: 'KMSAccessDenied', Message: 'no GenerateDataKey', SenderFault: true },
      ],
    });
    expect(
      await topic.publishBatch([
        { id: 'a', body: 'one' },
        { id: 'b', body: 'two' },
      ]),
    ).toEqual({
      successful: [{ id: 'a', messageId: 'n-a' }],
      failed: [
        {
          id: 'b',
          code: 'KMS.AccessDeniedException',
          message: 'no GenerateDataKey',
          senderFault: true,
        },
      ],
    });
  });

  it('lists confirmed subscriptions of every protocol across pages with their attributes', async () => {
    const { topic, sns } = await setup();
    sns
      .on(ListSubscriptionsByTopicCommand)
      .resolvesOnce({
        Subscriptions: [{ SubscriptionArn: `${TOPIC}:s1`, Protocol: 'sqs' }],
        NextToken: 'page-2',
      })
      .resolvesOnce({
        Subscriptions: [
          { SubscriptionArn: 'PendingConfirmation', Protocol: 'sqs' },
          { SubscriptionArn: `${TOPIC}:s2`, Protocol: 'email' },
          { SubscriptionArn: `${TOPIC}:s3`, Protocol: 'sqs' },
        ],
      });
    sns.on(GetSubscriptionAttributesCommand).callsFake((input: { SubscriptionArn: string }) => ({
      Attributes: {
        TopicArn: TOPIC,
        Protocol: input.SubscriptionArn.endsWith('s2') ? 'email' : 'sqs',
        Endpoint: input.SubscriptionArn.endsWith('s2')
          ? 'ward@example.org'
          : queueArnOf(input.SubscriptionArn.endsWith('s1') ? 'a' : 'b'),
        RawMessageDelivery: 'false',
        FilterPolicyScope: 'MessageBody',
        FilterPolicy: '{"kind":["x"]}',
      },
    }));
    const subscriptions = await topic.listSubscriptions();
    // "PendingConfirmation" is no ARN: a pending subscription is not listed.
    expect(subscriptions.map((s) => [s.arn, s.protocol, s.endpoint])).toEqual([
      [`${TOPIC}:s1`, 'sqs', queueArnOf('a')],
      [`${TOPIC}:s2`, 'email', 'ward@example.org'],
      [`${TOPIC}:s3`, 'sqs', queueArnOf('b')],
    ]);
    expect(subscriptions[0]!.attributes).toEqual({
      filterPolicy: { kind: ['x'] },
      filterPolicyScope: 'MessageBody',
      rawMessageDelivery: false,
    });
  });

  it('reads topic attributes and sets each changed one with its own call', async () => {
    const { topic, sns } = await setup();
    sns.on(GetTopicAttributesCommand).resolves({
      Attributes: {
        TopicArn: TOPIC,
        KmsMasterKeyId: 'alias/aws/sns',
        DisplayName: 'Records',
        SubscriptionsConfirmed: '3',
        SubscriptionsPending: '0',
        SubscriptionsDeleted: '1',
        Owner: '123456789012',
        EffectiveDeliveryPolicy: '{"http":{}}',
      },
    });
    expect(await topic.getAttributes()).toEqual({
      TopicArn: TOPIC,
      EffectiveDeliveryPolicy: '{"http":{}}',
      KmsMasterKeyId: 'alias/aws/sns',
      DisplayName: 'Records',
      FifoTopic: false,
      ContentBasedDeduplication: false,
      SubscriptionsConfirmed: 3,
      SubscriptionsPending: 0,
      SubscriptionsDeleted: 1,
    });
    sns.on(SetTopicAttributesCommand).resolves({});
    await topic.setAttributes({ KmsMasterKeyId: 'alias/records', DisplayName: 'Patients' });
    expect(sns.commandCalls(SetTopicAttributesCommand).map((call) => call.args[0].input)).toEqual([
      { TopicArn: TOPIC, AttributeName: 'KmsMasterKeyId', AttributeValue: 'alias/records' },
      { TopicArn: TOPIC, AttributeName: 'DisplayName', AttributeValue: 'Patients' },
    ]);
  });
});

describe('SNS envelope on receive', () => {
  it('keeps the envelope by default, like the local backends', async () => {
    const { queue, sqs } = await setup();
    const body = notificationBody('{"patientId":"p-1"}');
    sqs.on(ReceiveMessageCommand).resolves({
      Messages: [
        { MessageId: 'm', ReceiptHandle: 'r', Body: body, MD5OfBody: md5OfMessageBody(body) },
      ],
    });
    const [message] = await queue.receive();
    expect(openBody(message!)).toBe(body);
    expect(message!.messageAttributes).toEqual({});
  });

  it('with unwrapSnsNotifications delivers the bare message and the envelope attributes', async () => {
    const { queue, sqs } = await setup({ unwrapSnsNotifications: true });
    const body = notificationBody('{"patientId":"p-1"}');
    sqs.on(ReceiveMessageCommand).resolves({
      Messages: [
        { MessageId: 'm', ReceiptHandle: 'r', Body: body, MD5OfBody: md5OfMessageBody(body) },
        {
          MessageId: 'm2',
          ReceiptHandle: 'r2',
          Body: '{"Type":"Other"}',
          MD5OfBody: md5OfMessageBody('{"Type":"Other"}'),
        },
      ],
    });
    const [unwrapped, plain] = await queue.receive({ maxMessages: 2 });
    expect(openBody(unwrapped!)).toBe('{"patientId":"p-1"}');
    expect(unwrapped!.md5OfBody).toBe(md5OfMessageBody('{"patientId":"p-1"}'));
    expect(unwrapped!.messageAttributes).toEqual({
      ward: { dataType: 'String', stringValue: 'icu' },
    });
    expect(openBody(plain!)).toBe('{"Type":"Other"}');
  });
});
