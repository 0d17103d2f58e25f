import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../errors/sns.js';
import { InvalidBatchEntryIdError, InvalidParameterValueError } from '../errors/sqs.js';
import { isFifoName, validateBatchEntryId, validateQueueName, validateTopicName } from './names.js';

const nameChars = fc.constantFrom(
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-'.split(''),
);
const name = (max: number) => fc.string({ unit: nameChars, minLength: 1, maxLength: max });

describe('validateQueueName', () => {
  it('accepts 1 and 80 characters, and .fifo names of 80 in total', () => {
    expect(() => validateQueueName('a')).not.toThrow();
    expect(() => validateQueueName('a'.repeat(80))).not.toThrow();
    expect(() => validateQueueName(`${'a'.repeat(75)}.fifo`)).not.toThrow();
    expect(isFifoName('orders.fifo')).toBe(true);
  });

  it('rejects empty, 81 characters, .fifo past 80, bare .fifo and other characters', () => {
    for (const bad of ['', 'a'.repeat(81), `${'a'.repeat(76)}.fifo`, '.fifo', 'a.b', 'a b', 'ä']) {
      expect(() => validateQueueName(bad)).toThrow(InvalidParameterValueError);
    }
  });

  it('names field, limit and value in the error', () => {
    expect(() => validateQueueName('bad name')).toThrow(
      expect.objectContaining({
        constructor: InvalidParameterValueError,
        code: 'InvalidParameterValue',
        field: 'QueueName',
        message: expect.stringMatching(/QueueName .*1 to 80.*got "bad name"$/),
      }),
    );
  });

  it('accepts every generated valid name and rejects any other character', () => {
    fc.assert(
      fc.property(name(80), (n) => {
        validateQueueName(n);
      }),
    );
    fc.assert(
      fc.property(name(40), fc.constantFrom('.', ' ', '/', ':', 'é', '\n'), name(30), (a, c, b) => {
        expect(() => validateQueueName(a + c + b)).toThrow(InvalidParameterValueError);
      }),
    );
  });
});

describe('validateTopicName', () => {
  it('accepts 1 and 256 characters and .fifo names of 256 in total', () => {
    expect(() => validateTopicName('t')).not.toThrow();
    expect(() => validateTopicName('t'.repeat(256))).not.toThrow();
    expect(() => validateTopicName(`${'t'.repeat(251)}.fifo`)).not.toThrow();
  });

  it('rejects 257 characters, empty names and dots with SNS InvalidParameter', () => {
    for (const bad of ['', 't'.repeat(257), `${'t'.repeat(252)}.fifo`, 'a.b']) {
      expect(() => validateTopicName(bad)).toThrow(
        expect.objectContaining({
          constructor: InvalidParameterError,
          code: 'InvalidParameter',
          field: 'Name',
          message: expect.stringContaining('1 to 256'),
        }),
      );
    }
  });
});

describe('validateBatchEntryId', () => {
  it('accepts 1 to 80 characters of [A-Za-z0-9_-]', () => {
    expect(() => validateBatchEntryId('0')).not.toThrow();
    expect(() => validateBatchEntryId('a'.repeat(80))).not.toThrow();
    fc.assert(fc.property(name(80), (id) => validateBatchEntryId(id)));
  });

  it('rejects empty, 81 characters and dots with InvalidBatchEntryId', () => {
    for (const bad of ['', 'a'.repeat(81), 'a.fifo', 'a b']) {
      expect(() => validateBatchEntryId(bad, 'Entries[2].Id')).toThrow(
        expect.objectContaining({
          constructor: InvalidBatchEntryIdError,
          code: 'InvalidBatchEntryId',
          field: 'Entries[2].Id',
        }),
      );
    }
  });
});
