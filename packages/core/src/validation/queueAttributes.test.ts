import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldError } from '../../test/support/fieldError.js';
import { queueArn } from '../arn/arn.js';
import { isSealbusError } from '../errors/SealbusError.js';
import {
  InvalidAttributeNameError,
  InvalidAttributeValueError,
  InvalidParameterValueError,
} from '../errors/sqs.js';
import type { QueueAttributes } from '../types/attributes.js';
import {
  conflictingQueueAttributes,
  formatQueueAttributes,
  parseQueueAttributeStrings,
  QUEUE_ATTRIBUTE_LIMITS,
  queueAttributesEqual,
  resolveQueueAttributes,
} from './queueAttributes.js';

const KEY = '1234abcd-12ab-34cd-56ef-1234567890ab';
const dlq = queueArn('orders-dlq');
const fifoDlq = queueArn('orders-dlq.fifo');

const create = (input: QueueAttributes, queueName = 'orders') =>
  resolveQueueAttributes(input, { queueName });
const update = (input: QueueAttributes, existing = create({}), queueName = 'orders') =>
  resolveQueueAttributes(input, { queueName, existing });

describe('resolveQueueAttributes: defaults', () => {
  it('applies the SQS defaults to a new standard queue, with SSE-SQS on', () => {
    expect(create({})).toEqual({
      DelaySeconds: 0,
      MaximumMessageSize: 1_048_576,
      MessageRetentionPeriod: 345_600,
      ReceiveMessageWaitTimeSeconds: 0,
      VisibilityTimeout: 30,
      KmsDataKeyReusePeriodSeconds: 300,
      SqsManagedSseEnabled: true,
      FifoQueue: false,
      ContentBasedDeduplication: false,
    });
  });

  it('gives a new FIFO queue queue-wide deduplication and throughput', () => {
    expect(create({ FifoQueue: true }, 'orders.fifo')).toMatchObject({
      FifoQueue: true,
      ContentBasedDeduplication: false,
      DeduplicationScope: 'queue',
      FifoThroughputLimit: 'perQueue',
    });
  });

  it('ignores attributes given as undefined', () => {
    expect(create({ VisibilityTimeout: undefined })).toEqual(create({}));
  });
});

describe('resolveQueueAttributes: numeric limits', () => {
  for (const [name, { min, max, unit }] of Object.entries(QUEUE_ATTRIBUTE_LIMITS)) {
    it(`${name} accepts ${min} and ${max}, rejects ${min - 1}, ${max + 1} and fractions`, () => {
      expect(create({ [name]: min })[name as keyof typeof QUEUE_ATTRIBUTE_LIMITS]).toBe(min);
      expect(create({ [name]: max })[name as keyof typeof QUEUE_ATTRIBUTE_LIMITS]).toBe(max);
      for (const bad of [min - 1, max + 1, min + 0.5, Number.NaN, `${min}`]) {
        expect(() => create({ [name]: bad })).toThrow(
          fieldError(
            InvalidAttributeValueError,
            name,
            new RegExp(`^${name} must be an integer from ${min} to ${max} ${unit}; got `),
          ),
        );
      }
    });
  }

  it('reports the value, as in the SQS console', () => {
    expect(() => create({ VisibilityTimeout: 43_201 })).toThrow(
      'VisibilityTimeout must be an integer from 0 to 43200 seconds; got 43201',
    );
  });
});

describe('resolveQueueAttributes: names', () => {
  it('rejects unknown and read-only attribute names with InvalidAttributeName', () => {
    expect(() => create({ Visibility: 3 } as QueueAttributes)).toThrow(
      fieldError(InvalidAttributeNameError, 'Visibility', /Unknown queue attribute "Visibility"/),
    );
    expect(() => create({ QueueArn: dlq } as QueueAttributes)).toThrow(
      fieldError(InvalidAttributeNameError, 'QueueArn', /read-only/),
    );
  });

  it('names the attribute a misspelt name most likely meant', () => {
    expect(() => create({ visibilityTimeout: 30 } as QueueAttributes)).toThrow(
      fieldError(
        InvalidAttributeNameError,
        'visibilityTimeout',
        /Unknown queue attribute "visibilityTimeout"; did you mean "VisibilityTimeout"\?/,
      ),
    );
  });

  it('rejects FIFO-only attributes on a standard queue', () => {
    for (const input of [
      { ContentBasedDeduplication: false },
      { DeduplicationScope: 'queue' as const },
      { FifoThroughputLimit: 'perQueue' as const },
    ]) {
      const [field] = Object.keys(input);
      expect(() => create(input)).toThrow(fieldError(InvalidAttributeNameError, field!, /FIFO/));
    }
  });
});

