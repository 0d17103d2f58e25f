import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MessageAttributes } from '../types/messages.js';
import { validatePublish } from './publish.js';
import {
  isE164,
  smsTypeOf,
  validatePhoneNumber,
  validatePublishPhoneNumber,
  validateSmsAttributes,
  validateSmsMessageAttributes,
} from './sms.js';
import { resolveTopicAttributes } from './topicAttributes.js';

const digit = fc.constantFrom(...'0123456789'.split(''));
const digits = (min: number, max: number) =>
  fc.string({ unit: digit, minLength: min, maxLength: max });
/** A well-formed E.164 number: a plus, a non-zero digit, then 1 to 14 digits. */
const e164 = fc
  .tuple(fc.constantFrom(...'123456789'.split('')), digits(1, 14))
  .map(([first, rest]) => `+${first}${rest}`);

describe('E.164 phone numbers (SNS: "a maximum of 15 digits along with the prefix of a plus sign (+) and the country code")', () => {
  it('accepts every plus-prefixed number of 2 to 15 digits that does not start with 0', () => {
    fc.assert(
      fc.property(e164, (number) => {
        expect(isE164(number)).toBe(true);
      }),
    );
  });

  it('refuses a number without the plus, with a leading 0, or longer than 15 digits', () => {
    fc.assert(
      fc.property(e164, (number) => {
        expect(isE164(number.slice(1))).toBe(false);
        expect(isE164(`+0${number.slice(1)}`)).toBe(false);
        expect(isE164(`${number}${'5'.repeat(16 - (number.length - 1))}`)).toBe(false);
      }),
    );
  });

  it('refuses any string with a character other than the plus and digits', () => {
    fc.assert(
      fc.property(e164, fc.string({ minLength: 1, maxLength: 3 }), fc.nat(), (number, junk, at) => {
        fc.pre(/[^0-9]/.test(junk));
        const cut = 1 + (at % number.length);
        expect(isE164(number.slice(0, cut) + junk + number.slice(cut))).toBe(false);
      }),
    );
  });

  it('refuses values that are not strings', () => {
    for (const value of [undefined, null, 12025550100, ['+12025550100'], {}]) {
      expect(isE164(value)).toBe(false);
    }
  });

  // The text AWS returned for a bad PhoneNumber (aws/aws-sdk-js#1368, boto/boto3#2195).
  it('Publish names the number AWS cannot publish to in its text', () => {
    expect(() => validatePublishPhoneNumber('5550100')).toThrowError(
      expect.objectContaining({
        code: 'InvalidParameter',
        field: 'PhoneNumber',
        message: 'Invalid parameter: PhoneNumber Reason: 5550100 is not valid to publish to',
      }),
    );
    expect(() => validatePublishPhoneNumber('+12025550100')).not.toThrow();
  });

  it('the opt-out actions name the rule and the value', () => {
    expect(() => validatePhoneNumber('+0123')).toThrowError(
      expect.objectContaining({
        code: 'InvalidParameter',
        message: expect.stringMatching(
          /^Invalid parameter: PhoneNumber Reason: must be an E\.164 number.*got \+0123$/,
        ),
      }),
    );
  });
});

