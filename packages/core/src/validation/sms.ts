import { describeValue } from '../errors/SealbusError.js';
import { InvalidParameterError } from '../errors/sns.js';
import type { MessageAttributes } from '../types/messages.js';
import type { SmsAttributeName, SmsAttributes, SmsType } from '../types/sms.js';

/**
 * E.164 ("Phone numbers that follow this format can have a maximum of 15 digits along with the
 * prefix of a plus sign (+) and the country code", SNS developer guide, Publishing to a mobile
 * phone): a plus, a country code that does not start with 0, at most 15 digits in all.
 */
const E164 = /^\+[1-9]\d{1,14}$/;

export function isE164(value: unknown): boolean {
  return typeof value === 'string' && E164.test(value);
}

/** How a phone number is described in an error: clipped, so a huge value cannot flood a log. */
function shown(value: unknown): string {
  return typeof value === 'string' ? value.slice(0, 64) : describeValue(value);
}

/**
 * The `PhoneNumber` of `Publish`. AWS answers a number it cannot publish to with
 * `Invalid parameter: PhoneNumber Reason: <number> is not valid to publish to` (the text AWS
 * returned in aws/aws-sdk-js#1368 and boto/boto3#2195).
 */
export function validatePublishPhoneNumber(phoneNumber: unknown): asserts phoneNumber is string {
  if (!isE164(phoneNumber))
    throw invalid('PhoneNumber', `${shown(phoneNumber)} is not valid to publish to`);
}

/** The `phoneNumber` of the opt-out actions: E.164, as their API reference pages ask. */
export function validatePhoneNumber(phoneNumber: unknown): asserts phoneNumber is string {
  if (!isE164(phoneNumber)) {
    throw invalid(
      'PhoneNumber',
      `must be an E.164 number (a plus and 2 to 15 digits, the first not 0); got ${shown(phoneNumber)}`,
      'phoneNumber',
    );
  }
}

const SMS_TYPES: readonly SmsType[] = ['Promotional', 'Transactional'];
/** "The sender ID can be 1 - 11 alphanumeric characters, and it must contain at least one letter." */
const SENDER_ID = /^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$/;
const INTEGER = /^\d{1,15}$/;
/** An IAM role ARN, any partition. */
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
/** S3 bucket naming rules: 3–63 of lowercase letters, digits, dots and hyphens, a letter or digit at each end. */
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * SNS's `Invalid parameter: <parameter> Reason: <reason>`, its parts in `params` so the wire text
 * comes from the catalogue's SNS `InvalidParameter` entry.
 */
function invalid(parameter: string, reason: string, field = parameter): InvalidParameterError {
  return new InvalidParameterError(`Invalid parameter: ${parameter} Reason: ${reason}`, {
    field,
    params: { parameter, reason },
  });
}

/** A reason that names the rule and the value given. */
function got(rule: string, value: unknown): string {
  return `${rule}; got ${describeValue(value)}`;
}

/** Each SetSMSAttributes attribute's rule, from the SetSMSAttributes API reference. */
const SMS_ATTRIBUTE_RULES: Readonly<
  Record<SmsAttributeName, (value: string) => string | undefined>
> = {
  MonthlySpendLimit: (value) =>
    INTEGER.test(value) ? undefined : 'must be a whole number of US dollars',
  DeliveryStatusIAMRole: (value) =>
    ROLE_ARN.test(value) ? undefined : 'must be the ARN of an IAM role',
  DeliveryStatusSuccessSamplingRate: (value) =>
    INTEGER.test(value) && Number(value) <= 100 ? undefined : 'must be an integer from 0 to 100',
  DefaultSenderID: (value) =>
    SENDER_ID.test(value)
      ? undefined
      : 'must be 1 to 11 alphanumeric characters with at least one letter',
  DefaultSMSType: (value) =>
    (SMS_TYPES as readonly string[]).includes(value)
      ? undefined
      : 'must be Promotional or Transactional',
  UsageReportS3Bucket: (value) =>
    BUCKET.test(value) ? undefined : 'must be an S3 bucket name (3 to 63 characters)',
};

