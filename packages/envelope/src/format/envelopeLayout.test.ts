import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EnvelopeFormatError } from '../errors/EnvelopeFormatError.js';
import { MIN_ENVELOPE_LENGTH } from './constants.js';
import { encodeHeaderPrefix, readEnvelopeHeader } from './envelopeHeader.js';
import { isSealed, parseEnvelope } from './envelopeLayout.js';

function envelope(arn = 'a', blob = Uint8Array.of(9), bodyLength = 0): Buffer {
  const prefix = encodeHeaderPrefix(
    arn,
    blob,
    new Uint8Array(32).fill(1),
    new Uint8Array(32).fill(2),
  );
  return Buffer.concat([
    prefix,
    new Uint8Array(12).fill(3),
    new Uint8Array(bodyLength).fill(4),
    new Uint8Array(16).fill(5),
  ]);
}

function formatError(bytes: unknown): EnvelopeFormatError {
  try {
    parseEnvelope(bytes as Uint8Array);
  } catch (error) {
    if (error instanceof EnvelopeFormatError) return error;
    throw error;
  }
  throw new Error('parsed');
}

describe('parseEnvelope', () => {
  it('finds every field of the smallest envelope', () => {
    const bytes = envelope();
    expect(bytes.byteLength).toBe(MIN_ENVELOPE_LENGTH);
    expect(parseEnvelope(bytes)).toEqual({
      version: 2,
      suiteId: 1,
      keyArnStart: 9,
      keyArnEnd: 10,
      encryptedDataKeyStart: 12,
      encryptedDataKeyEnd: 13,
      saltStart: 13,
      commitmentStart: 45,
      ivStart: 77,
      headerEnd: 89,
      tagStart: 89,
    });
    expect(isSealed(bytes)).toBe(true);
  });

  it('names the field that is wrong', () => {
    const valid = envelope('arn:x', Uint8Array.of(1, 2, 3), 5);
    const edit = (at: number, ...bytes: number[]) => {
      const copy = Buffer.from(valid);
      copy.set(bytes, at);
      return copy;
    };
    expect(formatError('not bytes').field).toBe('envelope');
    expect(formatError(valid.subarray(0, MIN_ENVELOPE_LENGTH - 1)).field).toBe('envelope');
    expect(formatError(edit(0, 0x7b)).field).toBe('magic');
    expect(formatError(edit(4, 3)).message).toContain('version is 3');
    expect(formatError(edit(4, 0)).field).toBe('version');
    expect(parseEnvelope(edit(4, 1)).version).toBe(1);
    expect(formatError(edit(5, 0, 2)).field).toBe('suite');
    expect(formatError(edit(7, 0, 0)).field).toBe('keyArn');
    expect(formatError(edit(7, 0x08, 0x01)).message).toContain('must be 1-2048');
    expect(formatError(edit(7, 0x07, 0xff)).message).toContain('runs past the end');
    expect(formatError(edit(14, 0, 0)).field).toBe('encryptedDataKey');
    expect(formatError(edit(14, 0x18, 0x01)).field).toBe('encryptedDataKey');
    expect(formatError(edit(14, 0, 40)).field).toBe('envelope');
  });

  it('never throws anything but EnvelopeFormatError on arbitrary bytes', () => {
    const magic = Uint8Array.of(0xff, 0x53, 0x42, 0x45, 0x01, 0x00, 0x01);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (random, withMagic) => {
        const bytes = withMagic ? Buffer.concat([magic, random]) : random;
        try {
          const layout = parseEnvelope(bytes);
          expect(layout.tagStart).toBe(bytes.byteLength - 16);
          expect(layout.headerEnd).toBeLessThanOrEqual(layout.tagStart);
        } catch (error) {
          expect(error).toBeInstanceOf(EnvelopeFormatError);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('isSealed', () => {
  it('is false for text, short input, unknown versions and non-bytes; true for versions 1 and 2', () => {
    const bytes = envelope();
    expect(isSealed(bytes)).toBe(true);
    expect(isSealed(Buffer.from('{"hello":"world"}'.repeat(10)))).toBe(false);
    expect(isSealed(bytes.subarray(0, 50))).toBe(false);
    const other = Buffer.from(bytes);
    other[4] = 1;
    expect(isSealed(other)).toBe(true);
    other[4] = 3;
    expect(isSealed(other)).toBe(false);
    expect(isSealed('ff534245' as never)).toBe(false);
  });
});

describe('readEnvelopeHeader / encodeHeaderPrefix', () => {
  it('rejects a key ARN that is not UTF-8', () => {
    const bytes = envelope('ab');
    bytes[9] = 0xc3;
    bytes[10] = 0x28;
    expect(() => readEnvelopeHeader(bytes)).toThrow(/not valid UTF-8/);
  });

  it('refuses to encode key ARNs and blobs outside the limits', () => {
    expect(() =>
      encodeHeaderPrefix('', Uint8Array.of(1), new Uint8Array(32), new Uint8Array(32)),
    ).toThrow(EnvelopeFormatError);
    expect(() =>
      encodeHeaderPrefix(
        'a'.repeat(2049),
        Uint8Array.of(1),
        new Uint8Array(32),
        new Uint8Array(32),
      ),
    ).toThrow(/2049 bytes, must be 1-2048/);
    expect(() =>
      encodeHeaderPrefix('a', new Uint8Array(6145), new Uint8Array(32), new Uint8Array(32)),
    ).toThrow(/6145 bytes, must be 1-6144/);
  });
});
