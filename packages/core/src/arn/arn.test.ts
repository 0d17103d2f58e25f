import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../errors/sns.js';
import { InvalidParameterValueError } from '../errors/sqs.js';
import {
  DEFAULT_ACCOUNT_ID,
  DEFAULT_QUEUE_BASE_URL,
  DEFAULT_REGION,
  isQueueArn,
  kmsAliasArn,
  kmsKeyArn,
  parseArn,
  parseQueueArn,
  parseQueueUrl,
  parseSubscriptionArn,
  parseTopicArn,
  queueArn,
  queueNameFrom,
  queueUrl,
  subscriptionArn,
  topicArn,
  topicNameFrom,
} from './arn.js';

const nameChar = fc.constantFrom(
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-'.split(''),
);
const queueName = fc.oneof(
  fc.string({ unit: nameChar, minLength: 1, maxLength: 80 }),
  fc.string({ unit: nameChar, minLength: 1, maxLength: 75 }).map((n) => `${n}.fifo`),
);
const topicName = fc.string({ unit: nameChar, minLength: 1, maxLength: 256 });
const region = fc.constantFrom('us-east-1', 'eu-west-2', 'ap-southeast-2', 'us-gov-west-1');
const accountId = fc.stringMatching(/^\d{12}$/);

const invalidValue = (field: string) =>
  expect.objectContaining({ constructor: InvalidParameterValueError, field });
const invalidParameter = (field: string) =>
  expect.objectContaining({ constructor: InvalidParameterError, field });

describe('defaults', () => {
  it('builds ARNs and URLs for us-east-1 / 000000000000 on 127.0.0.1:4566', () => {
    expect(DEFAULT_REGION).toBe('us-east-1');
    expect(DEFAULT_ACCOUNT_ID).toBe('000000000000');
    expect(queueArn('q')).toBe('arn:aws:sqs:us-east-1:000000000000:q');
    expect(queueUrl('q')).toBe(`${DEFAULT_QUEUE_BASE_URL}/000000000000/q`);
    expect(
      queueUrl('q', { baseUrl: 'https://sqs.eu-west-1.amazonaws.com/', accountId: '123456789012' }),
    ).toBe('https://sqs.eu-west-1.amazonaws.com/123456789012/q');
    expect(topicArn('t', { region: 'eu-west-1' })).toBe('arn:aws:sns:eu-west-1:000000000000:t');
    expect(kmsKeyArn('1234abcd-12ab-34cd-56ef-1234567890ab')).toBe(
      'arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    );
    expect(kmsAliasArn('alias/aws/sqs', { accountId: '111122223333' })).toBe(
      'arn:aws:kms:us-east-1:111122223333:alias/aws/sqs',
    );
  });
});

describe('parseArn', () => {
  it('splits the six parts and keeps colons inside the resource', () => {
    expect(parseArn('arn:aws:sns:us-east-1:123456789012:t:abc')).toEqual({
      partition: 'aws',
      service: 'sns',
      region: 'us-east-1',
      accountId: '123456789012',
      resource: 't:abc',
    });
    expect(parseArn('arn:aws-cn:s3:::bucket').accountId).toBe('');
  });

  it('rejects malformed ARNs with InvalidParameterValue', () => {
    for (const bad of [
      '',
      'arn:aws:sqs',
      'arn:aws:sqs:us-east-1:12345:q',
      'urn:aws:sqs:r:123456789012:q',
      'arn:aws:sqs:us-east-1:123456789012:',
    ]) {
      expect(() => parseArn(bad)).toThrow(invalidValue('Arn'));
    }
  });
});

describe('queue ARNs and URLs', () => {
  it('round-trips name → ARN → name and name → URL → name', () => {
    fc.assert(
      fc.property(queueName, region, accountId, (name, r, account) => {
        const arn = queueArn(name, { region: r, accountId: account });
        expect(parseQueueArn(arn)).toEqual({
          partition: 'aws',
          region: r,
          accountId: account,
          queueName: name,
        });
        expect(queueNameFrom(arn)).toBe(name);
        const url = queueUrl(name, { accountId: account });
        expect(parseQueueUrl(url)).toEqual({ accountId: account, queueName: name });
        expect(queueNameFrom(url)).toBe(name);
        expect(queueNameFrom(name)).toBe(name);
      }),
    );
  });

  it('parses /<name> paths on any host', () => {
    expect(parseQueueUrl('https://example.test:9324/orders.fifo')).toEqual({
      queueName: 'orders.fifo',
    });
    expect(
      parseQueueUrl('http://sqs.us-east-1.localhost.localstack.cloud:4566/000000000000/q'),
    ).toEqual({
      accountId: '000000000000',
      queueName: 'q',
    });
  });

  it('rejects other services, bad names and bad URLs', () => {
    expect(() => parseQueueArn('arn:aws:sns:us-east-1:000000000000:q')).toThrow(
      invalidValue('QueueArn'),
    );
    expect(() => parseQueueArn('arn:aws:sqs:us-east-1:000000000000:a.b')).toThrow(
      invalidValue('QueueArn'),
    );
    expect(isQueueArn('arn:aws:sqs:us-east-1:000000000000:q')).toBe(true);
    expect(isQueueArn('q')).toBe(false);
    for (const bad of [
      'ftp://h/000000000000/q',
      'http://h/',
      'http://h/1/q',
      'http://h/a/b/c',
      'not a url',
    ]) {
      expect(() => parseQueueUrl(bad)).toThrow(invalidValue('QueueUrl'));
    }
  });

  it('queueNameFrom throws InvalidParameterValue, never anything else, for garbage', () => {
    fc.assert(
      fc.property(fc.string(), (input) => {
        try {
          expect(typeof queueNameFrom(input)).toBe('string');
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidParameterValueError);
          expect(error).toMatchObject({ field: 'QueueUrl' });
        }
      }),
    );
    expect(() => queueNameFrom('has space')).toThrow(invalidValue('QueueUrl'));
  });
});

describe('topic and subscription ARNs', () => {
  it('round-trips name → ARN → name', () => {
    fc.assert(
      fc.property(topicName, region, accountId, (name, r, account) => {
        const arn = topicArn(name, { region: r, accountId: account });
        expect(parseTopicArn(arn).topicName).toBe(name);
        expect(topicNameFrom(arn)).toBe(name);
        expect(topicNameFrom(name)).toBe(name);
      }),
    );
  });

  it('builds and parses subscription ARNs', () => {
    const topic = topicArn('t');
    const arn = subscriptionArn(topic, '7d4fb3a2-1c2e-4f7a-9d1b-0a6e2f3c4d5e');
    expect(parseSubscriptionArn(arn)).toMatchObject({
      topicArn: topic,
      topicName: 't',
      subscriptionId: '7d4fb3a2-1c2e-4f7a-9d1b-0a6e2f3c4d5e',
    });
    expect(() => parseSubscriptionArn(topic)).toThrow(invalidParameter('SubscriptionArn'));
  });

  it('rejects non-SNS ARNs and bad names with SNS InvalidParameter', () => {
    expect(() => parseTopicArn(queueArn('q'))).toThrow(invalidParameter('TopicArn'));
    expect(() => topicNameFrom('a b')).toThrow(invalidParameter('TopicArn'));
  });
});
