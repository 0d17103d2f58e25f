import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSealbusError } from '../errors/SealbusError.js';
import { InvalidParameterError } from '../errors/sns.js';
import type { TopicAttributes } from '../types/attributes.js';
import {
  conflictingTopicAttributes,
  formatTopicAttributes,
  parseTopicAttributeStrings,
  resolveTopicAttributes,
  topicAttributesEqual,
} from './topicAttributes.js';

const create = (input: TopicAttributes, topicName = 'events') =>
  resolveTopicAttributes(input, { topicName });

const invalid = (field: string, message?: RegExp) =>
  expect.objectContaining({
    constructor: InvalidParameterError,
    code: 'InvalidParameter',
    field,
    ...(message ? { message: expect.stringMatching(message) } : {}),
  });

describe('resolveTopicAttributes', () => {
  it('defaults a new topic to standard without content-based deduplication', () => {
    expect(create({})).toEqual({ FifoTopic: false, ContentBasedDeduplication: false });
  });

  it('needs a .fifo name for FifoTopic=true and FifoTopic=true for a .fifo name', () => {
    expect(create({ FifoTopic: true, ContentBasedDeduplication: true }, 'e.fifo')).toEqual({
      FifoTopic: true,
      ContentBasedDeduplication: true,
    });
    expect(() => create({ FifoTopic: true })).toThrow(invalid('Name', /must end in \.fifo/));
    expect(() => create({}, 'e.fifo')).toThrow(invalid('Name', /needs FifoTopic=true/));
  });

  it('allows ContentBasedDeduplication only on FIFO topics', () => {
    expect(() => create({ ContentBasedDeduplication: true })).toThrow(
      invalid('ContentBasedDeduplication', /only to FIFO topics/),
    );
    expect(create({ ContentBasedDeduplication: false }).ContentBasedDeduplication).toBe(false);
  });

  it('limits DisplayName to 100 characters', () => {
    expect(create({ DisplayName: 'd'.repeat(100) }).DisplayName).toHaveLength(100);
    expect(() => create({ DisplayName: 'd'.repeat(101) })).toThrow(
      invalid('DisplayName', /at most 100 characters; got 101/),
    );
  });

  it('accepts the four KMS key forms, rejects others and clears with the empty string', () => {
    const withKey = create({ KmsMasterKeyId: 'alias/aws/sns' });
    expect(withKey.KmsMasterKeyId).toBe('alias/aws/sns');
    expect(() => create({ KmsMasterKeyId: 'sns-key' })).toThrow(
      invalid('KmsMasterKeyId', /got "sns-key"$/),
    );
    const cleared = resolveTopicAttributes(
      { KmsMasterKeyId: '' },
      { topicName: 'events', existing: withKey },
    );
    expect(cleared.KmsMasterKeyId).toBeUndefined();
  });

  it('rejects unknown names, non-JSON policies and FifoTopic changes', () => {
    expect(() => create({ Delivery: 'x' } as TopicAttributes)).toThrow(
      invalid('Delivery', /Unknown topic attribute/),
    );
    expect(() => create({ Policy: 'allow all' })).toThrow(invalid('Policy', /JSON object/));
    expect(() =>
      resolveTopicAttributes({ FifoTopic: true }, { topicName: 'events', existing: create({}) }),
    ).toThrow(invalid('FifoTopic', /only be set when a topic is created/));
  });

  it('merges an update onto the existing attributes', () => {
    const existing = create({ DisplayName: 'Events', KmsMasterKeyId: 'alias/app' });
    expect(
      resolveTopicAttributes({ DisplayName: 'New' }, { topicName: 'events', existing }),
    ).toEqual({ ...existing, DisplayName: 'New' });
  });
});

describe('topic attribute equality and wire form', () => {
  it('finds conflicts only among the requested attributes', () => {
    const existing = create({ DisplayName: 'Events' });
    expect(conflictingTopicAttributes(existing, {}, 'events')).toEqual([]);
    expect(conflictingTopicAttributes(existing, { DisplayName: 'Other' }, 'events')).toEqual([
      'DisplayName',
    ]);
    expect(topicAttributesEqual(existing, create({ DisplayName: 'Events' }))).toBe(true);
    expect(topicAttributesEqual(existing, create({}))).toBe(false);
  });

  it('formats to SNS strings and parses back', () => {
    const resolved = create(
      { FifoTopic: true, ContentBasedDeduplication: true, KmsMasterKeyId: 'alias/k' },
      't.fifo',
    );
    const wire = formatTopicAttributes(resolved);
    expect(wire).toEqual({
      KmsMasterKeyId: 'alias/k',
      FifoTopic: 'true',
      ContentBasedDeduplication: 'true',
    });
    expect(topicAttributesEqual(create(parseTopicAttributeStrings(wire), 't.fifo'), resolved)).toBe(
      true,
    );
    expect(formatTopicAttributes(create({}))).toEqual({});
  });

  it('round-trips generated valid attributes and throws only typed errors on arbitrary input', () => {
    const valid = fc.record(
      {
        DisplayName: fc.string({ minLength: 1, maxLength: 100 }),
        KmsMasterKeyId: fc.constantFrom('alias/aws/sns', '1234abcd-12ab-34cd-56ef-1234567890ab'),
        Policy: fc.constant('{"Statement":[]}'),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(valid, (input) => {
        const resolved = create(input);
        expect(
          topicAttributesEqual(
            create(parseTopicAttributeStrings(formatTopicAttributes(resolved))),
            resolved,
          ),
        ).toBe(true);
      }),
    );
    const names = fc.constantFrom('DisplayName', 'KmsMasterKeyId', 'FifoTopic', 'Policy', 'X');
    fc.assert(
      fc.property(fc.dictionary(names, fc.string()), fc.boolean(), (record, fifo) => {
        try {
          create(parseTopicAttributeStrings(record), fifo ? 't.fifo' : 't');
        } catch (error) {
          expect(isSealbusError(error)).toBe(true);
        }
      }),
    );
  });
});
