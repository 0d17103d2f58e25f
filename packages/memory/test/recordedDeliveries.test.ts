import { MAX_RECORDED_DELIVERIES } from '@sealbus/broker-engine';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryBroker } from '../src/index.js';

const brokers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const broker of brokers.splice(0)) await broker.close();
});

function broker() {
  const created = createMemoryBroker();
  brokers.push(created);
  return created;
}

describe('email and SMS subscriptions: recorded, not sent', () => {
  // Subscribe API reference: "For the sms protocol, the endpoint is a phone number of an
  // SMS-enabled device"; SNS takes numbers in E.164 format.
  it('sms takes E.164 numbers, needs no confirmation, and records each message', async () => {
    const b = broker();
    const topic = await b.createTopic('pager');
    for (const bad of [
      '0044123',
      '+0123456',
      '12025550100',
      '+1 202 555 0100',
      '+1234567890123456',
    ]) {
      await expect(topic.subscribe({ protocol: 'sms', endpoint: bad })).rejects.toMatchObject({
        code: 'InvalidParameter',
        message: `Invalid SMS endpoint: ${bad}`,
      });
    }
    const subscription = await topic.subscribe({ protocol: 'sms', endpoint: '+12025550100' });
    expect(subscription.pendingConfirmation).toBe(false);
    const { messageId } = await topic.publish('ward 4: code blue');
    expect(b.recordedDeliveries('+12025550100')).toEqual([
      expect.objectContaining({
        kind: 'Notification',
        protocol: 'sms',
        subscriptionArn: subscription.arn,
        messageId,
        body: 'ward 4: code blue',
      }),
    ]);
  });

  // Subscribe API reference: "For the email protocol, the endpoint is an email address".
  it('email subscriptions wait for the recorded confirmation, then get the message', async () => {
    const b = broker();
    const topic = await b.createTopic('rota');
    await expect(
      topic.subscribe({ protocol: 'email', endpoint: 'not-an-address' }),
    ).rejects.toMatchObject({
      code: 'InvalidParameter',
      message: 'Invalid parameter: Email address',
    });
    const pending = await topic.subscribe({ protocol: 'email', endpoint: 'nurse@example.org' });
    expect(pending.pendingConfirmation).toBe(true);
    await topic.publish('before confirmation');
    const [confirmation] = b.recordedDeliveries('nurse@example.org');
    expect(confirmation?.kind).toBe('SubscriptionConfirmation');
    expect(b.recordedDeliveries('nurse@example.org')).toHaveLength(1);
    const { Token, SubscribeURL } = JSON.parse(confirmation!.body) as Record<string, string>;
    expect(SubscribeURL).toContain(`Token=${Token}`);
    const confirmed = await b.confirmSubscription(topic.arn, Token!);
    expect(confirmed).toMatchObject({ arn: pending.arn, pendingConfirmation: false });
    await topic.publish('shift swap approved', { subject: 'Rota' });
    expect(b.recordedDeliveries('nurse@example.org').map((d) => d.body)).toEqual([
      confirmation!.body,
      'shift swap approved',
    ]);
  });

  it('email-json records the JSON notification', async () => {
    const b = broker();
    const topic = await b.createTopic('audit');
    await topic.subscribe({ protocol: 'email-json', endpoint: 'audit@example.org' });
    const token = JSON.parse(b.recordedDeliveries()[0]!.body).Token as string;
    await b.confirmSubscription(topic.name, token);
    await topic.publish('{"event":"login"}', { subject: 'Audit' });
    const notification = JSON.parse(b.recordedDeliveries('audit@example.org')[1]!.body);
    expect(notification).toMatchObject({
      Type: 'Notification',
      TopicArn: topic.arn,
      Subject: 'Audit',
      Message: '{"event":"login"}',
    });
  });

  it('FIFO topics refuse them; the record keeps the newest entries only', async () => {
    const b = broker();
    const fifo = await b.createTopic('pager.fifo', { FifoTopic: true });
    await expect(
      fifo.subscribe({ protocol: 'sms', endpoint: '+12025550100' }),
    ).rejects.toMatchObject({
      message: 'Invalid parameter: Invalid parameter: Endpoint Reason: Please use FIFO SQS queue',
    });
    const topic = await b.createTopic('flood');
    await topic.subscribe({ protocol: 'sms', endpoint: '+12025550101' });
    for (let i = 0; i <= MAX_RECORDED_DELIVERIES; i++) await topic.publish(`m${i}`);
    const kept = b.recordedDeliveries();
    expect(kept).toHaveLength(MAX_RECORDED_DELIVERIES);
    expect(kept[0]!.body).toBe('m1');
  });
});

describe('mobile push (application): recorded, not sent', () => {
  // Publish, MessageStructure: each protocol gets its own key's text, else "default"; SNS skips
  // endpoints that are disabled and drops deliveries to deleted ones.
  it('records each endpoint its platform text; disabled and deleted endpoints get nothing', async () => {
    const b = broker();
    const topic = await b.createTopic('devices');
    const apns = await b.createPlatformApplication('ios', 'APNS', {
      PlatformPrincipal: 'key-id',
      PlatformCredential: 'signing-key',
    });
    const gcm = await b.createPlatformApplication('android', 'GCM', { PlatformCredential: 'k' });
    const phone = await b.createPlatformEndpoint(apns.arn, 'apns-token');
    const tablet = await b.createPlatformEndpoint(gcm.arn, 'fcm-token');
    const off = await b.createPlatformEndpoint(gcm.arn, 'fcm-token-off', { Enabled: 'false' });
    const gone = await b.createPlatformEndpoint(gcm.arn, 'fcm-token-gone');
    for (const endpoint of [phone, tablet, off, gone]) {
      await topic.subscribe({ protocol: 'application', endpoint: endpoint.arn });
    }
    await b.deleteEndpoint(gone.arn);
    const message = JSON.stringify({ default: 'bed 12 free', APNS: '{"aps":{"alert":"bed 12"}}' });
    const { messageId } = await topic.publish(message, { messageStructure: 'json' });
    const seen = b
      .recordedDeliveries()
      .filter((d) => d.protocol === 'application')
      .map(({ endpoint, body, messageId: id, topicArn }) => ({ endpoint, body, id, topicArn }));
    expect(seen).toEqual([
      {
        endpoint: phone.arn,
        body: '{"aps":{"alert":"bed 12"}}',
        id: messageId,
        topicArn: topic.arn,
      },
      { endpoint: tablet.arn, body: 'bed 12 free', id: messageId, topicArn: topic.arn },
    ]);
  });
});
