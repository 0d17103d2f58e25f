import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ENVELOPE_ATTRIBUTE,
  envelopeMarkerAttribute,
  readEnvelopeMarker,
} from './envelopeMarker.js';

describe('envelope marker', () => {
  it('round-trips any encryption context', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.string()), (context) => {
        const attribute = envelopeMarkerAttribute(context);
        expect(attribute.dataType).toBe('String');
        expect(readEnvelopeMarker(attribute.stringValue)).toEqual({ version: 2, context });
      }),
    );
  });

  it('reads an absent marker as not sealed', () => {
    expect(readEnvelopeMarker(undefined)).toBeUndefined();
  });

  it('rejects malformed markers with InvalidMessageContents naming the attribute', () => {
    for (const text of ['not json', '{"context":{}}', '{"version":1,"context":{"a":1}}', '[1]']) {
      expect(() => readEnvelopeMarker(text)).toThrow(
        expect.objectContaining({
          code: 'InvalidMessageContents',
          field: `MessageAttributes.${ENVELOPE_ATTRIBUTE}`,
        }),
      );
    }
  });

  it('either reads a well-formed marker or rejects, for any text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        try {
          const marker = readEnvelopeMarker(text);
          expect(typeof marker?.version).toBe('number');
          expect(Object.values(marker!.context).every((value) => typeof value === 'string')).toBe(
            true,
          );
        } catch (error) {
          expect(error).toMatchObject({ code: 'InvalidMessageContents' });
        }
      }),
    );
  });
});
