import type { MessageAttributes } from '@sealbus/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeEncryptionContext,
  decodeMessageAttributes,
  encodeEncryptionContext,
  encodeMessageAttributes,
  formatSequenceNumber,
} from './rows.js';

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

describe('encryption context encoding', () => {
  it('round-trips any context into one frozen object per distinct JSON', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.string({ minLength: 1 }).filter((key) => key !== '__proto__'),
          fc.string(),
        ),
        (context) => {
          const json = encodeEncryptionContext(context)!;
          const decoded = decodeEncryptionContext(json);
          expect(decoded).toEqual(context);
          expect(Object.isFrozen(decoded)).toBe(true);
          expect(decodeEncryptionContext(JSON.stringify(context))).toBe(decoded);
        },
      ),
    );
    expect(encodeEncryptionContext(undefined)).toBeNull();
  });
});

describe('formatSequenceNumber', () => {
  it('gives 20-digit strings whose text order is numeric order', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), (a, b) => {
        const [x, y] = [formatSequenceNumber(a), formatSequenceNumber(b)];
        expect(x).toMatch(/^\d{20}$/);
        expect(Math.sign(x.localeCompare(y))).toBe(Math.sign(a - b));
      }),
    );
  });
});
