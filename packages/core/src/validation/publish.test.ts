import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../errors/sns.js';
import { BatchRequestTooLongError, TooManyEntriesInBatchRequestError } from '../errors/sqs.js';
import type { PublishBatchEntry } from '../types/messages.js';
import { validatePublish, validatePublishBatch } from './publish.js';
import { resolveTopicAttributes } from './topicAttributes.js';

const standard = resolveTopicAttributes({}, { topicName: 't' });
const fifo = resolveTopicAttributes({ FifoTopic: true }, { topicName: 't.fifo' });
const invalid = (field: string, message?: RegExp) =>
  expect.objectContaining({
    constructor: InvalidParameterError,
    code: 'InvalidParameter',
    field,
    ...(message ? { message: expect.stringMatching(message) } : {}),
  });

describe('validatePublish', () => {
  it('accepts 256 KiB with attributes and rejects one byte more', () => {
    const attributes = { k: { dataType: 'String', stringValue: 'v' } };
    const body = 'x'.repeat(262_144 - 8);
    expect(() => validatePublish(body, { messageAttributes: attributes }, standard)).not.toThrow();
    expect(() => validatePublish(`${body}x`, { messageAttributes: attributes }, standard)).toThrow(
      invalid('Message', /at most 262144 bytes; got 262145 bytes/),
    );
  });

  it('rejects empty messages and unpaired surrogates', () => {
    expect(() => validatePublish('', undefined, standard)).toThrow(invalid('Message', /non-empty/));
    expect(() => validatePublish('a\ud800', undefined, standard)).toThrow(
      invalid('Message', /UTF-8/),
    );
  });

  it('accepts subjects of 1 to 99 characters without control characters', () => {
    expect(() => validatePublish('m', { subject: 's'.repeat(99) }, standard)).not.toThrow();
    for (const bad of ['', 's'.repeat(100), 'two\nlines', 'tab\there', 'cr\r']) {
      expect(() => validatePublish('m', { subject: bad }, standard)).toThrow(
        invalid('Subject', /1 to 99 characters/),
      );
    }
  });

  it('accepts SNS attribute types including String.Array, checking the array', () => {
    expect(() =>
      validatePublish(
        'm',
        {
          messageAttributes: {
            tags: { dataType: 'String.Array', stringValue: '["a",1,true,null]' },
          },
        },
        standard,
      ),
    ).not.toThrow();
    expect(() =>
      validatePublish(
        'm',
        { messageAttributes: { tags: { dataType: 'String.Array', stringValue: '{"a":1}' } } },
        standard,
      ),
    ).toThrow(invalid('MessageAttributes.tags', /JSON array/));
    const eleven = Object.fromEntries(
      Array.from({ length: 11 }, (_, i) => [`a${i}`, { dataType: 'String', stringValue: 'v' }]),
    );
    expect(() => validatePublish('m', { messageAttributes: eleven }, standard)).not.toThrow();
  });

  it('applies the FIFO id rules of the topic', () => {
    expect(() => validatePublish('m', undefined, fifo)).toThrow(
      invalid('MessageGroupId', /FIFO topic/),
    );
    expect(() => validatePublish('m', { messageGroupId: 'g' }, fifo)).toThrow(
      invalid('MessageDeduplicationId'),
    );
    expect(() =>
      validatePublish('m', { messageGroupId: 'g', messageDeduplicationId: 'd' }, fifo),
    ).not.toThrow();
    expect(() => validatePublish('m', { messageDeduplicationId: 'd' }, standard)).toThrow(
      invalid('MessageDeduplicationId', /only valid on FIFO topics/),
    );
  });

  it('prefixes fields for batch entries', () => {
    expect(() =>
      validatePublish('m', { subject: '\n' }, standard, 'PublishBatchRequestEntries[4].'),
    ).toThrow(invalid('PublishBatchRequestEntries[4].Subject'));
  });
});

describe('validatePublishBatch', () => {
  const entries = (n: number, size = 1): PublishBatchEntry[] =>
    Array.from({ length: n }, (_, i) => ({ id: `e${i}`, body: 'x'.repeat(size) }));

  it('allows 10 entries and 256 KiB in total', () => {
    expect(() => validatePublishBatch(entries(10))).not.toThrow();
    expect(() => validatePublishBatch(entries(8, 32_768))).not.toThrow();
    expect(() => validatePublishBatch(entries(11))).toThrow(TooManyEntriesInBatchRequestError);
    expect(() => validatePublishBatch([...entries(8, 32_768), { id: 'extra', body: 'x' }])).toThrow(
      expect.objectContaining({
        constructor: BatchRequestTooLongError,
        field: 'PublishBatchRequestEntries',
      }),
    );
  });
});