export const SMS_ATTRIBUTE_NAMES = Object.keys(SMS_ATTRIBUTE_RULES) as readonly SmsAttributeName[];

export function isSmsAttributeName(name: string): name is SmsAttributeName {
  return Object.hasOwn(SMS_ATTRIBUTE_RULES, name);
}

/**
 * `SetSMSAttributes`: only the six names of its API reference, each value by its rule. Fails
 * whole on the first bad entry (nothing is set then).
 */
export function validateSmsAttributes(attributes: unknown): asserts attributes is SmsAttributes {
  if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes)) {
    throw invalid('attributes', got('must be a map of attribute names to values', attributes));
  }
  for (const [name, value] of Object.entries(attributes)) {
    if (!isSmsAttributeName(name)) {
      throw invalid(
        name.slice(0, 64),
        got(`is not an SMS attribute (one of ${SMS_ATTRIBUTE_NAMES.join(', ')})`, name),
      );
    }
    if (typeof value !== 'string') throw invalid(name, got('must be a string', value));
    const problem = SMS_ATTRIBUTE_RULES[name](value);
    if (problem !== undefined) throw invalid(name, got(problem, value));
  }
}

/** The per-message SMS attributes SNS reads ("Publishing to a mobile phone", message attributes). */
export const SMS_MESSAGE_ATTRIBUTES = {
  smsType: 'AWS.SNS.SMS.SMSType',
  senderId: 'AWS.SNS.SMS.SenderID',
  maxPrice: 'AWS.SNS.SMS.MaxPrice',
} as const;

export const SMS_MESSAGE_ATTRIBUTE_NAMES: ReadonlySet<string> = new Set(
  Object.values(SMS_MESSAGE_ATTRIBUTES),
);

/** A price in US dollars: a positive decimal such as `0.50`. */
const PRICE = /^(\d{1,6}(\.\d{1,5})?|\.\d{1,5})$/;

/**
 * The `AWS.SNS.SMS.*` attributes of a publish: `SMSType` a String `Promotional`/`Transactional`,
 * `SenderID` a String sender id (the `DefaultSenderID` rule), `MaxPrice` a positive Number of
 * US dollars. Others are left to the general attribute rules.
 */
export function validateSmsMessageAttributes(attributes: MessageAttributes | undefined): void {
  if (attributes === undefined) return;
  const check = (name: string, dataType: string, ok: (value: string) => boolean, rule: string) => {
    const attribute = attributes[name];
    if (attribute === undefined) return;
    const value = attribute.stringValue;
    if (attribute.dataType !== dataType || value === undefined || !ok(value)) {
      throw invalid(
        `MessageAttributes.${name}`,
        got(`must be a ${dataType} attribute: ${rule}`, value ?? attribute.dataType),
      );
    }
  };
  check(
    SMS_MESSAGE_ATTRIBUTES.smsType,
    'String',
    (value) => (SMS_TYPES as readonly string[]).includes(value),
    'Promotional or Transactional',
  );
  check(
    SMS_MESSAGE_ATTRIBUTES.senderId,
    'String',
    (value) => SENDER_ID.test(value),
    '1 to 11 alphanumeric characters with at least one letter',
  );
  check(
    SMS_MESSAGE_ATTRIBUTES.maxPrice,
    'Number',
    (value) => PRICE.test(value) && Number(value) > 0,
    'a positive price in US dollars, such as 0.50',
  );
}

/** The SMS type of one message: its `AWS.SNS.SMS.SMSType`, else the account default, else Promotional. */
export function smsTypeOf(
  attributes: MessageAttributes | undefined,
  defaults: SmsAttributes,
): SmsType {
  const chosen =
    attributes?.[SMS_MESSAGE_ATTRIBUTES.smsType]?.stringValue ?? defaults.DefaultSMSType;
  return chosen === 'Transactional' ? 'Transactional' : 'Promotional';
}
