import { OPT_IN_INTERVAL_MS, OPTED_OUT_PAGE_SIZE } from '@sealbus/broker-engine';
import { ManualClock } from '@sealbus/conformance';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryBroker } from '../src/index.js';

const brokers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const broker of brokers.splice(0)) await broker.close();
});

function broker(clock = new ManualClock(Date.UTC(2030, 0, 1))) {
  const created = createMemoryBroker({ clock });
  brokers.push(created);
  return { broker: created, clock };
}

const DAY_MS = 24 * 60 * 60 * 1000;
const smsType = (value: string) => ({
  'AWS.SNS.SMS.SMSType': { dataType: 'String', stringValue: value },
});

describe('SMS: recorded deliveries with their type', () => {
  // SetSMSAttributes API reference: DefaultSMSType "Promotional – (Default) Noncritical
  // messages"; Publish message attributes override the account default per message.
  it('records the SMS type: the message attribute, else DefaultSMSType, else Promotional', async () => {
    const { broker: b } = broker();
    await b.publishSms('+12025550100', 'first');
    await b.setSmsAttributes({ DefaultSMSType: 'Transactional', DefaultSenderID: 'Clinic' });
    await b.publishSms('+12025550100', 'second');
    const { messageId } = await b.publishSms('+12025550100', 'third', {
      messageAttributes: {
        ...smsType('Promotional'),
        'AWS.SNS.SMS.SenderID': { dataType: 'String', stringValue: 'Ward4' },
      },
    });
    expect(b.recordedDeliveries('+12025550100')).toEqual([
      expect.objectContaining({ body: 'first', smsType: 'Promotional', topicArn: '' }),
      expect.objectContaining({ body: 'second', smsType: 'Transactional', senderId: 'Clinic' }),
      expect.objectContaining({
        kind: 'Notification',
        protocol: 'sms',
        messageId,
        body: 'third',
        smsType: 'Promotional',
        senderId: 'Ward4',
        subscriptionArn: '',
      }),
    ]);
    expect(b.recordedDeliveries('+12025550100')[0]?.senderId).toBeUndefined();
  });

  it('a topic records the SMS type for its sms subscribers too', async () => {
    const { broker: b } = broker();
    const topic = await b.createTopic('pager');
    const subscription = await topic.subscribe({ protocol: 'sms', endpoint: '+12025550100' });
    await topic.publish('urgent', { messageAttributes: smsType('Transactional') });
    expect(b.recordedDeliveries('+12025550100')).toEqual([
      expect.objectContaining({
        subscriptionArn: subscription.arn,
        body: 'urgent',
        smsType: 'Transactional',
      }),
    ]);
  });
});

describe('SMS: the opt-out list', () => {
  // CheckIfPhoneNumberIsOptedOut: "You cannot send SMS messages to a number that is opted out."
  // Publish still answers with a message id; the delivery fails (SNS delivery status logs).
  it('a number opted out (as by a STOP reply) is reported and gets no direct SMS', async () => {
    const { broker: b } = broker();
    await b.optOutPhoneNumber('+12025550100');
    expect(await b.checkIfPhoneNumberIsOptedOut('+12025550100')).toBe(true);
    expect(await b.checkIfPhoneNumberIsOptedOut('+12025550101')).toBe(false);
    const { messageId } = await b.publishSms('+12025550100', 'not delivered');
    expect(messageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(b.recordedDeliveries('+12025550100')).toEqual([]);
    await expect(b.optOutPhoneNumber('12025550100')).rejects.toMatchObject({
      code: 'InvalidParameter',
    });
  });

  // Developer guide, Managing phone numbers: "If the phone number is subscribed to an Amazon SNS
  // topic, opting out does not remove the subscription, but SMS messages will fail to deliver to
  // that subscription unless you opt in the phone number."
  it('a topic keeps an opted-out subscriber but delivers nothing to it', async () => {
    const { broker: b, clock } = broker();
    const topic = await b.createTopic('pager');
    await topic.subscribe({ protocol: 'sms', endpoint: '+12025550100' });
    await topic.subscribe({ protocol: 'sms', endpoint: '+12025550199' });
    await b.optOutPhoneNumber('+12025550100');
    await topic.publish('while opted out');
    expect(b.recordedDeliveries('+12025550100')).toEqual([]);
    expect(b.recordedDeliveries('+12025550199')).toHaveLength(1);
    expect((await topic.listSubscriptions()).map((s) => s.endpoint)).toContain('+12025550100');
    clock.advance(DAY_MS);
    await b.optInPhoneNumber('+12025550100');
    await topic.publish('after opting in');
    expect(b.recordedDeliveries('+12025550100').map((d) => d.body)).toEqual(['after opting in']);
  });

  // OptInPhoneNumber API reference: "You can opt in a phone number only once every 30 days."
  it('opts a number in only once every 30 days', async () => {
    const { broker: b, clock } = broker();
    await b.optOutPhoneNumber('+447700900123');
    await b.optInPhoneNumber('+447700900123');
    expect(await b.checkIfPhoneNumberIsOptedOut('+447700900123')).toBe(false);
    clock.advance(DAY_MS);
    await b.optOutPhoneNumber('+447700900123');
    clock.advance(OPT_IN_INTERVAL_MS - DAY_MS - 1);
    await expect(b.optInPhoneNumber('+447700900123')).rejects.toMatchObject({
      code: 'InvalidParameter',
      field: 'phoneNumber',
      message:
        'Invalid parameter: PhoneNumber Reason: +447700900123 was opted in at 2030-01-01T00:00:00.000Z; a number can be opted in only once every 30 days, next at 2030-01-31T00:00:00.000Z',
    });
    // Refused: still on the list.
    expect(await b.checkIfPhoneNumberIsOptedOut('+447700900123')).toBe(true);
    clock.advance(1);
    await b.optInPhoneNumber('+447700900123');
    expect(await b.checkIfPhoneNumberIsOptedOut('+447700900123')).toBe(false);
  });

  // ListPhoneNumbersOptedOut API reference: "each page returns up to 100 phone numbers. If
  // additional phone numbers are available after the first page of results, then a NextToken
  // string will be returned."
  it('lists opted-out numbers 100 a page, every number once, with a token until the last page', async () => {
    const { broker: b } = broker();
    const numbers = Array.from(
      { length: 2 * OPTED_OUT_PAGE_SIZE + 5 },
      (_, i) => `+1202555${String(i).padStart(4, '0')}`,
    );
    for (const number of numbers) await b.optOutPhoneNumber(number);
    const pages: string[][] = [];
    let token: string | undefined;
    do {
      const page = await b.listPhoneNumbersOptedOut(token);
      pages.push(page.phoneNumbers);
      token = page.nextToken;
    } while (token !== undefined);
    expect(pages.map((page) => page.length)).toEqual([100, 100, 5]);
    expect(pages.flat()).toEqual(numbers);
  });
});