describe('resolveQueueAttributes: FIFO', () => {
  it('needs a .fifo name for FifoQueue=true and FifoQueue=true for a .fifo name', () => {
    expect(() => create({ FifoQueue: true }, 'orders')).toThrow(
      fieldError(InvalidParameterValueError, 'QueueName', /must end in \.fifo/),
    );
    expect(() => create({}, 'orders.fifo')).toThrow(
      fieldError(InvalidParameterValueError, 'QueueName', /needs FifoQueue=true/),
    );
    expect(create({ FifoQueue: false }).FifoQueue).toBe(false);
  });

  it('refuses to change FifoQueue on an existing queue', () => {
    expect(() => update({ FifoQueue: true })).toThrow(
      fieldError(InvalidAttributeNameError, 'FifoQueue', /only be set when a queue is created/),
    );
    expect(update({ FifoQueue: false }).FifoQueue).toBe(false);
  });

  it('validates the FIFO settings and their combination', () => {
    const fifo = (input: QueueAttributes) => create({ FifoQueue: true, ...input }, 'q.fifo');
    expect(
      fifo({
        ContentBasedDeduplication: true,
        DeduplicationScope: 'messageGroup',
        FifoThroughputLimit: 'perMessageGroupId',
      }),
    ).toMatchObject({ ContentBasedDeduplication: true, FifoThroughputLimit: 'perMessageGroupId' });
    expect(() => fifo({ FifoThroughputLimit: 'perMessageGroupId' })).toThrow(
      fieldError(
        InvalidAttributeValueError,
        'FifoThroughputLimit',
        /DeduplicationScope messageGroup/,
      ),
    );
    expect(() => fifo({ DeduplicationScope: 'group' as 'queue' })).toThrow(
      fieldError(InvalidAttributeValueError, 'DeduplicationScope', /one of messageGroup, queue/),
    );
    expect(() => fifo({ ContentBasedDeduplication: 'yes' as unknown as boolean })).toThrow(
      fieldError(
        InvalidAttributeValueError,
        'ContentBasedDeduplication',
        /true or false; got "yes"/,
      ),
    );
  });
});

describe('resolveQueueAttributes: redrive policies', () => {
  it('accepts the object and the JSON forms, maxReceiveCount 1 to 1000, as number or text', () => {
    expect(
      create({ RedrivePolicy: { deadLetterTargetArn: dlq, maxReceiveCount: 1 } }).RedrivePolicy,
    ).toEqual({
      deadLetterTargetArn: dlq,
      maxReceiveCount: 1,
    });
    expect(
      create({
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq, maxReceiveCount: '1000' }),
      }).RedrivePolicy,
    ).toEqual({ deadLetterTargetArn: dlq, maxReceiveCount: 1000 });
  });

  it('rejects maxReceiveCount 0 and 1001, bad ARNs, extra keys and bad JSON', () => {
    for (const count of [0, 1001, 2.5, 'many']) {
      expect(() =>
        create({ RedrivePolicy: { deadLetterTargetArn: dlq, maxReceiveCount: count as number } }),
      ).toThrow(
        fieldError(InvalidAttributeValueError, 'RedrivePolicy.maxReceiveCount', /from 1 to 1000/),
      );
    }
    expect(() =>
      create({ RedrivePolicy: { deadLetterTargetArn: 'orders-dlq', maxReceiveCount: 3 } }),
    ).toThrow(
      fieldError(InvalidAttributeValueError, 'RedrivePolicy.deadLetterTargetArn', /SQS queue ARN/),
    );
    expect(() =>
      create({ RedrivePolicy: `{"deadLetterTargetArn":"${dlq}","maxReceiveCount":3,"x":1}` }),
    ).toThrow(fieldError(InvalidAttributeValueError, 'RedrivePolicy', /got key "x"/));
    expect(() => create({ RedrivePolicy: '{not json' })).toThrow(
      fieldError(InvalidAttributeValueError, 'RedrivePolicy', /JSON object/),
    );
  });

  it('needs a dead-letter queue of the same kind as the source', () => {
    expect(() =>
      create({ RedrivePolicy: { deadLetterTargetArn: fifoDlq, maxReceiveCount: 3 } }),
    ).toThrow(
      fieldError(InvalidAttributeValueError, 'RedrivePolicy.deadLetterTargetArn', /standard queue/),
    );
    expect(
      create(
        { FifoQueue: true, RedrivePolicy: { deadLetterTargetArn: fifoDlq, maxReceiveCount: 3 } },
        'o.fifo',
      ).RedrivePolicy?.deadLetterTargetArn,
    ).toBe(fifoDlq);
  });

  it('removes a policy set to the empty string', () => {
    const withPolicy = create({ RedrivePolicy: { deadLetterTargetArn: dlq, maxReceiveCount: 3 } });
    expect(update({ RedrivePolicy: '' }, withPolicy).RedrivePolicy).toBeUndefined();
  });

  it('checks RedriveAllowPolicy permissions and 1 to 10 source queue ARNs', () => {
    const arns = (n: number) => Array.from({ length: n }, (_, i) => queueArn(`src-${i}`));
    expect(
      create({ RedriveAllowPolicy: { redrivePermission: 'allowAll' } }).RedriveAllowPolicy,
    ).toEqual({
      redrivePermission: 'allowAll',
    });
    for (const n of [1, 10]) {
      expect(
        create({
          RedriveAllowPolicy: JSON.stringify({
            redrivePermission: 'byQueue',
            sourceQueueArns: arns(n),
          }),
        }).RedriveAllowPolicy?.sourceQueueArns,
      ).toHaveLength(n);
    }
    for (const n of [0, 11]) {
      expect(() =>
        create({ RedriveAllowPolicy: { redrivePermission: 'byQueue', sourceQueueArns: arns(n) } }),
      ).toThrow(
        fieldError(
          InvalidAttributeValueError,
          'RedriveAllowPolicy.sourceQueueArns',
          /1 to 10 queue ARNs/,
        ),
      );
    }
    expect(() =>
      create({ RedriveAllowPolicy: { redrivePermission: 'denyAll', sourceQueueArns: arns(1) } }),
    ).toThrow(
      fieldError(
        InvalidAttributeValueError,
        'RedriveAllowPolicy.sourceQueueArns',
        /only with redrivePermission byQueue/,
      ),
    );
    expect(() =>
      create({ RedriveAllowPolicy: { redrivePermission: 'byQueue', sourceQueueArns: ['nope'] } }),
    ).toThrow(fieldError(InvalidAttributeValueError, 'RedriveAllowPolicy.sourceQueueArns[0]'));
    expect(() =>
      create({ RedriveAllowPolicy: { redrivePermission: 'some' as 'allowAll' } }),
    ).toThrow(fieldError(InvalidAttributeValueError, 'RedriveAllowPolicy.redrivePermission'));
  });

  it('stores a JSON-object Policy verbatim and rejects other text', () => {
    const policy = '{"Version":"2012-10-17","Statement":[]}';
    expect(create({ Policy: policy }).Policy).toBe(policy);
    expect(() => create({ Policy: '[]' })).toThrow(
      fieldError(InvalidAttributeValueError, 'Policy'),
    );
    expect(update({ Policy: '' }, create({ Policy: policy })).Policy).toBeUndefined();
  });
});

