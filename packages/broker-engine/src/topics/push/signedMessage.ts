import { createSign } from 'node:crypto';

/** Signs SNS http/https messages; the gateway serves the certificate at `certificatePath`. */
export interface NotificationSigner {
  /** Path (under the service URL) of the PEM certificate that verifies the signatures. */
  readonly certificatePath: string;
  /** Base64 signature of `canonical`: SHA1withRSA for version 1, SHA256withRSA for version 2. */
  sign(canonical: string, version: '1' | '2'): string;
}

/** A signer over an RSA private key (PEM); `certificateId` names the served certificate file. */
export function createNotificationSigner(
  privateKeyPem: string,
  certificateId: string,
): NotificationSigner {
  return {
    certificatePath: `/SimpleNotificationService-${certificateId}.pem`,
    sign(canonical, version) {
      return createSign(version === '2' ? 'RSA-SHA256' : 'RSA-SHA1')
        .update(canonical, 'utf8')
        .sign(privateKeyPem, 'base64');
    },
  };
}

/** The keys SNS signs, in the order of its canonical string, per message type. */
const SIGNED_KEYS: Record<string, readonly string[]> = {
  Notification: ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'],
  SubscriptionConfirmation: [
    'Message',
    'MessageId',
    'SubscribeURL',
    'Timestamp',
    'Token',
    'TopicArn',
    'Type',
  ],
};
SIGNED_KEYS.UnsubscribeConfirmation = SIGNED_KEYS.SubscriptionConfirmation!;

/**
 * The string SNS signs ("Verifying the signatures of Amazon SNS messages"): each signed key
 * present in the message, in byte order, as `key\nvalue\n`. Absent keys (a missing Subject) are
 * skipped.
 */
export function canonicalString(message: Readonly<Record<string, unknown>>): string {
  const keys = SIGNED_KEYS[String(message.Type)];
  if (keys === undefined) throw new TypeError(`no canonical form for message type ${message.Type}`);
  let text = '';
  for (const key of keys) {
    const value = message[key];
    if (value === undefined) continue;
    text += `${key}\n${String(value)}\n`;
  }
  return text;
}

/** `message` with `SignatureVersion`, `Signature` and `SigningCertURL` added. */
export function signMessage(
  message: Record<string, unknown>,
  signer: NotificationSigner,
  version: '1' | '2',
  serviceUrl: string,
): Record<string, unknown> {
  return {
    ...message,
    SignatureVersion: version,
    Signature: signer.sign(canonicalString(message), version),
    SigningCertURL: `${serviceUrl}${signer.certificatePath}`,
  };
}
