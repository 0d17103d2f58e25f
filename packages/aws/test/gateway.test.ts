import { CreateKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { openBody, sealedOf } from '@sealbus/conformance';
import type { Broker } from '@sealbus/core';
import { isSealed } from '@sealbus/envelope';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { ensureQueue } from '../src/ensure/ensureQueue.js';
import { ensureSubscription } from '../src/ensure/ensureSubscription.js';
import { ensureTopic } from '../src/ensure/ensureTopic.js';
import { ENVELOPE_ATTRIBUTE } from '../src/sse/envelopeMarker.js';
import { CONSUMER, gatewayBroker, gatewayKeyAdmin, gatewayKms } from './support/gatewayHarness.js';
import { type GatewayProcess, startGateway } from './support/gatewayProcess.js';

/** What the conformance suite does not cover: client-side sealing, ensure helpers, queue policies. */
describe('aws backend features against the gateway', () => {
  let gateway: GatewayProcess;
  let kms: KMSClient;
  let run = 0;

  beforeAll(async () => {
    gateway = await startGateway();
    kms = gatewayKms(gateway.url);
  }, 90_000);

  afterAll(async () => {
    kms?.destroy();
    await gateway?.stop();
  });

  function unique(base: string): string {
    run++;
    return `gw${process.pid}-${Date.now().toString(36)}-${run}-${base}`;
  }

  function broker(
    options: Parameters<typeof gatewayBroker>[1] = {},
  ): ReturnType<typeof gatewayBroker> {
    const created = gatewayBroker(gateway.url, options);
    onTestFinished(() => created.close());
    return created;
  }

  async function createKey(): Promise<string> {
    const { KeyMetadata } = await kms.send(
      new CreateKeyCommand({ Description: 'client-side sealing' }),
    );
    return KeyMetadata!.Arn!;
  }

  it('seals on the client with AWS KMS: the wire carries only the marked envelope', async () => {
    const keyId = await createKey();
    const producer = broker({ clientSideEncryption: { keyId } });
    const queue = await producer.createQueue(unique('sealed'));
    await queue.send('{"patient":"p-1","diagnosis":"confidential"}', {
      messageAttributes: { ward: { dataType: 'String', stringValue: 'icu' } },
    });
    const wire = await producer.context.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queue.url,
        MessageAttributeNames: ['All'],
        VisibilityTimeout: 0,
      }),
    );
    const [raw] = wire.Messages ?? [];
    expect(raw!.Body).not.toContain('confidential');
    expect(isSealed(new Uint8Array(Buffer.from(raw!.Body!, 'base64')))).toBe(true);
    expect(JSON.parse(raw!.MessageAttributes![ENVELOPE_ATTRIBUTE]!.StringValue!)).toEqual({
      version: 2,
      context: { 'aws:sqs:arn': queue.arn },
    });

    // Another process without clientSideEncryption opens it with its own KMS access.
    const consumer = broker({ credentials: CONSUMER });
    const [message] = await (await consumer.getQueue(queue.url)).receive({ waitTimeSeconds: 1 });
    expect(openBody(message!)).toBe('{"patient":"p-1","diagnosis":"confidential"}');
    expect(message!.messageAttributes).toEqual({
      ward: { dataType: 'String', stringValue: 'icu' },
    });
    expect(message!.state).toBe('open');
  });

  it('a principal denied kms:Decrypt by the key policy gets the message sealed', async () => {
    const keyId = await createKey();
    const auditor = 'arn:aws:iam::000000000000:role/auditor';
    await gatewayKeyAdmin(kms).denyDecrypt(keyId, auditor);
    const producer = broker({ clientSideEncryption: { keyId } });
    const queue = await producer.createQueue(unique('denied'));
    await queue.send('secret');
    // credentialsForPrincipal gives the auditor its own credentials for SQS and KMS calls.
    const consumer = broker();
    const [message] = await (await consumer.getQueue(queue.arn)).receive({
      waitTimeSeconds: 1,
      principal: auditor,
    });
    expect(sealedOf(message)).toMatchObject({ keyArn: keyId, reason: 'KMS.AccessDeniedException' });
    expect(isSealed(sealedOf(message).envelope)).toBe(true);
  });

  it('fans sealed topic messages out: the SNS envelope is kept with the opened message', async () => {
    const keyId = await createKey();
    const producer = broker({ clientSideEncryption: { keyId } });
    const topic = await producer.createTopic(unique('records'));
    const queue = await producer.createQueue(unique('billing'));
    await topic.subscribe(queue);
    await topic.publish('admitted', {
      messageAttributes: { kind: { dataType: 'String', stringValue: 'adt' } },
    });
    const [message] = await queue.receive({ waitTimeSeconds: 1 });
    const envelope = JSON.parse(openBody(message!)) as Record<string, unknown>;
    expect(envelope).toMatchObject({
      Type: 'Notification',
      TopicArn: topic.arn,
      Message: 'admitted',
      MessageAttributes: { kind: { Type: 'String', Value: 'adt' } },
    });
  });

  it('unwrapSnsNotifications delivers the bare message with its attributes', async () => {
    const unwrapping = broker({ unwrapSnsNotifications: true });
    const topic = await unwrapping.createTopic(unique('unwrap'));
    const queue = await unwrapping.createQueue(unique('unwrapped'));
    await topic.subscribe(queue);
    await topic.publish('{"event":"admitted"}', {
      messageAttributes: { ward: { dataType: 'String', stringValue: 'icu' } },
    });
    const [message] = await queue.receive({ waitTimeSeconds: 1 });
    expect(openBody(message!)).toBe('{"event":"admitted"}');
    expect(message!.messageAttributes).toEqual({
      ward: { dataType: 'String', stringValue: 'icu' },
    });
  });

  it('subscribe lets the topic send by a statement merged into the queue policy', async () => {
    const plain: Broker = broker();
    const topic = await plain.createTopic(unique('policy'));
    const owner = {
      Sid: 'owner',
      Effect: 'Allow',
      Principal: { AWS: '000000000000' },
      Action: 'sqs:*',
    };
    const queue = await plain.createQueue(unique('policy-queue'), {
      Policy: JSON.stringify({ Version: '2012-10-17', Statement: [owner] }),
    });
    await topic.subscribe(queue);
    await topic.subscribe(queue);
    const policy = JSON.parse((await queue.getAttributes()).Policy!) as { Statement: unknown[] };
    expect(policy.Statement).toEqual([
      owner,
      expect.objectContaining({
        Principal: { Service: 'sns.amazonaws.com' },
        Condition: { ArnEquals: { 'aws:SourceArn': topic.arn } },
      }),
    ]);
  });

  it('ensure helpers create, detect drift and update through the AWS API', async () => {
    const plain = broker();
    const name = unique('ensured');
    const first = await ensureQueue(plain, name, { VisibilityTimeout: 60 });
    expect(first.report).toEqual({ created: true, drift: [], updated: false });
    expect((await ensureQueue(plain, name, { VisibilityTimeout: 60 })).report.created).toBe(false);
    await expect(ensureQueue(plain, name, { VisibilityTimeout: 90 })).rejects.toMatchObject({
      code: 'ResourceDrift',
      drift: [{ attribute: 'VisibilityTimeout', expected: '90', actual: '60' }],
    });
    const updated = await ensureQueue(
      plain,
      name,
      { VisibilityTimeout: 90 },
      { onDrift: 'update' },
    );
    expect(updated.report.updated).toBe(true);
    expect((await updated.queue.getAttributes()).VisibilityTimeout).toBe(90);

    const { topic } = await ensureTopic(plain, unique('ensured-topic'), { DisplayName: 'Records' });
    const subscribed = await ensureSubscription(plain, topic, updated.queue, {
      rawMessageDelivery: true,
    });
    expect(subscribed.report.created).toBe(true);
    const again = await ensureSubscription(plain, topic, updated.queue, {
      rawMessageDelivery: true,
    });
    expect(again.report).toEqual({ created: false, drift: [], updated: false });
    expect(again.subscription.arn).toBe(subscribed.subscription.arn);
  });
});