describe('resolveQueueAttributes: SSE', () => {
  it('turns SSE-SQS off when a KMS key is given, in any of the four forms', () => {
    for (const keyId of [
      KEY,
      `arn:aws:kms:us-east-1:000000000000:key/${KEY}`,
      'alias/aws/sqs',
      'arn:aws:kms:us-east-1:000000000000:alias/app',
    ]) {
      expect(create({ KmsMasterKeyId: keyId })).toMatchObject({
        KmsMasterKeyId: keyId,
        SqsManagedSseEnabled: false,
      });
    }
  });

  it('rejects malformed keys and the combination with SqsManagedSseEnabled=true', () => {
    expect(() => create({ KmsMasterKeyId: 'my-key' })).toThrow(
      fieldError(InvalidAttributeValueError, 'KmsMasterKeyId', /must be a key id .*got "my-key"/),
    );
    expect(() => create({ KmsMasterKeyId: KEY, SqsManagedSseEnabled: true })).toThrow(
      fieldError(InvalidAttributeValueError, 'SqsManagedSseEnabled', /one kind of SSE/),
    );
    expect(() => update({ SqsManagedSseEnabled: true }, create({ KmsMasterKeyId: KEY }))).toThrow(
      fieldError(InvalidAttributeValueError, 'SqsManagedSseEnabled'),
    );
  });

  it('switches between SSE-SQS and SSE-KMS on an existing queue', () => {
    const kms = update({ KmsMasterKeyId: 'alias/app' });
    expect(kms).toMatchObject({ KmsMasterKeyId: 'alias/app', SqsManagedSseEnabled: false });
    const back = update({ KmsMasterKeyId: '', SqsManagedSseEnabled: true }, kms);
    expect(back.KmsMasterKeyId).toBeUndefined();
    expect(back.SqsManagedSseEnabled).toBe(true);
    const off = update({ KmsMasterKeyId: '' }, kms);
    expect(off).toMatchObject({ SqsManagedSseEnabled: false });
    expect(off.KmsMasterKeyId).toBeUndefined();
    expect(create({ SqsManagedSseEnabled: false }).SqsManagedSseEnabled).toBe(false);
  });

  it('keeps what an update does not mention', () => {
    const existing = create({
      VisibilityTimeout: 60,
      KmsMasterKeyId: KEY,
      KmsDataKeyReusePeriodSeconds: 600,
    });
    expect(update({ DelaySeconds: 5 }, existing)).toEqual({ ...existing, DelaySeconds: 5 });
  });
});

