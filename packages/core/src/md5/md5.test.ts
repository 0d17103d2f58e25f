import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MessageAttributes } from '../types/messages.js';
import { md5OfMessageAttributes, md5OfMessageBody } from './md5.js';

describe('md5OfMessageBody', () => {
  it('hashes the UTF-8 body', () => {
    expect(md5OfMessageBody('hello')).toBe('5d41402abc4b2a76b9719d911017c592');
    expect(md5OfMessageBody(new TextEncoder().encode('hello'))).toBe(
      '5d41402abc4b2a76b9719d911017c592',
    );
  });

  it('gives the same digest for a string and its UTF-8 bytes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (body) => {
        expect(md5OfMessageBody(body)).toBe(md5OfMessageBody(Buffer.from(body, 'utf8')));
      }),
    );
  });
});

describe('md5OfMessageAttributes', () => {
  it('matches vector 1 (one String attribute)', () => {
    expect(
      md5OfMessageAttributes({ attribName1: { dataType: 'String', stringValue: 'attribValue 1' } }),
    ).toBe('19e27d4e946b072f3f58da80d94fd778');
  });

  it('matches vector 2 (Number + Binary)', () => {
    expect(
      md5OfMessageAttributes({
        count: { dataType: 'Number', stringValue: '3' },
        payload: { dataType: 'Binary', binaryValue: Buffer.from('aGVsbG8=', 'base64') },
      }),
    ).toBe('f09e0a3dee8529a6acb1b105ba5dbea8');
  });

  it('matches vector 3 (custom type label, binary with 0xff, names out of order)', () => {
    expect(
      md5OfMessageAttributes({
        priority: { dataType: 'Number', stringValue: '42' },
        blob: { dataType: 'Binary', binaryValue: Uint8Array.of(0, 1, 2, 0xff) },
        'trace.id': { dataType: 'String.custom', stringValue: 'abc' },
      }),
    ).toBe('786253c8ec6f6a5946d461890d169b1b');
  });

  it('is undefined without attributes', () => {
    expect(md5OfMessageAttributes(undefined)).toBeUndefined();
    expect(md5OfMessageAttributes({})).toBeUndefined();
  });

  it('hashes exactly the documented byte layout, independent of insertion order', () => {
    const attribute = fc.oneof(
      fc.record({
        dataType: fc.constantFrom('String', 'Number', 'String.x'),
        stringValue: fc.string(),
      }),
      fc.record({ dataType: fc.constant('Binary'), binaryValue: fc.uint8Array() }),
    );
    const names = fc.uniqueArray(fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/), {
      minLength: 1,
      maxLength: 10,
    });
    fc.assert(
      fc.property(names, fc.array(attribute, { minLength: 10, maxLength: 10 }), (keys, values) => {
        const entries = keys.map((key, i) => [key, values[i]!] as const);
        const forward: MessageAttributes = Object.fromEntries(entries);
        const backward: MessageAttributes = Object.fromEntries([...entries].reverse());
        const hash = createHash('md5');
        const u32 = (n: number) => {
          const b = Buffer.alloc(4);
          b.writeUInt32BE(n);
          return b;
        };
        for (const [key, value] of [...entries].sort(([a], [b]) => (a < b ? -1 : 1))) {
          const type = Buffer.from(value.dataType);
          const bytes =
            'binaryValue' in value
              ? Buffer.from(value.binaryValue)
              : Buffer.from(value.stringValue);
          hash.update(Buffer.concat([u32(key.length), Buffer.from(key), u32(type.length), type]));
          hash.update(Buffer.of('binaryValue' in value ? 2 : 1));
          hash.update(Buffer.concat([u32(bytes.length), bytes]));
        }
        const expected = hash.digest('hex');
        expect(md5OfMessageAttributes(forward)).toBe(expected);
        expect(md5OfMessageAttributes(backward)).toBe(expected);
      }),
    );
  });
});
