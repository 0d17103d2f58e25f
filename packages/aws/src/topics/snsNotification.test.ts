import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { notificationAttributes, parseSnsNotification } from './snsNotification.js';

const NOTIFICATION = {
  Type: 'Notification',
  MessageId: '2f4e8c55-6a9e-5b0e-9a63-0d1c7f0c5a11',
  TopicArn: 'arn:aws:sns:us-east-1:123456789012:Patient-Records',
  Subject: 'admission',
  Message: '{"patientId":"p-1"}',
  Timestamp: '2026-11-25T16:00:00.000Z',
  SignatureVersion: '1',
  Signature: 'c2ln',
  MessageAttributes: {
    ward: { Type: 'String', Value: 'cardiology' },
    beds: { Type: 'Number', Value: '3' },
    blob: { Type: 'Binary', Value: Buffer.from([0, 1, 255]).toString('base64') },
  },
};

describe('parseSnsNotification', () => {
  it('recognises the SNS envelope SNS writes (pretty-printed)', () => {
    const parsed = parseSnsNotification(JSON.stringify(NOTIFICATION, null, 2));
    expect(parsed?.Message).toBe('{"patientId":"p-1"}');
    expect(parsed?.TopicArn).toBe(NOTIFICATION.TopicArn);
  });

  it('reads the envelope attributes, binary ones from base64', () => {
    const parsed = parseSnsNotification(JSON.stringify(NOTIFICATION))!;
    expect(notificationAttributes(parsed)).toEqual({
      ward: { dataType: 'String', stringValue: 'cardiology' },
      beds: { dataType: 'Number', stringValue: '3' },
      blob: { dataType: 'Binary', binaryValue: new Uint8Array([0, 1, 255]) },
    });
  });

  it('ignores JSON that only looks similar', () => {
    for (const body of [
      JSON.stringify({ ...NOTIFICATION, Type: 'SubscriptionConfirmation' }),
      JSON.stringify({ ...NOTIFICATION, Message: { nested: true } }),
      JSON.stringify({ ...NOTIFICATION, TopicArn: 'Patient-Records' }),
      JSON.stringify({ Type: 'Notification', Message: 'hi' }),
      '{"Type":"Notification", broken',
      'Notification',
    ]) {
      expect(parseSnsNotification(body)).toBeUndefined();
    }
  });

  it('never mistakes arbitrary text or JSON values for a notification', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (body) => {
        expect(parseSnsNotification(body)).toBeUndefined();
      }),
    );
  });
});
