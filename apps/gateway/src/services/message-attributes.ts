import {
  describeValue,
  InvalidParameterValueError,
  type MessageAttributes,
  type MessageAttributeValue,
} from '@sealbus/core';
import {
  type ActionInput,
  optionalBlob,
  optionalObject,
  optionalString,
  toBase64,
} from './input.js';

/**
 * Reads `MessageAttributes` (`{name: {DataType, StringValue | BinaryValue}}`), the same shape
 * in SQS SendMessage and SNS Publish. Value rules beyond the shape are the broker's.
 */
export function readMessageAttributes(
  input: ActionInput,
  name = 'MessageAttributes',
): MessageAttributes | undefined {
  const record = optionalObject(input, name);
  if (record === undefined) return undefined;
  const out: MessageAttributes = {};
  for (const [attributeName, raw] of Object.entries(record)) {
    const field = `${name}.${attributeName}`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new InvalidParameterValueError(
        `${field} must be {DataType, StringValue | BinaryValue}; got ${describeValue(raw)}`,
        { field },
      );
    }
    const value = raw as ActionInput;
    const dataType = optionalString(value, 'DataType');
    if (dataType === undefined || dataType === '') {
      throw new InvalidParameterValueError(
        `The message attribute '${attributeName}' must contain a non-empty attribute type (DataType).`,
        { field: `${field}.DataType` },
      );
    }
    const attribute: MessageAttributeValue = { dataType };
    const stringValue = optionalString(value, 'StringValue');
    const binaryValue = optionalBlob(value, 'BinaryValue');
    if (stringValue !== undefined) attribute.stringValue = stringValue;
    if (binaryValue !== undefined) attribute.binaryValue = binaryValue;
    // defineProperty keeps a `__proto__` name as data, so core validation can reject it by name.
    Object.defineProperty(out, attributeName, {
      value: attribute,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** The wire form of message attributes; binary values as base64. */
export function writeMessageAttributes(
  attributes: MessageAttributes,
): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const [name, attribute] of Object.entries(attributes)) {
    const value: Record<string, string> = { DataType: attribute.dataType };
    if (attribute.binaryValue !== undefined) value.BinaryValue = toBase64(attribute.binaryValue);
    else if (attribute.stringValue !== undefined) value.StringValue = attribute.stringValue;
    out[name] = value;
  }
  return out;
}

/**
 * The attributes a `MessageAttributeNames` list asks for: `All` or `.*` selects every one,
 * `prefix.*` those whose name starts with `prefix.`, anything else that exact name.
 */
export function selectMessageAttributes(
  attributes: MessageAttributes,
  names: readonly string[],
): MessageAttributes {
  if (names.includes('All') || names.includes('.*')) return attributes;
  const prefixes = names.filter((n) => n.endsWith('.*')).map((n) => n.slice(0, -1));
  const exact = new Set(names.filter((n) => !n.endsWith('.*')));
  const out: MessageAttributes = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (exact.has(name) || prefixes.some((prefix) => name.startsWith(prefix))) out[name] = value;
  }
  return out;
}
