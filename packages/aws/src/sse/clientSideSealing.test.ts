import { PublishCommand } from '@aws-sdk/client-sns';
import { GetQueueUrlCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { openBody, sealedOf } from '@sealbus/conformance';
import { md5OfMessageBody } from '@sealbus/core';
import { describe, expect, it } from 'vitest';
import { fakeKms, KEY_ARN } from '../../test/support/fakeKms.js';
import {
  mockedBroker,
  queueArnOf,
  queueUrlOf,
  topicArnOf,
} from '../../test/support/mockedBroker.js';
import { AwsTopic } from '../topics/AwsTopic.js';
import { ENVELOPE_ATTRIBUTE } from './envelopeMarker.js';

const SECRET = '{"patientId":"p-1","diagnosis":"confidential"}';

async function sealingSetup(name = 'records') {
  const mocks = mockedBroker({ clientSideEncryption: { keyId: 'alias/records' } });
  const kmsState = fakeKms(mocks.kms);
  mocks.sqs.on(GetQueueUrlCommand).resolves({ QueueUrl: queueUrlOf(name) });
  mocks.sqs.on(SendMessageCommand).resolves({ MessageId: 'm-1' });
  const queue = await mocks.broker.getQueue(name);
  return { ...mocks, kmsState, queue };
}

/** What SQS would deliver for the message the mock captured. */
function deliveredFrom(input: {
  MessageBody?: string;
  MessageAttributes?: Record<string, unknown>;
}) {
  return {
    MessageId: 'm-1',
    ReceiptHandle: 'rh-1',
    Body: input.MessageBody,
    MD5OfBody: md5OfMessageBody(input.MessageBody ?? ''),
    Attributes: { ApproximateReceiveCount: '1', SentTimestamp: '1764086400000' },
    MessageAttributes: input.MessageAttributes as never,
  };
}

describe('client-side sealing', () => {
  it('sends only ciphertext with the envelope marker and opens it on receive', async () => {
    const { queue, sqs, kmsState } = await sealingSetup();
    const attributes = { ward: { dataType: 'String', stringValue: 'icu' } };
    const result = await queue.send(SECRET, { messageAttributes: attributes });
    expect(result.md5OfMessageBody).toBe(md5OfMessageBody(SECRET));
    const sent = sqs.commandCalls(SendMessageCommand)[0]!.args[0].input;
    expect(sent.MessageBody).not.toContain('confidential');
    expect(Buffer.from(sent.MessageBody!, 'base64').subarray(0, 2).length).toBe(2);
    const marker = JSON.parse(sent.MessageAttributes![ENVELOPE_ATTRIBUTE]!.StringValue!);
    expect(marker).toEqual({ version: 2, context: { 'aws:sqs:arn': queueArnOf('records') } });
    expect(sent.MessageAttributes!.ward).toEqual({ DataType: 'String', StringValue: 'icu' });

    sqs.on(ReceiveMessageCommand).resolves({ Messages: [deliveredFrom(sent)] });
    const [message] = await queue.receive();
    expect(openBody(message!)).toBe(SECRET);
    expect(message!.md5OfBody).toBe(md5OfMessageBody(SECRET));
    expect(message!.messageAttributes).toEqual(attributes);
    expect(message!.state).toBe('open');
    expect(kmsState.generateCalls).toBe(1);
    expect(kmsState.decryptCalls).toBe(1);
  });

  it('reuses one data key for many sends within the reuse period', async () => {
    const { queue, kmsState } = await sealingSetup();
    for (let i = 0; i < 5; i++) await queue.send(`message ${i}`);
    expect(kmsState.generateCalls).toBe(1);
  });

  it('delivers the message sealed when KMS denies Decrypt, with the reason and key', async () => {
    const { queue, sqs, kmsState } = await sealingSetup();
    await queue.send(SECRET);
    const sent = sqs.commandCalls(SendMessageCommand)[0]!.args[0].input;
    kmsState.denyDecrypt = true;
    sqs.on(ReceiveMessageCommand).resolves({ Messages: [deliveredFrom(sent)] });
    const [message] = await queue.receive();
    expect(sealedOf(message)).toMatchObject({
      keyArn: KEY_ARN,
      reason: 'KMS.AccessDeniedException',
    });
    expect(Buffer.from(sealedOf(message).envelope).toString('base64')).toBe(sent.MessageBody);
    expect(message!.messageAttributes).toEqual({});
  });

  it('opens a message moved to another queue: the context travels with the marker', async () => {
    const { queue, sqs, broker } = await sealingSetup('records');
    await queue.send(SECRET);
    const sent = sqs.commandCalls(SendMessageCommand)[0]!.args[0].input;
    sqs.on(GetQueueUrlCommand).resolves({ QueueUrl: queueUrlOf('records-dlq') });
    const dlq = await broker.getQueue('records-dlq');
    sqs.on(ReceiveMessageCommand).resolves({ Messages: [deliveredFrom(sent)] });
    expect(openBody((await dlq.receive())[0]!)).toBe(SECRET);
  });

  // Publish, MessageStructure: SNS must parse the message as JSON; a sealed body is not JSON.
  it('refuses MessageStructure json with client-side sealing, before any call', async () => {
    const { broker, sns } = await sealingSetup();
    const topic = new AwsTopic(broker.context, 'Patient-Records', topicArnOf('Patient-Records'));
    await expect(
      topic.publish(JSON.stringify({ default: SECRET }), { messageStructure: 'json' }),
    ).rejects.toMatchObject({ code: 'InvalidParameter', field: 'MessageStructure' });
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it('seals topic messages and opens them inside the SNS envelope, keeping the envelope', async () => {
    const { broker, sns, sqs } = await sealingSetup();
    sns.on(PublishCommand).resolves({ MessageId: 'n-1' });
    const topic = new AwsTopic(broker.context, 'Patient-Records', topicArnOf('Patient-Records'));
    await topic.publish(SECRET, {
      messageAttributes: { kind: { dataType: 'String', stringValue: 'admission' } },
    });
    const published = sns.commandCalls(PublishCommand)[0]!.args[0].input;
    expect(published.Message).not.toContain('confidential');
    const notification = {
      Type: 'Notification',
      MessageId: 'n-1',
      TopicArn: topicArnOf('Patient-Records'),
      Message: published.Message,
      Timestamp: '2026-11-25T16:00:00.000Z',
      MessageAttributes: Object.fromEntries(
        Object.entries(published.MessageAttributes!).map(([name, value]) => [
          name,
          { Type: value.DataType, Value: value.StringValue },
        ]),
      ),
    };
    const body = JSON.stringify(notification, null, 2);
    sqs.on(ReceiveMessageCommand).resolves({ Messages: [deliveredFrom({ MessageBody: body })] });
    const [message] = await (await broker.getQueue('records')).receive();
    const envelope = JSON.parse(openBody(message!));
    expect(envelope.Message).toBe(SECRET);
    expect(envelope.MessageAttributes).toEqual({ kind: { Type: 'String', Value: 'admission' } });
    expect(envelope.Type).toBe('Notification');
  });

  it('gives FIFO sends without an id the SHA-256 of the plaintext, as content-based deduplication would', async () => {
    const { queue, sqs } = await sealingSetup('records.fifo');
    await queue.send(SECRET, { messageGroupId: 'g' });
    await queue.send(SECRET, { messageGroupId: 'g' });
    const [first, second] = sqs.commandCalls(SendMessageCommand).map((call) => call.args[0].input);
    expect(first!.MessageBody).not.toBe(second!.MessageBody);
    expect(first!.MessageDeduplicationId).toMatch(/^[0-9a-f]{64}$/);
    expect(first!.MessageDeduplicationId).toBe(second!.MessageDeduplicationId);
  });

  it('a broker without clientSideEncryption still opens sealed messages and sends plaintext', async () => {
    const producer = await sealingSetup();
    await producer.queue.send(SECRET);
    const sent = producer.sqs.commandCalls(SendMessageCommand)[0]!.args[0].input;
    const consumer = mockedBroker();
    // One KMS behind both brokers: the consumer's client sees the producer's data keys.
    const consumerKms = fakeKms(consumer.kms, producer.kmsState.keys);
    consumer.sqs.on(GetQueueUrlCommand).resolves({ QueueUrl: queueUrlOf('records') });
    consumer.sqs.on(ReceiveMessageCommand).resolves({ Messages: [deliveredFrom(sent)] });
    consumer.sqs.on(SendMessageCommand).resolves({ MessageId: 'm-2' });
    const queue = await consumer.broker.getQueue('records');
    const [message] = await queue.receive();
    expect(openBody(message!)).toBe(SECRET);
    expect(consumerKms.decryptCalls).toBe(1);
    await queue.send('plain');
    expect(consumer.sqs.commandCalls(SendMessageCommand)[0]!.args[0].input.MessageBody).toBe(
      'plain',
    );
    expect(consumerKms.generateCalls).toBe(0);
  });
});
