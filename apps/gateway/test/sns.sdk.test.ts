import {
  CreateTopicCommand,
  DeleteTopicCommand,
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  ListSubscriptionsCommand,
  ListTopicsCommand,
  NotFoundException,
  PublishBatchCommand,
  PublishCommand,
  SetSubscriptionAttributesCommand,
  SetTopicAttributesCommand,
  type SNSClient,
  SubscribeCommand,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.js';

let h: Harness;
let sns: SNSClient;
let sqs: SQSClient;

beforeAll(async () => {
  h = await startHarness();
  sns = h.sns();
  sqs = h.sqs();
});
afterAll(() => h.close());

async function queue(name: string): Promise<{ url: string; arn: string }> {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  return { url: QueueUrl!, arn: `arn:aws:sqs:us-east-1:000000000000:${name}` };
}

async function receiveAll(url: string): Promise<Message[]> {
  const { Messages } = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: url,
      MaxNumberOfMessages: 10,
      MessageAttributeNames: ['All'],
    }),
  );
  return Messages ?? [];
}

describe('topics', () => {
  it('creates topics idempotently, lists them and reads and sets attributes', async () => {
    const { TopicArn } = await sns.send(
      new CreateTopicCommand({ Name: 'events', Attributes: { DisplayName: 'Events' } }),
    );
    expect(TopicArn).toBe('arn:aws:sns:us-east-1:000000000000:events');
    expect(
      (
        await sns.send(
          new CreateTopicCommand({ Name: 'events', Attributes: { DisplayName: 'Events' } }),
        )
      ).TopicArn,
    ).toBe(TopicArn);
    const { Topics } = await sns.send(new ListTopicsCommand({}));
    expect(Topics).toContainEqual({ TopicArn });
    await sns.send(
      new SetTopicAttributesCommand({
        TopicArn,
        AttributeName: 'DisplayName',
        AttributeValue: 'All events',
      }),
    );
    const { Attributes } = await sns.send(new GetTopicAttributesCommand({ TopicArn }));
    expect(Attributes).toMatchObject({
      TopicArn,
      Owner: '000000000000',
      DisplayName: 'All events',
      SubscriptionsConfirmed: '0',
    });
  });

  it('deletes topics and reports missing ones as NotFoundException', async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'short-lived' }));
    await sns.send(new DeleteTopicCommand({ TopicArn }));
    const error = await sns.send(new GetTopicAttributesCommand({ TopicArn })).catch((e) => e);
    expect(error).toBeInstanceOf(NotFoundException);
    expect(error.$metadata.httpStatusCode).toBe(404);
  });
});

