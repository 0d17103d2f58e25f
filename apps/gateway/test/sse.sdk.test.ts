import {
  CreateKeyCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  PutKeyPolicyCommand,
} from '@aws-sdk/client-kms';
import { CreateTopicCommand, PublishCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  GetQueueAttributesCommand,
  KmsDisabled,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CONSUMER,
  denyConsumerDecryptPolicy,
  type Harness,
  manualClock,
  startHarness,
} from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function createKey(harness: Harness): Promise<string> {
  const { KeyMetadata } = await harness
    .kmsClient()
    .send(new CreateKeyCommand({ Description: 'queue key' }));
  return KeyMetadata!.Arn!;
}

async function roundTrip(sqs: SQSClient, queueUrl: string, body: string) {
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: queueUrl,
      MessageBody: body,
      MessageAttributes: { kind: { DataType: 'String', StringValue: 'clear' } },
    }),
  );
  const { Messages } = await sqs.send(
    new ReceiveMessageCommand({ QueueUrl: queueUrl, MessageAttributeNames: ['All'] }),
  );
  return Messages?.[0];
}

describe('encrypted queues', () => {
  it('seals with the AWS-managed alias/aws/sqs key and opens for the producer', async () => {
    h = await startHarness();
    const sqs = h.sqs();
    const { QueueUrl } = await sqs.send(
      new CreateQueueCommand({
        QueueName: 'managed',
        Attributes: { KmsMasterKeyId: 'alias/aws/sqs' },
      }),
    );
    const message = await roundTrip(sqs, QueueUrl!, 'managed secret');
    expect(message?.Body).toBe('managed secret');
    expect(message?.MessageAttributes?.kind?.StringValue).toBe('clear');
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['KmsMasterKeyId'] }),
    );
    expect(Attributes?.KmsMasterKeyId).toBe('alias/aws/sqs');
    const { KeyMetadata } = await h
      .kmsClient()
      .send(new DescribeKeyCommand({ KeyId: 'alias/aws/sqs' }));
    expect(KeyMetadata?.KeyManager).toBe('AWS');
  });

  it('seals with a CMK created through KMS CreateKey', async () => {
    h = await startHarness();
    const keyArn = await createKey(h);
    const sqs = h.sqs();
    const { QueueUrl } = await sqs.send(
      new CreateQueueCommand({
        QueueName: 'cmk',
        Attributes: { KmsMasterKeyId: keyArn, KmsDataKeyReusePeriodSeconds: '60' },
      }),
    );
    expect((await roundTrip(sqs, QueueUrl!, 'cmk secret'))?.Body).toBe('cmk secret');
    const audit = await h.kms.auditLog({ keyArn });
    expect(audit.map((entry) => entry.operation)).toEqual(
      expect.arrayContaining(['GenerateDataKey', 'Decrypt']),
    );
  });

  it('surfaces KMS.DisabledException on the first send to a queue whose key is disabled', async () => {
    h = await startHarness();
    const keyArn = await createKey(h);
    const sqs = h.sqs();
    const { QueueUrl } = await sqs.send(
      new CreateQueueCommand({ QueueName: 'disabled-key', Attributes: { KmsMasterKeyId: keyArn } }),
    );
    await h.kmsClient().send(new DisableKeyCommand({ KeyId: keyArn }));
    const error = await sqs
      .send(new SendMessageCommand({ QueueUrl, MessageBody: 'never stored' }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KmsDisabled);
    expect(error).toMatchObject({
      Code: 'KMS.DisabledException',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('answers ReceiveMessage with KmsDisabled while the key is disabled, counts nothing, and delivers once it is enabled (SQS ReceiveMessage errors: KmsDisabled)', async () => {
    h = await startHarness();
    const keyArn = await createKey(h);
    const sqs = h.sqs();
    const { QueueUrl } = await sqs.send(
      new CreateQueueCommand({ QueueName: 'blip', Attributes: { KmsMasterKeyId: keyArn } }),
    );
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'held back' }));
    await h.kmsClient().send(new DisableKeyCommand({ KeyId: keyArn }));
    const receive = () =>
      sqs.send(
        new ReceiveMessageCommand({
          QueueUrl,
          VisibilityTimeout: 0,
          MessageSystemAttributeNames: ['ApproximateReceiveCount'],
        }),
      );
    for (let attempt = 0; attempt < 2; attempt++) {
      const error = await receive().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KmsDisabled);
      expect(error).toMatchObject({
        Code: 'KMS.DisabledException',
        $metadata: { httpStatusCode: 400 },
      });
      expect((error as Error).message).toMatch(/disabled/i);
    }
    await h.kmsClient().send(new EnableKeyCommand({ KeyId: keyArn }));
    const { Messages } = await receive();
    expect(Messages?.[0]?.Body).toBe('held back');
    expect(Messages?.[0]?.Attributes?.ApproximateReceiveCount).toBe('1');
  });

  it('keeps sending on the cached data key until the reuse period ends, then fails', async () => {
    const clock = manualClock();
    h = await startHarness({ clock });
    const keyArn = await createKey(h);
    const sqs = h.sqs();
    const { QueueUrl } = await sqs.send(
      new CreateQueueCommand({
        QueueName: 'reuse',
        Attributes: { KmsMasterKeyId: keyArn, KmsDataKeyReusePeriodSeconds: '60' },
      }),
    );
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'before' }));
    await h.kmsClient().send(new DisableKeyCommand({ KeyId: keyArn }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'cached key' }));
    clock.advance(61_000);
    await expect(
      sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'after' })),
    ).rejects.toBeInstanceOf(KmsDisabled);
  });

  it('hands a principal denied kms:Decrypt the ciphertext body, with a matching MD5', async () => {
    h = await startHarness();
    const keyArn = await createKey(h);
    await h.kmsClient().send(
      new PutKeyPolicyCommand({
        KeyId: keyArn,
        PolicyName: 'default',
        Policy: denyConsumerDecryptPolicy(),
      }),
    );
    const producer = h.sqs();
    const consumer = h.sqs(CONSUMER);
    const { QueueUrl } = await producer.send(
      new CreateQueueCommand({ QueueName: 'denied', Attributes: { KmsMasterKeyId: keyArn } }),
    );
    await producer.send(new SendMessageCommand({ QueueUrl, MessageBody: 'patient record 42' }));
    const sealed = (await consumer.send(new ReceiveMessageCommand({ QueueUrl }))).Messages![0]!;
    expect(sealed.Body).not.toContain('patient record');
    expect(Buffer.from(sealed.Body!, 'base64').toString('utf8')).not.toContain('patient record');
    await consumer.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl,
        ReceiptHandle: sealed.ReceiptHandle,
        VisibilityTimeout: 0,
      }),
    );
    const opened = (await producer.send(new ReceiveMessageCommand({ QueueUrl }))).Messages![0]!;
    expect(opened.Body).toBe('patient record 42');
  });
});

