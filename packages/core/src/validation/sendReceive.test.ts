import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldError } from '../../test/support/fieldError.js';
import { InvalidParameterValueError, MissingParameterError } from '../errors/sqs.js';
import type { SendOptions } from '../types/messages.js';
import { resolveQueueAttributes } from './queueAttributes.js';
import {
  validateReceiveOptions,
  validateSendMessage,
  validateSendOptions,
  validateVisibilityTimeout,
} from './sendReceive.js';

const standard = resolveQueueAttributes({}, { queueName: 'q' });
const fifo = resolveQueueAttributes({ FifoQueue: true }, { queueName: 'q.fifo' });
const contentBased = resolveQueueAttributes(
  { FifoQueue: true, ContentBasedDeduplication: true },
  { queueName: 'q.fifo' },
);
const small = resolveQueueAttributes({ MaximumMessageSize: 1024 }, { queueName: 'q' });

describe('validateSendOptions', () => {
  it('accepts delaySeconds 0 and 900 on a standard queue, rejects -1, 901 and fractions', () => {
    expect(() => validateSendOptions({ delaySeconds: 0 }, standard)).not.toThrow();
    expect(() => validateSendOptions({ delaySeconds: 900 }, standard)).not.toThrow();
    for (const bad of [-1, 901, 1.5]) {
      expect(() => validateSendOptions({ delaySeconds: bad }, standard)).toThrow(
        fieldError(InvalidParameterValueError, 'DelaySeconds', /from 0 to 900 seconds; got /),
      );
    }
  });

  // SQS SendMessage DelaySeconds: "FIFO queues don't support per-message delays, only per-queue
  // delays"; SQS still accepts the default 0 and refuses every other value with this text.
  it('accepts DelaySeconds 0 on FIFO queues and rejects any other per-message delay', () => {
    const ids = { messageGroupId: 'g', messageDeduplicationId: 'd' };
    expect(() => validateSendOptions({ delaySeconds: 0, ...ids }, fifo)).not.toThrow();
    for (const bad of [5, 900, -1]) {
      expect(() => validateSendOptions({ delaySeconds: bad, ...ids }, fifo)).toThrow(
        fieldError(
          InvalidParameterValueError,
          'DelaySeconds',
          `DelaySeconds cannot be set per message on a FIFO queue; got ${bad}. Set the queue's DelaySeconds instead`,
        ),
      );
    }
  });

  it('needs a group id on FIFO queues and a deduplication id without content-based deduplication', () => {
    expect(() => validateSendOptions(undefined, fifo)).toThrow(
      fieldError(MissingParameterError, 'MessageGroupId', /required on a FIFO queue/),
    );
    expect(() => validateSendOptions({ messageGroupId: 'g' }, fifo)).toThrow(
      fieldError(InvalidParameterValueError, 'MessageDeduplicationId', /ContentBasedDeduplication/),
    );
    expect(() =>
      validateSendOptions({ messageGroupId: 'g', messageDeduplicationId: 'd' }, fifo),
    ).not.toThrow();
    expect(() => validateSendOptions({ messageGroupId: 'g' }, contentBased)).not.toThrow();
  });

  it('rejects deduplication ids on standard queues but accepts group ids (fair queues)', () => {
    expect(() => validateSendOptions({ messageDeduplicationId: 'd' }, standard)).toThrow(
      fieldError(InvalidParameterValueError, 'MessageDeduplicationId', /only valid on FIFO queues/),
    );
    expect(() => validateSendOptions({ messageGroupId: 'tenant-1' }, standard)).not.toThrow();
  });

  it('accepts ids of 128 printable ASCII characters and rejects 129, empty and spaces', () => {
    const punctuation = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
    const id128 = `${punctuation}${'a'.repeat(128 - punctuation.length)}`;
    expect(() =>
      validateSendOptions({ messageGroupId: id128, messageDeduplicationId: id128 }, fifo),
    ).not.toThrow();
    for (const bad of ['a'.repeat(129), '', 'a b', 'é']) {
      expect(() =>
        validateSendOptions({ messageGroupId: bad, messageDeduplicationId: 'd' }, fifo),
      ).toThrow(fieldError(InvalidParameterValueError, 'MessageGroupId', /1 to 128 characters/));
    }
  });

  it('checks attributes and prefixes fields for batch entries', () => {
    expect(() =>
      validateSendOptions(
        { messageAttributes: { 'AWS.x': { dataType: 'String', stringValue: 'v' } } },
        standard,
        'Entries[3].',
      ),
    ).toThrow(fieldError(InvalidParameterValueError, 'Entries[3].MessageAttributes.AWS.x'));
  });

  it('accepts every generated valid FIFO send', () => {
    const id = fc.string({
      unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
      minLength: 1,
      maxLength: 128,
    });
    fc.assert(
      fc.property(id, id, (group, dedup) => {
        const options: SendOptions = { messageGroupId: group, messageDeduplicationId: dedup };
        validateSendOptions(options, fifo);
      }),
    );
  });
});

describe('validateSendMessage', () => {
  it('checks the body against the queue MaximumMessageSize, attributes included', () => {
    const attributes = { k: { dataType: 'String', stringValue: 'v' } };
    expect(() =>
      validateSendMessage('x'.repeat(1016), { messageAttributes: attributes }, small),
    ).not.toThrow();
    expect(() =>
      validateSendMessage('x'.repeat(1017), { messageAttributes: attributes }, small),
    ).toThrow(fieldError(InvalidParameterValueError, 'MessageBody', /shorter than 1024 bytes/));
    expect(() => validateSendMessage('x', undefined, fifo)).toThrow(MissingParameterError);
  });
});

describe('validateReceiveOptions', () => {
  it('accepts every limit edge and rejects just outside', () => {
    const edges: Array<[keyof typeof ok, number, number, string]> = [
      ['maxMessages', 1, 10, 'MaxNumberOfMessages'],
      ['waitTimeSeconds', 0, 20, 'WaitTimeSeconds'],
      ['visibilityTimeoutSeconds', 0, 43_200, 'VisibilityTimeout'],
    ];
    const ok = { maxMessages: 1, waitTimeSeconds: 0, visibilityTimeoutSeconds: 0 };
    for (const [option, min, max, field] of edges) {
      expect(() => validateReceiveOptions({ [option]: min })).not.toThrow();
      expect(() => validateReceiveOptions({ [option]: max })).not.toThrow();
      for (const bad of [min - 1, max + 1, min + 0.5]) {
        expect(() => validateReceiveOptions({ [option]: bad })).toThrow(
          fieldError(
            InvalidParameterValueError,
            field,
            new RegExp(`^${field} must be an integer from ${min} to ${max}`),
          ),
        );
      }
    }
    expect(() => validateReceiveOptions(undefined)).not.toThrow();
    expect(validateVisibilityTimeout(43_200, 'Entries[0].VisibilityTimeout')).toBe(43_200);
    expect(() => validateVisibilityTimeout(43_201, 'Entries[0].VisibilityTimeout')).toThrow(
      fieldError(InvalidParameterValueError, 'Entries[0].VisibilityTimeout', /got 43201$/),
    );
  });
});
