import type { EngineBroker } from '@sealbus/broker-engine';
import type { LocalKms } from '@sealbus/kms-local';

export const CONSOLE_PRINCIPAL = 'sealbus-console';
export const SECRET_BODY = 'patient 4711: <b>diagnosis</b> & "notes"';
export const XSS = '<img src=x onerror="alert(1)">';

/** A policy that lets everyone do everything except the console principal decrypting. */
export function denyConsoleDecryptPolicy(principal = CONSOLE_PRINCIPAL): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:*', Resource: '*' },
      { Effect: 'Deny', Principal: { AWS: principal }, Action: 'kms:Decrypt', Resource: '*' },
    ],
  });
}

export interface Seeded {
  openKeyArn: string;
  closedKeyArn: string;
  /** Sealed under the open key, in `Orders`. */
  sealedId: string;
  /** Sealed under the closed key, in `Vault`. */
  deniedId: string;
  /** Plaintext, in `Plain`. */
  plainId: string;
  /** Sealed, dead-lettered from `Orders` into `Orders-DLQ`. */
  deadLetteredId: string;
  /** Sealed with the SSE-SQS managed key, in `Managed`. */
  managedId: string;
}

/**
 * Two keys (one the console may decrypt with, one whose policy denies it), queues with a DLQ,
 * a topic with a filtered subscription, and messages in every state the console shows.
 */
export async function seedBroker(broker: EngineBroker, kms: LocalKms): Promise<Seeded> {
  const open = await kms.createKey({ description: 'orders key' });
  await kms.createAlias('alias/orders', open.arn);
  const closed = await kms.createKey({
    description: 'vault key',
    policy: denyConsoleDecryptPolicy(),
  });
  await kms.createAlias('alias/vault', closed.arn);
  const dlq = await broker.createQueue('Orders-DLQ', { KmsMasterKeyId: 'alias/orders' });
  const orders = await broker.createQueue('Orders', {
    KmsMasterKeyId: 'alias/orders',
    RedrivePolicy: { deadLetterTargetArn: dlq.arn, maxReceiveCount: 1 },
  });
  const vault = await broker.createQueue('Vault', { KmsMasterKeyId: 'alias/vault' });
  const plain = await broker.createQueue('Plain', { SqsManagedSseEnabled: false });
  // New queues get SSE-SQS unless told otherwise, as on AWS.
  const managed = await broker.createQueue('Managed');
  const topic = await broker.createTopic('Events');
  await topic.subscribe(orders, { filterPolicy: { kind: [XSS, 'order'] } });
  await topic.subscribe(plain);

  const deadLettered = await orders.send('dead letter body', {
    messageAttributes: { reason: { dataType: 'String', stringValue: 'poison' } },
  });
  await orders.receive({ visibilityTimeoutSeconds: 0 });
  // The second receive is over maxReceiveCount 1: the message moves to the DLQ.
  await orders.receive({ visibilityTimeoutSeconds: 0 });
  const sealed = await orders.send(SECRET_BODY, {
    messageAttributes: { note: { dataType: 'String', stringValue: XSS } },
  });
  const denied = await vault.send('vault secret');
  const plainMessage = await plain.send('plain body text');
  const managedMessage = await managed.send('managed key body');
  return {
    openKeyArn: open.arn,
    closedKeyArn: closed.arn,
    sealedId: sealed.messageId,
    deniedId: denied.messageId,
    plainId: plainMessage.messageId,
    deadLetteredId: deadLettered.messageId,
    managedId: managedMessage.messageId,
  };
}
