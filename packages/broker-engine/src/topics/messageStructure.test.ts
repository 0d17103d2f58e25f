import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { messageTexts } from './messageStructure.js';

const KEYS = ['sqs', 'http', 'email', 'GCM', 'APNS', 'constructor', '__proto__'];

describe('MessageStructure json', () => {
  // Publish: each protocol gets its own key's text, else "default".
  it('gives each key its own text, else default', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...KEYS), fc.string()),
        fc.string(),
        fc.constantFrom(...KEYS),
        (own, fallback, key) => {
          const body = JSON.stringify({ ...own, default: fallback });
          const texts = JSON.parse(body) as Record<string, string>;
          const expected = Object.hasOwn(texts, key) ? texts[key] : fallback;
          expect(messageTexts(body, { messageStructure: 'json' })(key)).toBe(expected);
        },
      ),
    );
  });

  it('without MessageStructure every protocol gets the body as it is', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(...KEYS), (body, key) => {
        expect(messageTexts(body, {})(key)).toBe(body);
      }),
    );
  });

  // "contain at least a top-level JSON key of "default" with a value that is a string".
  it('refuses a body that is not a JSON object with a string default, and other structures', () => {
    for (const body of ['not json', '[]', '"text"', '{"sqs":"x"}', '{"default":1}']) {
      expect(() => messageTexts(body, { messageStructure: 'json' })).toThrow(
        expect.objectContaining({ code: 'InvalidParameter', field: 'Message' }),
      );
    }
    expect(() => messageTexts('{}', { messageStructure: 'xml' as 'json' })).toThrow(
      /MessageStructure Reason: must be json when set; got xml/,
    );
  });
});