describe('SNS to encrypted SQS', () => {
  it('surfaces a disabled topic key as KMSDisabledException on publish', async () => {
    h = await startHarness();
    const keyArn = await createKey(h);
    const sns = h.sns();
    const { TopicArn } = await sns.send(
      new CreateTopicCommand({ Name: 'sealed-topic', Attributes: { KmsMasterKeyId: keyArn } }),
    );
    await h.kmsClient().send(new DisableKeyCommand({ KeyId: keyArn }));
    await expect(sns.send(new PublishCommand({ TopicArn, Message: 'x' }))).rejects.toMatchObject({
      name: 'KMSDisabledException',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('fans an encrypted topic out to encrypted queues through a filter policy', async () => {
    h = await startHarness();
    const sns = h.sns();
    const sqs = h.sqs();
    const billingKey = await createKey(h);
    const { TopicArn } = await sns.send(
      new CreateTopicCommand({
        Name: 'Patient-Records',
        Attributes: { KmsMasterKeyId: 'alias/aws/sns' },
      }),
    );
    const queues: Record<string, string> = {};
    for (const [name, key] of [
      ['Billing-Integration', billingKey],
      ['Scheduling-Integration', 'alias/aws/sqs'],
    ] as const) {
      const { QueueUrl } = await sqs.send(
        new CreateQueueCommand({ QueueName: name, Attributes: { KmsMasterKeyId: key } }),
      );
      queues[name] = QueueUrl!;
    }
    await sns.send(
      new SubscribeCommand({
        TopicArn,
        Protocol: 'sqs',
        Endpoint: 'arn:aws:sqs:us-east-1:000000000000:Billing-Integration',
        Attributes: {
          RawMessageDelivery: 'true',
          FilterPolicy: JSON.stringify({ event: ['invoice'] }),
        },
      }),
    );
    await sns.send(
      new SubscribeCommand({
        TopicArn,
        Protocol: 'sqs',
        Endpoint: 'arn:aws:sqs:us-east-1:000000000000:Scheduling-Integration',
      }),
    );
    for (const event of ['invoice', 'appointment']) {
      await sns.send(
        new PublishCommand({
          TopicArn,
          Message: `record for ${event}`,
          MessageAttributes: { event: { DataType: 'String', StringValue: event } },
        }),
      );
    }
    const receive = async (url: string) =>
      (
        await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: url,
            MaxNumberOfMessages: 10,
            MessageAttributeNames: ['All'],
          }),
        )
      ).Messages ?? [];
    const billing = await receive(queues['Billing-Integration']!);
    expect(billing.map((m) => m.Body)).toEqual(['record for invoice']);
    expect(billing[0]?.MessageAttributes?.event?.StringValue).toBe('invoice');
    const scheduling = await receive(queues['Scheduling-Integration']!);
    expect(scheduling.map((m) => JSON.parse(m.Body!).Message).sort()).toEqual([
      'record for appointment',
      'record for invoice',
    ]);
  });
});
