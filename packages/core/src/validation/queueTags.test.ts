import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateQueueTags, validateTagKeys } from './queueTags.js';

const error = (code: string, message: string) => expect.objectContaining({ code, message });

/** SQS TagQueue / UntagQueue: "a maximum of 50 tags per queue"; keys 1–128, values 0–256. */
describe('queue tags', () => {
  it('TagQueue: Tags is required', () => {
    expect(() => validateQueueTags({}, {}, 'q')).toThrow(
      error('MissingParameter', 'The request must contain the parameter Tags.'),
    );
  });

  it('TagQueue: at most 50 tags on the queue, counting those it has', () => {
    const existing = Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`k${i}`, 'v']));
    expect(() => validateQueueTags({ k0: 'again', extra: 'v' }, existing, 'q')).not.toThrow();
    expect(() => validateQueueTags({ extra: 'v', more: 'v' }, existing, 'orders')).toThrow(
      error('InvalidParameterValue', 'Too many tags added for queue orders.'),
    );
  });

  it('keys are 1 to 128 characters and values at most 256, for any lengths', () => {
    fc.assert(
      fc.property(fc.nat(300), fc.nat(300), (keyLength, valueLength) => {
        const call = () =>
          validateQueueTags({ ['k'.repeat(keyLength)]: 'v'.repeat(valueLength) }, {}, 'q');
        if (keyLength < 1 || keyLength > 128) {
          expect(call).toThrow(
            error(
              'InvalidParameterValue',
              'Tag keys must be between 1 and 128 characters in length.',
            ),
          );
        } else if (valueLength > 256) {
          expect(call).toThrow(
            error(
              'InvalidParameterValue',
              'Tag values must be between 0 and 256 characters in length.',
            ),
          );
        } else {
          expect(call).not.toThrow();
        }
      }),
      { numRuns: 60 },
    );
  });

  it('UntagQueue: at least one key', () => {
    expect(() => validateTagKeys([])).toThrow(
      error('InvalidParameterValue', 'Tag keys must be between 1 and 128 characters in length.'),
    );
    expect(() => validateTagKeys(['a'])).not.toThrow();
  });
});
