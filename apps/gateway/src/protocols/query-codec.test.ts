import { InvalidParameterValueError } from '@sealbus/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formTree } from './form.js';
import {
  bool,
  decodeQuery,
  encodeXml,
  entryMap,
  flatList,
  flatMap,
  int,
  memberList,
  str,
  struct,
} from './query-codec.js';

const attributeValue = struct({ DataType: str, StringValue: str });
const sqsShape = struct({
  QueueUrl: str,
  DelaySeconds: int,
  AttributeNames: ['AttributeName', flatList(str)],
  MessageAttributes: ['MessageAttribute', flatMap('Name', 'Value', attributeValue)],
});
const snsShape = struct({
  Attributes: entryMap('key', 'value'),
  Entries: memberList(struct({ Id: str, Raw: bool })),
});

const name = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/);

describe('decodeQuery', () => {
  it('decodes SQS flattened lists and maps in index order', () => {
    const tree = formTree([
      ['QueueUrl', 'http://h/000000000000/q'],
      ['DelaySeconds', '5'],
      ['AttributeName.2', 'SentTimestamp'],
      ['AttributeName.1', 'All'],
      ['MessageAttribute.1.Name', 'n'],
      ['MessageAttribute.1.Value.DataType', 'Number'],
      ['MessageAttribute.1.Value.StringValue', '3'],
    ]);
    expect(decodeQuery(tree, sqsShape)).toEqual({
      QueueUrl: 'http://h/000000000000/q',
      DelaySeconds: 5,
      AttributeNames: ['All', 'SentTimestamp'],
      MessageAttributes: { n: { DataType: 'Number', StringValue: '3' } },
    });
  });

  it('decodes SNS member lists, entry maps and a bare empty list', () => {
    const tree = formTree([
      ['Attributes.entry.1.key', 'RawMessageDelivery'],
      ['Attributes.entry.1.value', 'true'],
      ['Entries.member.1.Id', 'a'],
      ['Entries.member.1.Raw', 'false'],
    ]);
    expect(decodeQuery(tree, snsShape)).toEqual({
      Attributes: { RawMessageDelivery: 'true' },
      Entries: [{ Id: 'a', Raw: false }],
    });
    expect(decodeQuery(formTree([['Entries', '']]), snsShape)).toEqual({ Entries: [] });
  });

  it('round-trips any attribute map through flattened form keys', () => {
    fc.assert(
      fc.property(fc.dictionary(name, fc.string()), fc.array(name), (attributes, names) => {
        const pairs: Array<[string, string]> = [];
        Object.entries(attributes).forEach(([key, value], i) => {
          pairs.push([`MessageAttribute.${i + 1}.Name`, key]);
          pairs.push([`MessageAttribute.${i + 1}.Value.DataType`, 'String']);
          pairs.push([`MessageAttribute.${i + 1}.Value.StringValue`, value]);
        });
        for (const [i, n] of names.entries()) pairs.push([`AttributeName.${i + 1}`, n]);
        const decoded = decodeQuery(formTree(pairs), sqsShape);
        expect(decoded.AttributeNames ?? []).toEqual(names);
        const expected = Object.fromEntries(
          Object.entries(attributes).map(([k, v]) => [k, { DataType: 'String', StringValue: v }]),
        );
        expect(decoded.MessageAttributes ?? {}).toEqual(expected);
      }),
    );
  });

  it('treats __proto__ in keys and map names as data, never as a prototype', () => {
    const pairs: Array<[string, string]> = [
      ['__proto__.polluted', 'yes'],
      ['MessageAttribute.1.Name', '__proto__'],
      ['MessageAttribute.1.Value.DataType', 'String'],
      ['MessageAttribute.1.Value.StringValue', 'v'],
    ];
    const decoded = decodeQuery(formTree(pairs), sqsShape);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const attributes = decoded.MessageAttributes as Record<string, unknown>;
    expect(Object.getPrototypeOf(attributes)).toBe(Object.prototype);
    expect(Object.keys(attributes)).toEqual(['__proto__']);
    expect(Object.getOwnPropertyDescriptor(attributes, '__proto__')?.value).toEqual({
      DataType: 'String',
      StringValue: 'v',
    });
  });

  it('names the parameter of malformed values', () => {
    expect(() => decodeQuery(formTree([['DelaySeconds', 'soon']]), sqsShape)).toThrow(
      expect.objectContaining({ constructor: InvalidParameterValueError, field: 'DelaySeconds' }),
    );
    expect(() => decodeQuery(formTree([['AttributeName.0', 'All']]), sqsShape)).toThrow(
      InvalidParameterValueError,
    );
    expect(() =>
      decodeQuery(formTree([['MessageAttribute.1.Value.DataType', 'String']]), sqsShape),
    ).toThrow(InvalidParameterValueError);
  });
});

describe('encodeXml', () => {
  it('writes flattened SQS members and wrapped SNS members, skipping absent ones', () => {
    expect(
      encodeXml(
        {
          AttributeNames: ['a', 'b'],
          MessageAttributes: { n: { DataType: 'Number', StringValue: '1' } },
          QueueUrl: undefined,
        },
        sqsShape,
      ),
    ).toBe(
      '<AttributeName>a</AttributeName><AttributeName>b</AttributeName><MessageAttribute><Name>n</Name><Value><DataType>Number</DataType><StringValue>1</StringValue></Value></MessageAttribute>',
    );
    expect(
      encodeXml({ Attributes: { k: 'v&' }, Entries: [{ Id: 'x', Raw: true }] }, snsShape),
    ).toBe(
      '<Attributes><entry><key>k</key><value>v&amp;</value></entry></Attributes><Entries><member><Id>x</Id><Raw>true</Raw></member></Entries>',
    );
  });
});
