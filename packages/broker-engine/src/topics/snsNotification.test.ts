import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { snsNotification } from './snsNotification.js';

const base = {
  messageId: '2b1f7c1e-8a53-4d6c-9d0e-2f4f5f6a7b8c',
  topicArn: 'arn:aws:sns:eu-west-1:123456789012:Patient-Records',
  subscriptionArn: 'arn:aws:sns:eu-west-1:123456789012:Patient-Records:sub-1',
  region: 'eu-west-1',
  message: 'hello',
  timestamp: Date.UTC(2023, 0, 17, 22, 33, 14, 87),
};

describe('snsNotification', () => {
  it('writes the SNS fields in order and omits Subject and MessageAttributes when absent', () => {
    const parsed = JSON.parse(snsNotification(base));
    expect(Object.keys(parsed)).toEqual([
      'Type',
      'MessageId',
      'TopicArn',
      'Message',
      'Timestamp',
      'SignatureVersion',
      'Signature',
      'SigningCertURL',
      'UnsubscribeURL',
    ]);
    expect(parsed).toMatchObject({
      Type: 'Notification',
      MessageId: base.messageId,
      TopicArn: base.topicArn,
      Message: 'hello',
      Timestamp: '2023-01-17T22:33:14.087Z',
      SignatureVersion: '1',
    });
    expect(parsed.SigningCertURL).toMatch(
      /^https:\/\/sns\.eu-west-1\.amazonaws\.com\/SimpleNotificationService-.+\.pem$/,
    );
    expect(parsed.UnsubscribeURL).toBe(
      `https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${base.subscriptionArn}`,
    );
  });

  it('adds Subject after TopicArn and renders attributes as Type/Value strings', () => {
    const parsed = JSON.parse(
      snsNotification({
        ...base,
        subject: 'Admission',
        messageAttributes: {
          n: { dataType: 'Number', stringValue: '42' },
          b: { dataType: 'Binary', binaryValue: new TextEncoder().encode('hello') },
          l: { dataType: 'String.Array', stringValue: '["a","b"]' },
        },
      }),
    );
    expect(Object.keys(parsed).slice(0, 4)).toEqual(['Type', 'MessageId', 'TopicArn', 'Subject']);
    expect(parsed.MessageAttributes).toEqual({
      n: { Type: 'Number', Value: '42' },
      b: { Type: 'Binary', Value: 'aGVsbG8=' },
      l: { Type: 'String.Array', Value: '["a","b"]' },
    });
  });

  it('omits MessageAttributes for an empty attribute map', () => {
    expect(JSON.parse(snsNotification({ ...base, messageAttributes: {} }))).not.toHaveProperty(
      'MessageAttributes',
    );
  });

  it('carries any message verbatim', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1 }), (message) => {
        expect(JSON.parse(snsNotification({ ...base, message })).Message).toBe(message);
      }),
    );
  });
});
