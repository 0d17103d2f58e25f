import { Buffer } from 'node:buffer';
import { describeValue } from '../errors/SealbusError.js';
import {
  InvalidMessageContentsError,
  InvalidParameterValueError,
  MissingParameterError,
} from '../errors/sqs.js';
import type { MessageAttributes, MessageAttributeValue } from '../types/messages.js';
import type { FieldErrorClass } from './attributeValues.js';

export const MAX_MESSAGE_ATTRIBUTES = 10;
export const MAX_MESSAGE_ATTRIBUTE_NAME_LENGTH = 256;
export const MAX_MESSAGE_ATTRIBUTE_DATA_TYPE_LENGTH = 256;
/** SQS `Number` attributes: at most 38 significant digits, magnitude from 10^-128 to 10^126. */
export const MAX_NUMBER_SIGNIFICANT_DIGITS = 38;

/** The characters SQS allows in bodies and string attributes: #x9 #xA #xD #x20–#xD7FF #xE000–#xFFFD #x10000–#x10FFFF. */
const DISALLOWED_CHARACTER = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const ATTRIBUTE_NAME = /^[A-Za-z0-9_.-]+$/;
const RESERVED_NAME_PREFIX = /^(aws\.|amazon\.)/i;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Which data types a service accepts and which error class it answers with. */
export interface MessageAttributeRules {
  /** Base data types, before an optional `.customLabel`. */
  dataTypes: readonly string[];
  /** The error for a bad attribute: SQS `InvalidParameterValue`, SNS `InvalidParameter`. */
  error: FieldErrorClass;
  /** At most this many attributes; SNS itself has no count limit. */
  maxAttributes?: number;
  /** The request field holding the attributes, for error fields. @defaultValue 'MessageAttributes' */
  field?: string;
  /** `AWS.` names the service itself reads (SNS `AWS.SNS.SMS.SMSType`, …), allowed despite the prefix. */
  reservedNames?: ReadonlySet<string>;
}

export const SQS_MESSAGE_ATTRIBUTE_RULES: MessageAttributeRules = {
  dataTypes: ['String', 'Number', 'Binary'],
  error: InvalidParameterValueError,
  maxAttributes: MAX_MESSAGE_ATTRIBUTES,
};

/** The index of the first character SQS does not allow, or -1. */
export function findDisallowedCharacter(text: string): number {
  const match = DISALLOWED_CHARACTER.exec(text);
  return match === null ? -1 : match.index;
}

/**
 * SQS message attributes: at most 10; names ≤ 256 characters of `[A-Za-z0-9_.-]` without a
 * leading, trailing or doubled `.` and not starting with `AWS.`/`Amazon.`; data type
 * `String`/`Number`/`Binary` with an optional `.label` (≤ 256 in all); exactly one non-empty
 * value of the matching kind.
 */
export function validateMessageAttributes(
  attributes: MessageAttributes | undefined,
  rules: MessageAttributeRules = SQS_MESSAGE_ATTRIBUTE_RULES,
): void {
  if (attributes === undefined) return;
  const field = rules.field ?? 'MessageAttributes';
  const { error } = rules;
  if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes)) {
    throw new error(
      `${field} must be an object of named attributes; got ${describeValue(attributes)}`,
      {
        field,
      },
    );
  }
  const names = Object.keys(attributes);
  if (rules.maxAttributes !== undefined && names.length > rules.maxAttributes) {
    throw new error(
      `${field} may hold at most ${rules.maxAttributes} attributes; got ${names.length}`,
      { field },
    );
  }
  for (const name of names) {
    if (!rules.reservedNames?.has(name)) validateAttributeName(name, field, error);
    validateAttributeValue(attributes[name], `${field}.${name}`, rules);
  }
}

/**
 * The size SQS and SNS count against their limits: UTF-8 body bytes plus, for each attribute,
 * the bytes of its name, its data type and its value.
 */
export function messageSize(body: string | Uint8Array, attributes?: MessageAttributes): number {
  // Counts what is well-formed only: a batch's total is checked before each entry's content,
  // whose own validation then names the malformed field with a typed error.
  let size = partSize(body);
  if (typeof attributes !== 'object' || attributes === null) return size;
  for (const [name, attribute] of Object.entries(attributes)) {
    if (typeof attribute !== 'object' || attribute === null) continue;
    size += partSize(name) + partSize(attribute.dataType);
    size += partSize(attribute.binaryValue ?? attribute.stringValue);
  }
  return size;
}