describe('equality, conflicts and the wire form', () => {
  it('compares resolved attributes ignoring policy key order', () => {
    const a = create({ RedrivePolicy: `{"deadLetterTargetArn":"${dlq}","maxReceiveCount":3}` });
    const b = create({ RedrivePolicy: { maxReceiveCount: 3, deadLetterTargetArn: dlq } });
    expect(queueAttributesEqual(a, b)).toBe(true);
    expect(queueAttributesEqual(a, create({}))).toBe(false);
  });

  it('lists only the requested attributes that differ, as CreateQueue compares them', () => {
    const existing = create({ VisibilityTimeout: 60 });
    expect(conflictingQueueAttributes(existing, {}, 'orders')).toEqual([]);
    expect(
      conflictingQueueAttributes(existing, { VisibilityTimeout: 60, DelaySeconds: 0 }, 'orders'),
    ).toEqual([]);
    expect(
      conflictingQueueAttributes(existing, { VisibilityTimeout: 30, DelaySeconds: 1 }, 'orders'),
    ).toEqual(['VisibilityTimeout', 'DelaySeconds']);
  });

  it('formats as SQS strings and parses them back', () => {
    const resolved = create(
      {
        FifoQueue: true,
        VisibilityTimeout: 45,
        RedrivePolicy: { deadLetterTargetArn: fifoDlq, maxReceiveCount: 4 },
      },
      'o.fifo',
    );
    const wire = formatQueueAttributes(resolved);
    expect(wire).toMatchObject({
      VisibilityTimeout: '45',
      FifoQueue: 'true',
      SqsManagedSseEnabled: 'true',
      RedrivePolicy: `{"deadLetterTargetArn":"${fifoDlq}","maxReceiveCount":4}`,
      DeduplicationScope: 'queue',
    });
    expect(formatQueueAttributes(create({}))).not.toHaveProperty('FifoQueue');
    expect(
      parseQueueAttributeStrings({ VisibilityTimeout: '30', FifoQueue: 'TRUE', DelaySeconds: 'x' }),
    ).toEqual({
      VisibilityTimeout: 30,
      FifoQueue: true,
      DelaySeconds: 'x',
    });
    expect(() => create(parseQueueAttributeStrings({ DelaySeconds: '1.5' }))).toThrow(
      'DelaySeconds must be an integer from 0 to 900 seconds; got "1.5"',
    );
  });

  const validAttributes = fc.record(
    {
      DelaySeconds: fc.integer({ min: 0, max: 900 }),
      MaximumMessageSize: fc.integer({ min: 1024, max: 1_048_576 }),
      MessageRetentionPeriod: fc.integer({ min: 60, max: 1_209_600 }),
      ReceiveMessageWaitTimeSeconds: fc.integer({ min: 0, max: 20 }),
      VisibilityTimeout: fc.integer({ min: 0, max: 43_200 }),
      KmsDataKeyReusePeriodSeconds: fc.integer({ min: 60, max: 86_400 }),
      KmsMasterKeyId: fc.constantFrom(KEY, 'alias/aws/sqs'),
      RedrivePolicy: fc.record({
        deadLetterTargetArn: fc.constant(dlq),
        maxReceiveCount: fc.integer({ min: 1, max: 1000 }),
      }),
      RedriveAllowPolicy: fc.constant({ redrivePermission: 'denyAll' as const }),
    },
    { requiredKeys: [] },
  );

  it('round-trips any valid attributes through the wire form', () => {
    fc.assert(
      fc.property(validAttributes, (input) => {
        const resolved = create(input);
        const again = create(parseQueueAttributeStrings(formatQueueAttributes(resolved)));
        expect(queueAttributesEqual(again, resolved)).toBe(true);
        expect(conflictingQueueAttributes(resolved, input, 'orders')).toEqual([]);
      }),
    );
  });

  it('throws only typed sealbus errors for arbitrary wire input', () => {
    const names = fc.constantFrom(
      'VisibilityTimeout',
      'DelaySeconds',
      'RedrivePolicy',
      'RedriveAllowPolicy',
      'KmsMasterKeyId',
      'SqsManagedSseEnabled',
      'FifoQueue',
      'Policy',
      'Bogus',
    );
    fc.assert(
      fc.property(fc.dictionary(names, fc.oneof(fc.string(), fc.json())), (record) => {
        try {
          create(parseQueueAttributeStrings(record));
        } catch (error) {
          expect(isSealbusError(error)).toBe(true);
          expect((error as { field?: string }).field).toBeTruthy();
        }
      }),
    );
  });
});
