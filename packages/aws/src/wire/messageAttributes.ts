import type { MessageAttributeValue as SnsMessageAttributeValue } from '@aws-sdk/client-sns';
import type { MessageAttributeValue as SqsMessageAttributeValue } from '@aws-sdk/client-sqs';
import type { MessageAttributes } from '@sealbus/core';

/** sealbus message attributes in the SQS wire shape. */
export function toSqsMessageAttributes(
  attributes: MessageAttributes | undefined,
): Record<string, SqsMessageAttributeValue> | undefined {
  return toWire(attributes);
}

/** sealbus message attributes in the SNS wire shape (the same fields). */
export function toSnsMessageAttributes(
  attributes: MessageAttributes | undefined,
): Record<string, SnsMessageAttributeValue> | undefined {
  return toWire(attributes);
}

/** Received SQS message attributes as sealbus attributes. */
export function fromSqsMessageAttributes(
  wire: Record<string, SqsMessageAttributeValue> | undefined,
): MessageAttributes {
  const attributes: MessageAttributes = {};
  for (const [name, value] of Object.entries(wire ?? {})) {
    const attribute: MessageAttributeValue = { dataType: value.DataType ?? 'String' };
    if (value.BinaryValue !== undefined) attribute.binaryValue = value.BinaryValue;
    else attribute.stringValue = value.StringValue ?? '';
    attributes[name] = attribute;
  }
  return attributes;
}

function toWire(
  attributes: MessageAttributes | undefined,
):
  | Record<string, { DataType: string; StringValue?: string; BinaryValue?: Uint8Array }>
  | undefined {
  if (attributes === undefined || Object.keys(attributes).length === 0) return undefined;
  const wire: Record<string, { DataType: string; StringValue?: string; BinaryValue?: Uint8Array }> =
    {};
  for (const [name, value] of Object.entries(attributes)) {
    wire[name] =
      value.binaryValue === undefined
        ? { DataType: value.dataType, StringValue: value.stringValue ?? '' }
        : { DataType: value.dataType, BinaryValue: value.binaryValue };
  }
  return wire;
}

type MessageAttributeValue = MessageAttributes[string];