describe('SetSMSAttributes values (SetSMSAttributes API reference)', () => {
  it('accepts each attribute within its rule', () => {
    expect(() =>
      validateSmsAttributes({
        MonthlySpendLimit: '100',
        DeliveryStatusIAMRole: 'arn:aws:iam::123456789012:role/SNSSuccessFeedback',
        DeliveryStatusSuccessSamplingRate: '0',
        DefaultSenderID: 'Ward4',
        DefaultSMSType: 'Transactional',
        UsageReportS3Bucket: 'sms-usage.reports-1',
      }),
    ).not.toThrow();
  });

  it.each([
    ['DefaultSMSType', 'Urgent', 'must be Promotional or Transactional'],
    ['DeliveryStatusSuccessSamplingRate', '101', 'must be an integer from 0 to 100'],
    ['DeliveryStatusSuccessSamplingRate', '-1', 'must be an integer from 0 to 100'],
    ['MonthlySpendLimit', '1.5', 'must be a whole number of US dollars'],
    [
      'DefaultSenderID',
      '123456',
      'must be 1 to 11 alphanumeric characters with at least one letter',
    ],
    [
      'DefaultSenderID',
      'TwelveLetter',
      'must be 1 to 11 alphanumeric characters with at least one letter',
    ],
    ['DeliveryStatusIAMRole', 'arn:aws:iam::123:user/me', 'must be the ARN of an IAM role'],
    ['UsageReportS3Bucket', 'Upper_Case', 'must be an S3 bucket name (3 to 63 characters)'],
  ])('refuses %s=%s naming the field, the rule and the value', (name, value, rule) => {
    expect(() => validateSmsAttributes({ [name]: value })).toThrowError(
      expect.objectContaining({
        code: 'InvalidParameter',
        field: name,
        message: `Invalid parameter: ${name} Reason: ${rule}; got ${JSON.stringify(value)}`,
      }),
    );
  });

  it('refuses a name SetSMSAttributes does not have', () => {
    expect(() => validateSmsAttributes({ DefaultSmsType: 'Promotional' })).toThrowError(
      /^Invalid parameter: DefaultSmsType Reason: is not an SMS attribute \(one of MonthlySpendLimit, /,
    );
  });

  it('the sampling rate takes exactly the integers 0 to 100', () => {
    fc.assert(
      fc.property(fc.integer({ min: -50, max: 200 }), (rate) => {
        const accept = rate >= 0 && rate <= 100;
        const check = () => validateSmsAttributes({ DeliveryStatusSuccessSamplingRate: `${rate}` });
        if (accept) expect(check).not.toThrow();
        else expect(check).toThrow(/integer from 0 to 100/);
      }),
    );
  });
});

describe('per-message SMS attributes ("Publishing to a mobile phone")', () => {
  const string = (value: string) => ({ dataType: 'String', stringValue: value });

  it('accepts the AWS.SNS.SMS names despite the reserved AWS. prefix, and checks them', () => {
    const topic = resolveTopicAttributes({}, { topicName: 't' });
    const attributes: MessageAttributes = {
      'AWS.SNS.SMS.SMSType': string('Transactional'),
      'AWS.SNS.SMS.SenderID': string('Clinic'),
      'AWS.SNS.SMS.MaxPrice': { dataType: 'Number', stringValue: '0.50' },
    };
    expect(() => validatePublish('hi', { messageAttributes: attributes }, topic)).not.toThrow();
    expect(() =>
      validatePublish('hi', { messageAttributes: { 'AWS.Other': string('x') } }, topic),
    ).toThrow(/must not start with AWS\./);
  });

  it.each([
    [
      { 'AWS.SNS.SMS.SMSType': string('Bulk') },
      /SMSType Reason: must be a String attribute: Promotional or Transactional; got "Bulk"/,
    ],
    [
      { 'AWS.SNS.SMS.SenderID': string('no-dashes') },
      /SenderID Reason: must be a String attribute: 1 to 11/,
    ],
    [{ 'AWS.SNS.SMS.MaxPrice': string('0.50') }, /MaxPrice Reason: must be a Number attribute/],
    [
      { 'AWS.SNS.SMS.MaxPrice': { dataType: 'Number', stringValue: '0' } },
      /MaxPrice Reason: must be a Number attribute: a positive price/,
    ],
  ])('refuses %j', (attributes, message) => {
    expect(() => validateSmsMessageAttributes(attributes as MessageAttributes)).toThrowError(
      expect.objectContaining({
        code: 'InvalidParameter',
        message: expect.stringMatching(message),
      }),
    );
  });

  it('the SMS type is the message attribute, else the account default, else Promotional', () => {
    expect(smsTypeOf(undefined, {})).toBe('Promotional');
    expect(smsTypeOf(undefined, { DefaultSMSType: 'Transactional' })).toBe('Transactional');
    expect(
      smsTypeOf(
        { 'AWS.SNS.SMS.SMSType': string('Promotional') },
        { DefaultSMSType: 'Transactional' },
      ),
    ).toBe('Promotional');
  });
});
