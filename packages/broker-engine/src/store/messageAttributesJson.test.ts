import type { MessageAttributes } from '@sealbus/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeMessageAttributes, encodeMessageAttributes } from './messageAttributesJson.js';

const attributeValue = fc.oneof(
  fc.record({
    dataType: fc.constantFrom('String', 'Number', 'String.custom'),
    stringValue: fc.string(),
  }),
  fc.record({
    dataType: fc.constantFrom('Binary', 'Binary.png'),
    binaryValue: fc.uint8Array({ maxLength: 64 }),
  }),
);
const attributes: fc.Arbitrary<MessageAttributes> = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 20 }).filter((name) => name !== '__proto__'),
  attributeValue,
  { maxKeys: 10 },
);

describe('message attribute encoding', () => {
  it('round-trips any attributes, binary values included', () => {
    fc.assert(
      fc.property(attributes, (value) => {
        expect(decodeMessageAttributes(encodeMessageAttributes(value))).toEqual(value);
      }),
    );
  });

  it('stores no attributes as NULL', () => {
    expect(encodeMessageAttributes({})).toBeNull();
    expect(decodeMessageAttributes(null)).toEqual({});
  });
});