function partSize(value: unknown): number {
  return typeof value === 'string' || value instanceof Uint8Array ? byteLength(value) : 0;
}

/**
 * An SQS message body: non-empty, only allowed characters (`InvalidMessageContents`), a byte
 * body must be valid UTF-8, and body plus attributes at most `maximumMessageSize` bytes.
 */
export function validateMessageBody(
  body: string | Uint8Array,
  maximumMessageSize: number,
  attributes?: MessageAttributes,
  field = 'MessageBody',
): void {
  const text = bodyText(body, field);
  if (text.length === 0) {
    throw new MissingParameterError(
      `${field} must be a non-empty string; got an empty body. Send at least one character`,
      { field },
    );
  }
  const bad = findDisallowedCharacter(text);
  if (bad >= 0) {
    throw new InvalidMessageContentsError(
      `${field} contains a character SQS does not allow (${describeCodePoint(text, bad)} at index ${bad}); allowed are #x9 #xA #xD #x20-#xD7FF #xE000-#xFFFD #x10000-#x10FFFF. Encode binary data, e.g. as base64`,
      { field },
    );
  }
  const size = messageSize(body, attributes);
  if (size > maximumMessageSize) {
    throw new InvalidParameterValueError(
      `Message must be shorter than ${maximumMessageSize} bytes: ${field} plus message attributes is ${size} bytes, over the queue's MaximumMessageSize of ${maximumMessageSize}. Send less, or raise MaximumMessageSize (up to 1048576)`,
      { field },
    );
  }
}

/** A body as text; a byte body must be valid UTF-8 (`InvalidMessageContents`). */
export function bodyText(body: string | Uint8Array, field = 'MessageBody'): string {
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) {
    try {
      return strictUtf8.decode(body);
    } catch {
      throw new InvalidMessageContentsError(
        `${field} must be valid UTF-8 text; got ${describeValue(body)} that do not decode. Encode binary data, e.g. as base64`,
        { field },
      );
    }
  }
  throw new InvalidParameterValueError(
    `${field} must be a string or UTF-8 bytes; got ${describeValue(body)}`,
    { field },
  );
}

/** The UTF-8 size of a string (counted without encoding it), or the length of bytes. */
export function byteLength(value: string | Uint8Array): number {
  return typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : value.byteLength;
}

function validateAttributeName(name: string, field: string, error: FieldErrorClass): void {
  const nameField = `${field}.${name}`;
  let problem: string | undefined;
  if (name.length === 0 || name.length > MAX_MESSAGE_ATTRIBUTE_NAME_LENGTH) {
    problem = `must be 1 to ${MAX_MESSAGE_ATTRIBUTE_NAME_LENGTH} characters`;
  } else if (!ATTRIBUTE_NAME.test(name)) {
    problem = 'may contain only A-Z, a-z, 0-9, underscore, hyphen and period';
  } else if (name.startsWith('.') || name.endsWith('.') || name.includes('..')) {
    problem = 'must not start or end with a period or contain two periods in a row';
  } else if (RESERVED_NAME_PREFIX.test(name)) {
    problem = 'must not start with AWS. or Amazon. (reserved for AWS)';
  } else if (name === '__proto__') {
    // Attribute maps are plain objects in every backend; this one name would replace a map's
    // prototype instead of adding an entry.
    problem = 'must not be __proto__ (reserved by sealbus; choose another name)';
  }
  if (problem !== undefined) {
    throw new error(`Message attribute name ${problem}; got ${describeValue(name)}`, {
      field: nameField,
    });
  }
}

