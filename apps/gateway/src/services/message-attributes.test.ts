import type { MessageAttributes } from '@sealbus/core';
import { describe, expect, it } from 'vitest';
import {
  readMessageAttributes,
  selectMessageAttributes,
  writeMessageAttributes,
} from './message-attributes.js';

const attributes: MessageAttributes = {
  'trace.id': { dataType: 'String', stringValue: 't' },
  'trace.span': { dataType: 'String', stringValue: 's' },
  tracer: { dataType: 'String', stringValue: 'x' },
  blob: { dataType: 'Binary', binaryValue: Uint8Array.of(1, 2) },
};

describe('selectMessageAttributes', () => {
  it('selects all with All or .*, by prefix.* including the dot, and by exact name', () => {
    expect(selectMessageAttributes(attributes, ['All'])).toBe(attributes);
    expect(selectMessageAttributes(attributes, ['.*'])).toBe(attributes);
    expect(Object.keys(selectMessageAttributes(attributes, ['trace.*']))).toEqual([
      'trace.id',
      'trace.span',
    ]);
    expect(Object.keys(selectMessageAttributes(attributes, ['tracer', 'missing']))).toEqual([
      'tracer',
    ]);
    expect(selectMessageAttributes(attributes, [])).toEqual({});
  });
});

describe('read/writeMessageAttributes', () => {
  it('round-trips the wire shape, binary values as base64', () => {
    const wire = writeMessageAttributes(attributes);
    expect(wire.blob).toEqual({ DataType: 'Binary', BinaryValue: 'AQI=' });
    expect(readMessageAttributes({ MessageAttributes: wire })).toEqual(attributes);
  });

  it('requires a DataType', () => {
    expect(() => readMessageAttributes({ MessageAttributes: { a: { StringValue: 'x' } } })).toThrow(
      /DataType/,
    );
  });
});
