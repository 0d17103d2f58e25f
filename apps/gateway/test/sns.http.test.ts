import { randomUUID } from 'node:crypto';
import {
  ConfirmSubscriptionCommand,
  CreateTopicCommand,
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  PublishCommand,
  SetSubscriptionAttributesCommand,
  SetTopicAttributesCommand,
  type SNSClient,
  SubscribeCommand,
} from '@aws-sdk/client-sns';
import { CreateQueueCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { EngineBroker } from '@sealbus/broker-engine';
import { LocalKms } from '@sealbus/kms-local';
import { createMemoryBroker } from '@sealbus/memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ephemeralSigningIdentity, gatewaySnsHttp } from '../src/index.js';
import { type Harness, startHarness } from './harness.js';
import {
  selfSignedTls,
  startWebhook,
  verifySnsMessage,
  type WebhookReceiver,
} from './webhookReceiver.js';

let h: Harness;
let broker: EngineBroker;
let sns: SNSClient;
let sqs: SQSClient;
let tls: { key: string; cert: string };
const receivers: WebhookReceiver[] = [];

beforeAll(async () => {
  tls = selfSignedTls();
  // One second of a delivery policy lasts 5 ms here, so retry schedules run in a test's time.
  const snsHttp = gatewaySnsHttp(ephemeralSigningIdentity(), {
    policySecondMs: 5,
    trustedCertificates: [tls.cert],
  });
  const kms = new LocalKms();
  broker = createMemoryBroker({ kms, snsHttp: snsHttp.brokerOptions });
  h = await startHarness({ broker, kms, gateway: { snsHttp } });
  sns = h.sns();
  sqs = h.sqs();
});
afterAll(async () => {
  for (const receiver of receivers) await receiver.close();
  await h.close();
});

async function webhook(secure = false): Promise<WebhookReceiver> {
  const receiver = await startWebhook(secure ? tls : undefined);
  receivers.push(receiver);
  return receiver;
}

async function topic(attributes: Record<string, string> = {}): Promise<string> {
  const { TopicArn } = await sns.send(
    new CreateTopicCommand({ Name: `hooks-${randomUUID().slice(0, 8)}`, Attributes: attributes }),
  );
  return TopicArn!;
}

/** Subscribes `receiver` and confirms through the SubscribeURL of its confirmation message. */
async function confirmedSubscription(
  topicArn: string,
  receiver: WebhookReceiver,
  attributes?: Record<string, string>,
): Promise<string> {
  const protocol = receiver.url.startsWith('https') ? 'https' : 'http';
  await sns.send(
    new SubscribeCommand({
      TopicArn: topicArn,
      Protocol: protocol,
      Endpoint: receiver.url,
      Attributes: attributes,
    }),
  );
  const confirmation = JSON.parse((await receiver.nth(1)).body) as Record<string, string>;
  const answer = await fetch(confirmation.SubscribeURL!);
  expect(answer.status).toBe(200);
  return /<SubscriptionArn>([^<]+)<\/SubscriptionArn>/.exec(await answer.text())![1]!;
}

describe('SNS http/https subscriptions', () => {
  // Subscribe API reference: "the subscription must be confirmed"; ReturnSubscriptionArn false
  // answers "pending confirmation".
  it('posts a signed SubscriptionConfirmation; the SubscribeURL confirms it', async () => {
    const topicArn = await topic();
    const receiver = await webhook();
    const { SubscriptionArn } = await sns.send(
      new SubscribeCommand({ TopicArn: topicArn, Protocol: 'http', Endpoint: receiver.url }),
    );
    expect(SubscriptionArn).toBe('pending confirmation');
    const post = await receiver.nth(1);
    expect(post.headers).toMatchObject({
      'x-amz-sns-message-type': 'SubscriptionConfirmation',
      'x-amz-sns-topic-arn': topicArn,
      'content-type': 'text/plain; charset=UTF-8',
    });
    const message = JSON.parse(post.body) as Record<string, string>;
    expect(Object.keys(message)).toEqual([
      'Type',
      'MessageId',
      'Token',
      'TopicArn',
      'Message',
      'SubscribeURL',
      'Timestamp',
      'SignatureVersion',
      'Signature',
      'SigningCertURL',
    ]);
    expect(message.SigningCertURL!.startsWith(h.gateway.url)).toBe(true);
    expect(await verifySnsMessage(message)).toBe(true);
    // A tampered message fails the same check: the verification is real.
    expect(await verifySnsMessage({ ...message, Message: 'tampered' })).toBe(false);

    const listed = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }));
    expect(listed.Subscriptions?.[0]?.SubscriptionArn).toBe('PendingConfirmation');
    const counts = (await sns.send(new GetTopicAttributesCommand({ TopicArn: topicArn })))
      .Attributes!;
    expect([counts.SubscriptionsPending, counts.SubscriptionsConfirmed]).toEqual(['1', '0']);

    // Nothing reaches a pending subscription.
    await sns.send(new PublishCommand({ TopicArn: topicArn, Message: 'too early' }));
    await broker.httpDeliveriesSettled();
    expect(receiver.posts).toHaveLength(1);

    // The SubscribeURL is opened without AWS credentials, as a browser would.
    const answer = await fetch(message.SubscribeURL!);
    expect(answer.status).toBe(200);
    const arn = /<SubscriptionArn>([^<]+)<\/SubscriptionArn>/.exec(await answer.text())![1]!;
    expect(arn.startsWith(`${topicArn}:`)).toBe(true);
    const attributes = (
      await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: arn }))
    ).Attributes!;
    expect(attributes).toMatchObject({
      Protocol: 'http',
      Endpoint: receiver.url,
      PendingConfirmation: 'false',
      RawMessageDelivery: 'false',
    });
    expect(JSON.parse(attributes.EffectiveDeliveryPolicy!)).toMatchObject({
      healthyRetryPolicy: { numRetries: 3, minDelayTarget: 20, maxDelayTarget: 20 },
    });
  });

  // ConfirmSubscription API reference: confirms "by validating the token sent to the endpoint".
  it('ConfirmSubscription takes the token only; a wrong one is InvalidParameter', async () => {
    const topicArn = await topic();
    const receiver = await webhook();
    await sns.send(
      new SubscribeCommand({ TopicArn: topicArn, Protocol: 'http', Endpoint: receiver.url }),
    );
    const { Token } = JSON.parse((await receiver.nth(1)).body) as { Token: string };
    await expect(
      sns.send(new ConfirmSubscriptionCommand({ TopicArn: topicArn, Token: `${Token}0` })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'Invalid token' });
    const { SubscriptionArn } = await sns.send(
      new ConfirmSubscriptionCommand({ TopicArn: topicArn, Token }),
    );
    expect(SubscriptionArn?.startsWith(`${topicArn}:`)).toBe(true);
  });

  // Developer guide, "Parsing message formats": the Notification JSON and its signature.
  it('delivers signed notifications, version 1 then 2, with subject and attributes', async () => {
    const topicArn = await topic();
    const receiver = await webhook();
    const arn = await confirmedSubscription(topicArn, receiver);
    const { MessageId } = await sns.send(
      new PublishCommand({
        TopicArn: topicArn,
        Message: '{"admitted":"p-1"}',
        Subject: 'Admission',
        MessageAttributes: { ward: { DataType: 'String', StringValue: 'icu' } },
      }),
    );
    const post = await receiver.nth(2);
    expect(post.headers).toMatchObject({
      'x-amz-sns-message-type': 'Notification',
      'x-amz-sns-message-id': MessageId,
      'x-amz-sns-subscription-arn': arn,
    });
    const message = JSON.parse(post.body) as Record<string, unknown>;
    expect(message).toMatchObject({
      Type: 'Notification',
      MessageId,
      TopicArn: topicArn,
      Subject: 'Admission',
      Message: '{"admitted":"p-1"}',
      SignatureVersion: '1',
      MessageAttributes: { ward: { Type: 'String', Value: 'icu' } },
    });
    expect(message.UnsubscribeURL).toBe(
      `${h.gateway.url}/?Action=Unsubscribe&SubscriptionArn=${encodeURIComponent(arn)}`,
    );
    expect(await verifySnsMessage(message as Record<string, string>)).toBe(true);

    await sns.send(
      new SetTopicAttributesCommand({
        TopicArn: topicArn,
        AttributeName: 'SignatureVersion',
        AttributeValue: '2',
      }),
    );
    await sns.send(new PublishCommand({ TopicArn: topicArn, Message: 'second' }));
    const second = JSON.parse((await receiver.nth(3)).body) as Record<string, string>;
    expect(second.SignatureVersion).toBe('2');
    expect(await verifySnsMessage(second)).toBe(true);
    // A version-2 signature does not verify as version 1.
    expect(await verifySnsMessage({ ...second, SignatureVersion: '1' })).toBe(false);
  });

  it('raw delivery posts the bare message over https to a self-signed endpoint', async () => {
    const topicArn = await topic();
    const receiver = await webhook(true);
    const arn = await confirmedSubscription(topicArn, receiver);
    await sns.send(
      new SetSubscriptionAttributesCommand({
        SubscriptionArn: arn,
        AttributeName: 'RawMessageDelivery',
        AttributeValue: 'true',
      }),
    );
    await sns.send(new PublishCommand({ TopicArn: topicArn, Message: 'just the text' }));
    const post = await receiver.nth(2);
    expect(post.body).toBe('just the text');
    expect(post.headers['x-amz-sns-rawdelivery']).toBe('true');
  });

  // Developer guide, "Amazon SNS message delivery retries" and "dead-letter queues".
  it('retries a failing endpoint per its DeliveryPolicy, then dead-letters it sealed', async () => {
    const { KeyMetadata } = await h
      .kmsClient()
      .send(new (await import('@aws-sdk/client-kms')).CreateKeyCommand({}));
    const topicArn = await topic({ KmsMasterKeyId: KeyMetadata!.KeyId! });
    const dlqName = `hook-dlq-${randomUUID().slice(0, 8)}`;
    const { QueueUrl } = await sqs.send(
      new CreateQueueCommand({
        QueueName: dlqName,
        Attributes: { KmsMasterKeyId: KeyMetadata!.KeyId! },
      }),
    );
    const receiver = await webhook();
    const arn = await confirmedSubscription(topicArn, receiver, {
      DeliveryPolicy: JSON.stringify({
        healthyRetryPolicy: {
          numRetries: 3,
          numNoDelayRetries: 1,
          minDelayTarget: 1,
          maxDelayTarget: 4,
          backoffFunction: 'exponential',
        },
      }),
      RedrivePolicy: JSON.stringify({
        deadLetterTargetArn: `arn:aws:sqs:us-east-1:000000000000:${dlqName}`,
      }),
    });
    expect(arn.startsWith(topicArn)).toBe(true);
    receiver.respond = () => 503;
    const { MessageId } = await sns.send(
      new PublishCommand({ TopicArn: topicArn, Message: '{"diagnosis":"confidential"}' }),
    );
    await broker.httpDeliveriesSettled();
    // The first attempt and three retries, each the same message.
    const attempts = receiver.posts.slice(1);
    expect(attempts).toHaveLength(4);
    expect(new Set(attempts.map((post) => post.headers['x-amz-sns-message-id']))).toEqual(
      new Set([MessageId]),
    );
    const [stored] = await broker.peek(dlqName);
    expect(stored?.sealed).toBe(true);
    expect(Buffer.from(stored!.storedBody).includes('confidential')).toBe(false);
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl, MessageAttributeNames: ['All'] }),
    );
    expect(JSON.parse(Messages![0]!.Body!)).toMatchObject({
      Type: 'Notification',
      MessageId,
      Message: '{"diagnosis":"confidential"}',
    });
    expect(Messages![0]!.MessageAttributes?.ErrorCode?.StringValue).toBe('ServerError');
  });

  it('a 4xx answer is final: no retries, straight to the dead-letter queue', async () => {
    const topicArn = await topic();
    const dlqName = `hook-dlq4-${randomUUID().slice(0, 8)}`;
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: dlqName }));
    const receiver = await webhook();
    await confirmedSubscription(topicArn, receiver, {
      RedrivePolicy: JSON.stringify({
        deadLetterTargetArn: `arn:aws:sqs:us-east-1:000000000000:${dlqName}`,
      }),
    });
    receiver.respond = () => 404;
    await sns.send(new PublishCommand({ TopicArn: topicArn, Message: 'gone' }));
    await broker.httpDeliveriesSettled();
    expect(receiver.posts).toHaveLength(2);
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl, MessageAttributeNames: ['All'] }),
    );
    expect(Messages?.[0]?.MessageAttributes?.ErrorCode?.StringValue).toBe('ClientError');
  });

  it('refuses endpoints beyond loopback and of the wrong scheme', async () => {
    const topicArn = await topic();
    await expect(
      sns.send(
        new SubscribeCommand({
          TopicArn: topicArn,
          Protocol: 'http',
          Endpoint: 'http://203.0.113.7/hook',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message:
        'Invalid parameter: Endpoint Reason: "203.0.113.7" is not a loopback address; this broker delivers only to 127.0.0.0/8, ::1 and localhost unless allowNonLoopbackEndpoints is set',
    });
    await expect(
      sns.send(
        new SubscribeCommand({
          TopicArn: topicArn,
          Protocol: 'https',
          Endpoint: 'http://127.0.0.1/hook',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid parameter: Endpoint must match the specified protocol',
    });
  });

  it('opens an UnsubscribeURL without credentials for http only, never for a queue', async () => {
    const topicArn = await topic();
    const receiver = await webhook();
    const arn = await confirmedSubscription(topicArn, receiver);
    const { QueueUrl } = await sqs.send(
      new CreateQueueCommand({ QueueName: `hook-q-${randomUUID().slice(0, 8)}` }),
    );
    const queueArn = `arn:aws:sqs:us-east-1:000000000000:${QueueUrl!.split('/').pop()}`;
    const queueSubscription = (
      await sns.send(
        new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: queueArn }),
      )
    ).SubscriptionArn!;
    const unsubscribe = (subscriptionArn: string) =>
      fetch(
        `${h.gateway.url}/?Action=Unsubscribe&SubscriptionArn=${encodeURIComponent(subscriptionArn)}`,
      );
    // An attacker holding a queue subscription's ARN cannot drop it without credentials.
    expect((await unsubscribe(queueSubscription)).status).toBe(403);
    expect((await unsubscribe(arn)).status).toBe(200);
    const left = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }));
    expect(left.Subscriptions?.map((s) => s.SubscriptionArn)).toEqual([queueSubscription]);
  });

  it('email and sms subscriptions over the wire: validated, recorded in the gateway process', async () => {
    const topicArn = await topic();
    await expect(
      sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sms', Endpoint: '555-0100' })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid SMS endpoint: 555-0100',
    });
    const sms = await sns.send(
      new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sms', Endpoint: '+447700900123' }),
    );
    expect(sms.SubscriptionArn?.startsWith(`${topicArn}:`)).toBe(true);
    const email = await sns.send(
      new SubscribeCommand({ TopicArn: topicArn, Protocol: 'email', Endpoint: 'ward@example.org' }),
    );
    expect(email.SubscriptionArn).toBe('pending confirmation');
    // The recorded confirmation's SubscribeURL points at the gateway and confirms there.
    const { SubscribeURL } = JSON.parse(broker.recordedDeliveries('ward@example.org')[0]!.body);
    expect(SubscribeURL.startsWith(h.gateway.url)).toBe(true);
    expect((await fetch(SubscribeURL)).status).toBe(200);
    await sns.send(new PublishCommand({ TopicArn: topicArn, Message: 'bed 12 free' }));
    expect(broker.recordedDeliveries('+447700900123').map((d) => d.body)).toEqual(['bed 12 free']);
    expect(broker.recordedDeliveries('ward@example.org').map((d) => d.kind)).toEqual([
      'SubscriptionConfirmation',
      'Notification',
    ]);
  });
});
