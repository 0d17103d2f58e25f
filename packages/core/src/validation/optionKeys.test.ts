import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UnknownOptionError } from '../errors/broker.js';
import { InvalidParameterValueError } from '../errors/sqs.js';
import { RECEIVE_OPTION_KEYS, SEND_OPTION_KEYS } from './callOptionKeys.js';
import { checkEntryKeys, checkOptionKeys, closestKey, defineOptionKeys } from './optionKeys.js';

const KEYS = defineOptionKeys<{
  messageAttributes?: unknown;
  delaySeconds?: unknown;
  principal?: unknown;
}>('test options', { messageAttributes: true, delaySeconds: true, principal: true });
const known = [...KEYS.known];
/** Keys a JavaScript object can carry that are not known (including `__proto__`-like names). */
const unknownKey = fc.string({ minLength: 1, maxLength: 24 }).filter((key) => !KEYS.known.has(key));

function thrown(run: () => void): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('checkOptionKeys', () => {
  it('accepts every object whose keys are all known, whatever the values', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...known), fc.anything()), (options) => {
        checkOptionKeys(options, KEYS);
      }),
    );
  });

  it('refuses any object with an unknown key: UnknownOptionError naming that key, a known suggestion or none', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...known), fc.anything()),
        unknownKey,
        fc.anything(),
        (options, key, value) => {
          const withUnknown = { ...options };
          Object.defineProperty(withUnknown, key, { value, enumerable: true });
          const error = thrown(() => checkOptionKeys(withUnknown, KEYS, 'Entries[1].'));
          expect(error).toBeInstanceOf(UnknownOptionError);
          const refused = error as UnknownOptionError;
          expect(refused.code).toBe('UnknownOption');
          expect(refused.option).toBe(key);
          expect(refused.field).toBe(`Entries[1].${key}`);
          expect(refused.message).toContain(JSON.stringify(key).slice(1, 20));
          if (refused.suggestion !== undefined)
            expect(KEYS.known.has(refused.suggestion)).toBe(true);
        },
      ),
    );
  });

  it('suggests the known key for a different case, a dropped unit or an AWS spelling', () => {
    fc.assert(
      fc.property(fc.constantFrom(...known), fc.boolean(), (key, upper) => {
        const variant = upper ? key.toUpperCase() : key[0]!.toUpperCase() + key.slice(1);
        expect(closestKey(variant, KEYS.known)).toBe(key);
      }),
    );
    expect(closestKey('delay', KEYS.known)).toBe('delaySeconds');
    expect(closestKey('attributes', SEND_OPTION_KEYS.known)).toBe('messageAttributes');
    expect(closestKey('visibilityTimeout', RECEIVE_OPTION_KEYS.known)).toBe(
      'visibilityTimeoutSeconds',
    );
    expect(closestKey('MaxNumberOfMessages', RECEIVE_OPTION_KEYS.known)).toBe('maxMessages');
    expect(closestKey('priciple', SEND_OPTION_KEYS.known)).toBe('principal');
    expect(closestKey('zzzzzz', SEND_OPTION_KEYS.known)).toBeUndefined();
  });

  it('says what to write instead', () => {
    expect(() => checkOptionKeys({ attributes: {} }, SEND_OPTION_KEYS)).toThrow(
      'send options have no option "attributes"; did you mean "messageAttributes"? Known options: awsTraceHeader, delaySeconds, messageAttributes, messageDeduplicationId, messageGroupId, principal',
    );
  });

  it('passes undefined (no options) and refuses a non-object with InvalidParameterValue', () => {
    checkOptionKeys(undefined, KEYS);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.integer(),
          fc.boolean(),
          fc.constant(null),
          fc.array(fc.anything()),
        ),
        (options) => {
          expect(thrown(() => checkOptionKeys(options, KEYS))).toBeInstanceOf(
            InvalidParameterValueError,
          );
        },
      ),
    );
  });

  it('ignores inherited keys: only what the caller wrote counts', () => {
    const options = Object.create({ inherited: true }) as object;
    checkOptionKeys(options, KEYS);
  });

  it('checks every batch entry, naming its index, and refuses a missing entry', () => {
    expect(() => checkEntryKeys([{ principal: 'p' }, { prinicpal: 'p' }], KEYS, 'Entries')).toThrow(
      expect.objectContaining({ field: 'Entries[1].prinicpal', suggestion: 'principal' }),
    );
    expect(() => checkEntryKeys([undefined], KEYS, 'Entries')).toThrow(InvalidParameterValueError);
  });
});