function validateAttributeValue(
  value: MessageAttributeValue | undefined,
  field: string,
  rules: MessageAttributeRules,
): void {
  const { error } = rules;
  if (typeof value !== 'object' || value === null) {
    throw new error(
      `${field} must be { dataType, stringValue | binaryValue }; got ${describeValue(value)}`,
      { field },
    );
  }
  const dataType = value.dataType;
  const base = typeof dataType === 'string' ? baseDataType(dataType, rules.dataTypes) : undefined;
  if (base === undefined || dataType.length > MAX_MESSAGE_ATTRIBUTE_DATA_TYPE_LENGTH) {
    throw new error(
      `${field}.dataType must be one of ${rules.dataTypes.join(', ')}, optionally followed by .<label>, at most ${MAX_MESSAGE_ATTRIBUTE_DATA_TYPE_LENGTH} characters; got ${describeValue(dataType)}`,
      { field: `${field}.dataType` },
    );
  }
  const hasString = value.stringValue !== undefined;
  const hasBinary = value.binaryValue !== undefined;
  if (hasString === hasBinary) {
    throw new error(
      `${field} must have exactly one of stringValue or binaryValue; got ${hasString ? 'both' : 'neither'}`,
      { field },
    );
  }
  if (base === 'Binary') {
    if (!(value.binaryValue instanceof Uint8Array) || value.binaryValue.byteLength === 0) {
      throw new error(
        `${field} of type ${dataType} needs a non-empty binaryValue (bytes); got ${describeValue(value.binaryValue ?? value.stringValue)}`,
        { field },
      );
    }
    return;
  }
  const text = value.stringValue;
  if (typeof text !== 'string' || text.length === 0) {
    throw new error(
      `${field} of type ${dataType} needs a non-empty stringValue; got ${describeValue(text ?? value.binaryValue)}`,
      { field },
    );
  }
  const bad = findDisallowedCharacter(text);
  if (bad >= 0) {
    throw new error(
      `${field}.stringValue contains a character that is not allowed (${describeCodePoint(text, bad)} at index ${bad}); allowed are #x9 #xA #xD #x20-#xD7FF #xE000-#xFFFD #x10000-#x10FFFF`,
      { field },
    );
  }
  if (base === 'Number' && !isValidNumber(text)) {
    throw new error(
      `${field} of type ${dataType} must be a number with at most ${MAX_NUMBER_SIGNIFICANT_DIGITS} significant digits, from -10^126 to 10^126 and no closer to zero than 10^-128; got ${describeValue(text)}`,
      { field },
    );
  }
  if (base === 'String.Array' && !isStringArray(text)) {
    throw new error(
      `${field} of type ${dataType} must be a JSON array of strings, numbers, booleans or null; got ${describeValue(text)}`,
      { field },
    );
  }
}

function baseDataType(dataType: string, allowed: readonly string[]): string | undefined {
  // Longest first, so `String.Array` wins over `String` with the label `Array`.
  for (const base of [...allowed].sort((a, b) => b.length - a.length)) {
    if (dataType === base) return base;
    if (dataType.startsWith(`${base}.`) && dataType.length > base.length + 1) return base;
  }
  return undefined;
}

/** SQS `Number`: a decimal with ≤ 38 significant digits and magnitude in [10^-128, 10^126], or zero. */
export function isValidNumber(text: string): boolean {
  const match = NUMBER.exec(text);
  if (match === null) return false;
  const [mantissa = '', exponentText] = text.replace(/^[+-]/, '').split(/[eE]/);
  const exponent = exponentText === undefined ? 0 : Number(exponentText);
  const [integerDigits = '', fractionDigits = ''] = mantissa.split('.');
  const digits = integerDigits + fractionDigits;
  const first = digits.search(/[1-9]/);
  if (first < 0) return true;
  const significant = digits.slice(first).replace(/0+$/, '');
  if (significant.length > MAX_NUMBER_SIGNIFICANT_DIGITS) return false;
  // |value| lies in [10^order, 10^(order+1)).
  const order = integerDigits.length + exponent - first - 1;
  if (order < -128) return false;
  return order < 126 || (order === 126 && significant === '1');
}

function isStringArray(text: string): boolean {
  try {
    const parsed: unknown = JSON.parse(text);
    return (
      Array.isArray(parsed) &&
      parsed.every((item) => item === null || ['string', 'number', 'boolean'].includes(typeof item))
    );
  } catch {
    return false;
  }
}

function describeCodePoint(text: string, index: number): string {
  const codePoint = text.codePointAt(index) ?? 0;
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}
