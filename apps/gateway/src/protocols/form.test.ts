import { InvalidParameterValueError } from '@sealbus/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeForm, formTree } from './form.js';

describe('decodeForm', () => {
  it('decodes botocore (+ for space) and JS v3 (%20) encodings to the same pairs', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ minLength: 1 }), fc.string())), (pairs) => {
        const js = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
        const boto = js.map((piece) => piece.replace(/%20/g, '+'));
        expect(decodeForm(js.join('&'))).toEqual(pairs);
        expect(decodeForm(boto.join('&'))).toEqual(pairs);
      }),
    );
  });

  it('rejects malformed percent escapes with InvalidParameterValue naming the position, never the value', () => {
    const malformed = () => decodeForm('Action=SendMessage&MessageBody=secret-marker%E0%A4%A');
    expect(malformed).toThrow(InvalidParameterValueError);
    expect(malformed).toThrow(
      /^the form-encoded request has a malformed percent escape in parameter 2; encode parameters with encodeURIComponent$/,
    );
    // Protocol detection reads what it can and leaves the refusal to the protocol.
    expect(decodeForm('Action=SendMessage&MessageBody=%E0%A4%A', true)).toEqual([
      ['Action', 'SendMessage'],
    ]);
  });
});

describe('formTree', () => {
  it('nests dotted keys and keeps a bare key as the empty-list marker', () => {
    expect(
      formTree([
        ['Action', 'SendMessage'],
        ['MessageAttribute.1.Name', 'a'],
        ['MessageAttribute.1.Value.DataType', 'String'],
        ['AttributeNames', ''],
      ]),
    ).toEqual({
      Action: 'SendMessage',
      MessageAttribute: { 1: { Name: 'a', Value: { DataType: 'String' } } },
      AttributeNames: '',
    });
    expect(
      formTree([
        ['Tags', ''],
        ['Tags.member.1.Key', 'k'],
      ]),
    ).toEqual({
      Tags: { member: { 1: { Key: 'k' } } },
    });
  });
});
