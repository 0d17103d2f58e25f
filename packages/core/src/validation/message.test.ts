import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSealbusError } from '../errors/SealbusError.js';
import {
  InvalidMessageContentsError,
  InvalidParameterValueError,
  MissingParameterError,
} from '../errors/sqs.js';
import type { MessageAttributes } from '../types/messages.js';
import {
  findDisallowedCharacter,
  isValidNumber,
  messageSize,
  validateMessageAttributes,
  validateMessageBody,
} from './message.js';

const str = (stringValue: string, dataType = 'String') => ({ dataType, stringValue });
const invalidValue = (field: string, message?: RegExp) =>
  expect.objectContaining({
    constructor: InvalidParameterValueError,
    code: 'InvalidParameterValue',
    field,
    ...(message ? { message: expect.stringMatching(message) } : {}),
  });
const tenAttributes = (n: number): MessageAttributes =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`a${i}`, str('v')]));

describe('validateMessageAttributes: names', () => {
  it('accepts 10 attributes and rejects 11', () => {
    expect(() => validateMessageAttributes(tenAttributes(10))).not.toThrow();
    expect(() => validateMessageAttributes(tenAttributes(11))).toThrow(
      invalidValue('MessageAttributes', /at most 10 attributes; got 11/),
    );
  });

  it('accepts names of 256 characters, periods inside, and case-sensitive variants', () => {
    expect(() =>
      validateMessageAttributes({
        ['n'.repeat(256)]: str('v'),
        'a.b-c_d': str('v'),
        Key: str('v'),
        key: str('v'),
        AWSx: str('v'),
      }),
    ).not.toThrow();
  });

  it('rejects bad names with the name in the field', () => {
    const cases: Array<[string, RegExp]> = [
      ['n'.repeat(257), /1 to 256 characters/],
      ['', /1 to 256 characters/],
      ['has space', /only A-Z/],
      ['ünicode', /only A-Z/],
      ['.lead', /period/],
      ['trail.', /period/],
      ['a..b', /period/],
      ['AWS.trace', /reserved/],
      ['aws.trace', /reserved/],
      ['Amazon.x', /reserved/],
      ['AMAZON.x', /reserved/],
      ['__proto__', /reserved by sealbus/],
    ];
    for (const [name, message] of cases) {
      expect(() => validateMessageAttributes({ [name]: str('v') })).toThrow(
        invalidValue(`MessageAttributes.${name}`, message),
      );
    }
  });
});

describe('validateMessageAttributes: types and values', () => {
  it('accepts the three types with custom labels (String.Array is a label in SQS) up to 256 characters', () => {
    expect(() =>
      validateMessageAttributes({
        s: str('x', 'String.json'),
        n: str('-1.5e3', 'Number.float'),
        b: { dataType: 'Binary.gif', binaryValue: Uint8Array.of(1) },
        l: str('x', `String.${'l'.repeat(249)}`),
        arr: str('[1]', 'String.Array'),
      }),
    ).not.toThrow();
  });

  it('rejects unknown types, empty labels and 257-character types', () => {
    for (const dataType of ['string', 'Text', 'String.', `String.${'l'.repeat(250)}`]) {
      expect(() => validateMessageAttributes({ a: str('x', dataType) })).toThrow(
        invalidValue('MessageAttributes.a.dataType', /String, Number, Binary/),
      );
    }
  });

  it('needs exactly one value of the matching kind, non-empty', () => {
    const cases: Array<[MessageAttributes[string], RegExp]> = [
      [{ dataType: 'String' }, /got neither/],
      [{ dataType: 'String', stringValue: 'x', binaryValue: Uint8Array.of(1) }, /got both/],
      [{ dataType: 'Binary', stringValue: 'x' }, /non-empty binaryValue/],
      [{ dataType: 'Binary', binaryValue: new Uint8Array(0) }, /non-empty binaryValue/],
      [{ dataType: 'String', stringValue: '' }, /non-empty stringValue/],
      [{ dataType: 'Number', binaryValue: Uint8Array.of(1) }, /non-empty stringValue/],
      [{ dataType: 'String', stringValue: 'bell\u0007' }, /U\+0007 at index 4/],
    ];
    for (const [value, message] of cases) {
      expect(() => validateMessageAttributes({ a: value })).toThrow(
        invalidValue('MessageAttributes.a', message),
      );
    }
  });

  it('checks Number precision and range', () => {
    for (const ok of [
      '0',
      '-0',
      '+7',
      '1.',
      '.5',
      '3.14',
      '1e126',
      '-1e126',
      '1e-128',
      '9'.repeat(38),
      `0.${'0'.repeat(50)}${'1'.repeat(38)}`,
      '100000000000000000000000000000000000000000',
    ]) {
      expect(isValidNumber(ok)).toBe(true);
    }
    for (const bad of [
      '',
      '.',
      'abc',
      '1e',
      '0x10',
      'NaN',
      'Infinity',
      '1 ',
      '9'.repeat(39),
      '1.1e126',
      '2e126',
      '1e127',
      '9e-129',
      '1e-129',
    ]) {
      expect(isValidNumber(bad)).toBe(false);
    }
    expect(() => validateMessageAttributes({ n: str('12abc', 'Number') })).toThrow(
      invalidValue('MessageAttributes.n', /38 significant digits.*got "12abc"/),
    );
  });

  it('agrees with JavaScript numbers for plain decimals', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        const text = String(n);
        const magnitude = Math.abs(n);
        const inRange = magnitude === 0 || (magnitude >= 1e-128 && magnitude <= 1e126);
        expect(isValidNumber(text)).toBe(inRange);
      }),
    );
  });

  it('throws only typed errors for arbitrary attribute maps', () => {
    const value = fc.record(
      {
        dataType: fc.oneof(fc.constantFrom('String', 'Number', 'Binary', 'Number.x'), fc.string()),
        stringValue: fc.string(),
        binaryValue: fc.uint8Array({ maxLength: 4 }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string(), value, { maxKeys: 12 }), (attributes) => {
        try {
          validateMessageAttributes(attributes as MessageAttributes);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidParameterValueError);
          expect((error as InvalidParameterValueError).field).toMatch(/^MessageAttributes/);
        }
      }),
    );
  });
});

