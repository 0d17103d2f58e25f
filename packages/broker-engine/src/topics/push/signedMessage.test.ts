import { createVerify, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalString, createNotificationSigner, signMessage } from './signedMessage.js';

describe('SNS message signatures', () => {
  // "Verifying the signatures of Amazon SNS messages": key\nvalue\n in byte order; Subject only
  // when present.
  it('builds the canonical string of each message type', () => {
    expect(
      canonicalString({
        Type: 'Notification',
        MessageId: 'm',
        TopicArn: 't',
        Message: 'hi',
        Timestamp: 'ts',
        UnsubscribeURL: 'not signed',
      }),
    ).toBe('Message\nhi\nMessageId\nm\nTimestamp\nts\nTopicArn\nt\nType\nNotification\n');
    expect(
      canonicalString({
        Type: 'SubscriptionConfirmation',
        MessageId: 'm',
        Token: 'k',
        TopicArn: 't',
        Message: 'x',
        SubscribeURL: 'u',
        Timestamp: 'ts',
      }),
    ).toBe(
      'Message\nx\nMessageId\nm\nSubscribeURL\nu\nTimestamp\nts\nToken\nk\nTopicArn\nt\nType\nSubscriptionConfirmation\n',
    );
  });

  it('signs with SHA1withRSA for version 1 and SHA256withRSA for version 2', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const signer = createNotificationSigner(
      privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      'abc',
    );
    expect(signer.certificatePath).toBe('/SimpleNotificationService-abc.pem');
    const message = {
      Type: 'Notification',
      MessageId: 'm',
      TopicArn: 't',
      Message: 'hi',
      Timestamp: 'ts',
    };
    for (const [version, algorithm] of [
      ['1', 'RSA-SHA1'],
      ['2', 'RSA-SHA256'],
    ] as const) {
      const signed = signMessage(message, signer, version, 'http://127.0.0.1:9');
      expect(signed.SigningCertURL).toBe('http://127.0.0.1:9/SimpleNotificationService-abc.pem');
      const verify = (alg: string) =>
        createVerify(alg)
          .update(canonicalString(message))
          .verify(publicKey, String(signed.Signature), 'base64');
      expect(verify(algorithm)).toBe(true);
      expect(verify(algorithm === 'RSA-SHA1' ? 'RSA-SHA256' : 'RSA-SHA1')).toBe(false);
    }
  });
});
