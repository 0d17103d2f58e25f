import { expect } from 'vitest';
import type { DefineCase } from '../runConformance.js';

/**
 * SNS SMS through the `Broker` interface. The attributes and the opt-out list are account state,
 * shared by every case on one backend, so cases assert what they set, never an empty start.
 */
export function smsCases(test: DefineCase): void {
  // SetSMSAttributes / GetSMSAttributes API reference: "If you don't use this parameter, Amazon
  // SNS returns all SMS attributes."
  test(
    'SetSMSAttributes sets the named values; GetSMSAttributes returns them, or those asked for',
    ['topics'],
    async (c) => {
      await c.broker.setSmsAttributes({ DefaultSMSType: 'Transactional', MonthlySpendLimit: '7' });
      await c.broker.setSmsAttributes({ DefaultSenderID: 'Ward4' });
      expect(await c.broker.getSmsAttributes()).toMatchObject({
        DefaultSMSType: 'Transactional',
        MonthlySpendLimit: '7',
        DefaultSenderID: 'Ward4',
      });
      expect(await c.broker.getSmsAttributes(['MonthlySpendLimit'])).toEqual({
        MonthlySpendLimit: '7',
      });
    },
  );

  // SetSMSAttributes API reference: DefaultSMSType is Promotional or Transactional;
  // DeliveryStatusSuccessSamplingRate "can be an integer from 0 - 100".
  test(
    'SetSMSAttributes refuses a bad value and sets nothing of that call',
    ['topics'],
    async (c) => {
      await c.broker.setSmsAttributes({ MonthlySpendLimit: '3' });
      await expect(
        c.broker.setSmsAttributes({
          MonthlySpendLimit: '9',
          DeliveryStatusSuccessSamplingRate: '101',
        }),
      ).rejects.toMatchObject({
        code: 'InvalidParameter',
        message:
          'Invalid parameter: DeliveryStatusSuccessSamplingRate Reason: must be an integer from 0 to 100; got "101"',
      });
      await expect(c.broker.setSmsAttributes({ DefaultSMSType: 'Urgent' })).rejects.toMatchObject({
        code: 'InvalidParameter',
        message:
          'Invalid parameter: DefaultSMSType Reason: must be Promotional or Transactional; got "Urgent"',
      });
      expect(await c.broker.getSmsAttributes(['MonthlySpendLimit'])).toEqual({
        MonthlySpendLimit: '3',
      });
    },
  );

  // Publish API reference: PhoneNumber "If you don't specify a value for the PhoneNumber
  // parameter, you must specify a value for the TargetArn or TopicArn parameters"; numbers are
  // E.164. The refusal text is AWS's (aws/aws-sdk-js#1368).
  test(
    'Publish to a PhoneNumber takes E.164 numbers and returns a message id',
    ['topics'],
    async (c) => {
      await expect(c.broker.publishSms('2025550100', 'hello')).rejects.toMatchObject({
        code: 'InvalidParameter',
        message: 'Invalid parameter: PhoneNumber Reason: 2025550100 is not valid to publish to',
      });
      await expect(
        c.broker.publishSms('+12025550100', 'hello', {
          messageAttributes: { 'AWS.SNS.SMS.SMSType': { dataType: 'String', stringValue: 'Bulk' } },
        }),
      ).rejects.toMatchObject({
        code: 'InvalidParameter',
        message: expect.stringContaining('AWS.SNS.SMS.SMSType Reason: must be a String attribute'),
      });
      await expect(
        c.broker.publishSms('+12025550100', 'hello', { smsType: 'Transactional' } as never),
      ).rejects.toMatchObject({ code: 'UnknownOption', option: 'smsType' });
      const { messageId } = await c.broker.publishSms('+12025550100', 'ward 4: code blue', {
        messageAttributes: {
          'AWS.SNS.SMS.SMSType': { dataType: 'String', stringValue: 'Transactional' },
          'AWS.SNS.SMS.MaxPrice': { dataType: 'Number', stringValue: '0.50' },
        },
      });
      expect(messageId).toMatch(/^[0-9a-f-]{36}$/);
    },
  );

  // CheckIfPhoneNumberIsOptedOut: "false – The phone number is opted in, meaning you can publish
  // SMS messages to it."
  test(
    'a number never opted out is not on the list; opting it in changes nothing',
    ['topics'],
    async (c) => {
      const number = `+1202555${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;
      expect(await c.broker.checkIfPhoneNumberIsOptedOut(number)).toBe(false);
      await c.broker.optInPhoneNumber(number);
      await c.broker.optInPhoneNumber(number);
      expect(await c.broker.checkIfPhoneNumberIsOptedOut(number)).toBe(false);
      expect((await c.broker.listPhoneNumbersOptedOut()).phoneNumbers).not.toContain(number);
      await expect(c.broker.checkIfPhoneNumberIsOptedOut('555-0100')).rejects.toMatchObject({
        code: 'InvalidParameter',
        message: expect.stringContaining(
          'Invalid parameter: PhoneNumber Reason: must be an E.164 number',
        ),
      });
      await expect(c.broker.listPhoneNumbersOptedOut('not-a-token')).rejects.toMatchObject({
        code: 'InvalidParameter',
        message: expect.stringContaining('Invalid parameter: NextToken'),
      });
    },
  );
}