describe('subscriptions and publishing', () => {
  it('subscribes queues, lists, reads and sets subscription attributes, unsubscribes', async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'subs' }));
    const target = await queue('subs-target');
    const { SubscriptionArn } = await sns.send(
      new SubscribeCommand({
        TopicArn,
        Protocol: 'sqs',
        Endpoint: target.arn,
        Attributes: { RawMessageDelivery: 'true' },
        ReturnSubscriptionArn: true,
      }),
    );
    expect(SubscriptionArn).toMatch(new RegExp(`^${TopicArn}:`));
    const byTopic = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn }));
    expect(byTopic.Subscriptions).toEqual([
      {
        SubscriptionArn,
        TopicArn,
        Protocol: 'sqs',
        Endpoint: target.arn,
        Owner: '000000000000',
      },
    ]);
    const all = await sns.send(new ListSubscriptionsCommand({}));
    expect(all.Subscriptions?.map((s) => s.SubscriptionArn)).toContain(SubscriptionArn);
    await sns.send(
      new SetSubscriptionAttributesCommand({
        SubscriptionArn,
        AttributeName: 'FilterPolicy',
        AttributeValue: JSON.stringify({ kind: ['a'] }),
      }),
    );
    const { Attributes } = await sns.send(
      new GetSubscriptionAttributesCommand({ SubscriptionArn }),
    );
    expect(Attributes).toMatchObject({
      SubscriptionArn,
      TopicArn,
      Protocol: 'sqs',
      Endpoint: target.arn,
      RawMessageDelivery: 'true',
      PendingConfirmation: 'false',
      FilterPolicyScope: 'MessageAttributes',
    });
    expect(JSON.parse(Attributes!.FilterPolicy!)).toEqual({ kind: ['a'] });
    await sns.send(new UnsubscribeCommand({ SubscriptionArn }));
    expect(
      (await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn }))).Subscriptions,
    ).toEqual([]);
  });

  it('publishes raw and enveloped notifications and batches', async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'fan' }));
    const raw = await queue('fan-raw');
    const wrapped = await queue('fan-wrapped');
    await sns.send(
      new SubscribeCommand({
        TopicArn,
        Protocol: 'sqs',
        Endpoint: raw.arn,
        Attributes: { RawMessageDelivery: 'true' },
      }),
    );
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: wrapped.arn }));
    const published = await sns.send(
      new PublishCommand({
        TopicArn,
        Message: 'hello subscribers',
        Subject: 'greeting',
        MessageAttributes: { n: { DataType: 'Number', StringValue: '7' } },
      }),
    );
    expect(published.MessageId).toBeDefined();
    const [rawMessage] = await receiveAll(raw.url);
    expect(rawMessage?.Body).toBe('hello subscribers');
    expect(rawMessage?.MessageAttributes).toEqual({ n: { DataType: 'Number', StringValue: '7' } });
    const [wrappedMessage] = await receiveAll(wrapped.url);
    expect(JSON.parse(wrappedMessage!.Body!)).toMatchObject({
      Type: 'Notification',
      MessageId: published.MessageId,
      TopicArn,
      Subject: 'greeting',
      Message: 'hello subscribers',
      MessageAttributes: { n: { Type: 'Number', Value: '7' } },
    });

    const batch = await sns.send(
      new PublishBatchCommand({
        TopicArn,
        PublishBatchRequestEntries: [
          { Id: 'one', Message: 'first' },
          { Id: 'two', Message: 'second' },
        ],
      }),
    );
    expect(batch.Successful?.map((e) => e.Id).sort()).toEqual(['one', 'two']);
    expect(batch.Failed ?? []).toEqual([]);
    expect((await receiveAll(raw.url)).map((m) => m.Body).sort()).toEqual(['first', 'second']);
  });

  it('filters on the message body with FilterPolicyScope=MessageBody', async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'body-filter' }));
    const target = await queue('body-filter-target');
    const { SubscriptionArn } = await sns.send(
      new SubscribeCommand({
        TopicArn,
        Protocol: 'sqs',
        Endpoint: target.arn,
        Attributes: {
          RawMessageDelivery: 'true',
          FilterPolicyScope: 'MessageBody',
          FilterPolicy: JSON.stringify({ order: { status: ['paid'] } }),
        },
      }),
    );
    for (const status of ['paid', 'open']) {
      await sns.send(
        new PublishCommand({ TopicArn, Message: JSON.stringify({ order: { status } }) }),
      );
    }
    expect((await receiveAll(target.url)).map((m) => JSON.parse(m.Body!).order.status)).toEqual([
      'paid',
    ]);
    // A nested policy only makes sense on the body: switching scope back is refused.
    await expect(
      sns.send(
        new SetSubscriptionAttributesCommand({
          SubscriptionArn,
          AttributeName: 'FilterPolicyScope',
          AttributeValue: 'MessageAttributes',
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    const { Attributes } = await sns.send(
      new GetSubscriptionAttributesCommand({ SubscriptionArn }),
    );
    expect(Attributes?.FilterPolicyScope).toBe('MessageBody');
  });

  it('delivers the sqs text of a MessageStructure=json message', async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'structured' }));
    const target = await queue('structured-target');
    await sns.send(
      new SubscribeCommand({
        TopicArn,
        Protocol: 'sqs',
        Endpoint: target.arn,
        Attributes: { RawMessageDelivery: 'true' },
      }),
    );
    await sns.send(
      new PublishCommand({
        TopicArn,
        MessageStructure: 'json',
        Message: JSON.stringify({ default: 'for everyone', sqs: 'for queues' }),
      }),
    );
    expect((await receiveAll(target.url)).map((m) => m.Body)).toEqual(['for queues']);
    await expect(
      sns.send(new PublishCommand({ TopicArn, MessageStructure: 'json', Message: '{"sqs":"x"}' })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });
});
