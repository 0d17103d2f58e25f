import type { MessageAttributes } from '@sealbus/core';

/**
 * Message attributes as a store keeps them in one text column (SQLite, PostgreSQL): JSON, with
 * binary values as base64 because JSON has no bytes.
 */
export function encodeMessageAttributes(attributes: MessageAttributes): string | null {
  const names = Object.keys(attributes);
  if (names.length === 0) return null;
  const encoded: Record<string, { t: string; s?: string; b?: string }> = {};
  for (const name of names) {
    const value = attributes[name]!;
    encoded[name] = {
      t: value.dataType,
      ...(value.stringValue === undefined ? {} : { s: value.stringValue }),
      ...(value.binaryValue === undefined
        ? {}
        : { b: Buffer.from(value.binaryValue).toString('base64') }),
    };
  }
  return JSON.stringify(encoded);
}

export function decodeMessageAttributes(json: string | null): MessageAttributes {
  if (json === null) return {};
  const encoded = JSON.parse(json) as Record<string, { t: string; s?: string; b?: string }>;
  const attributes: MessageAttributes = {};
  for (const [name, value] of Object.entries(encoded)) {
    attributes[name] = {
      dataType: value.t,
      ...(value.s === undefined ? {} : { stringValue: value.s }),
      ...(value.b === undefined
        ? {}
        : { binaryValue: new Uint8Array(Buffer.from(value.b, 'base64')) }),
    };
  }
  return attributes;
}