describe('messageSize', () => {
  it('counts UTF-8 body bytes plus name, type and value bytes', () => {
    expect(messageSize('héllo')).toBe(6);
    expect(messageSize(Uint8Array.of(1, 2, 3))).toBe(3);
    expect(
      messageSize('ab', {
        k: str('vv'),
        bin: { dataType: 'Binary', binaryValue: new Uint8Array(5) },
      }),
    ).toBe(2 + (1 + 6 + 2) + (3 + 6 + 5));
  });

  it('equals the UTF-8 encoded length of any body', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (body) => {
        expect(messageSize(body)).toBe(new TextEncoder().encode(body).byteLength);
      }),
    );
  });
});

describe('validateMessageBody', () => {
  it('accepts a body exactly at the limit, attributes included, and rejects one byte more', () => {
    const attributes = { k: str('v') };
    const overhead = messageSize('', attributes);
    expect(() => validateMessageBody('x'.repeat(1024 - overhead), 1024, attributes)).not.toThrow();
    expect(() => validateMessageBody('x'.repeat(1025 - overhead), 1024, attributes)).toThrow(
      invalidValue('MessageBody', /^Message must be shorter than 1024 bytes: .* is 1025 bytes/),
    );
    expect(() => validateMessageBody('é'.repeat(512), 1024)).not.toThrow();
    expect(() => validateMessageBody(`${'é'.repeat(512)}x`, 1024)).toThrow(
      InvalidParameterValueError,
    );
  });

  it('rejects an empty body with MissingParameter', () => {
    expect(() => validateMessageBody('', 1024)).toThrow(
      expect.objectContaining({ constructor: MissingParameterError, field: 'MessageBody' }),
    );
    expect(() => validateMessageBody(new Uint8Array(0), 1024)).toThrow(MissingParameterError);
  });

  it('accepts the allowed ranges and rejects everything else with InvalidMessageContents', () => {
    const allowed = '\t\n\r \u007f\ud7ff\ue000\ufffd\u{10000}\u{10ffff}';
    expect(() => validateMessageBody(allowed, 1024)).not.toThrow();
    for (const bad of [
      '\u0000',
      '\u0008',
      '\u000b',
      '\u001f',
      '\ud800',
      '\udfff',
      '\ufffe',
      '\uffff',
    ]) {
      expect(() => validateMessageBody(`ok${bad}`, 1024)).toThrow(
        expect.objectContaining({
          constructor: InvalidMessageContentsError,
          code: 'InvalidMessageContents',
          field: 'MessageBody',
          message: expect.stringMatching(/at index 2\); allowed are #x9/),
        }),
      );
    }
  });

  it('decodes byte bodies strictly as UTF-8', () => {
    expect(() => validateMessageBody(new TextEncoder().encode('héllo'), 1024)).not.toThrow();
    expect(() => validateMessageBody(Uint8Array.of(0x68, 0xc3), 1024)).toThrow(
      expect.objectContaining({
        constructor: InvalidMessageContentsError,
        message: expect.stringMatching(/valid UTF-8/),
      }),
    );
    expect(() => validateMessageBody(Uint8Array.of(0x00), 1024)).toThrow(
      InvalidMessageContentsError,
    );
  });

  it('agrees with a code-point scan on arbitrary strings', () => {
    const allowedCodePoint = (cp: number) =>
      cp === 0x9 ||
      cp === 0xa ||
      cp === 0xd ||
      (cp >= 0x20 && cp <= 0xd7ff) ||
      (cp >= 0xe000 && cp <= 0xfffd) ||
      cp >= 0x10000;
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }), (body) => {
        const valid = [...body].every((ch) => allowedCodePoint(ch.codePointAt(0)!));
        expect(findDisallowedCharacter(body) === -1).toBe(valid);
        try {
          validateMessageBody(body, 1_048_576);
          expect(valid).toBe(true);
        } catch (error) {
          expect(isSealbusError(error)).toBe(true);
          expect(valid).toBe(false);
        }
      }),
    );
  });
});
