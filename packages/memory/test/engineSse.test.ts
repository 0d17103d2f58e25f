import {
  createEngineBroker,
  SQS_MANAGED_KEY_ALIAS,
  type StoredMessage,
} from '@sealbus/broker-engine';
import { KmsThrottlingError, type MetricLabels, md5OfMessageBody } from '@sealbus/core';
import { LocalKms, withFaults } from '@sealbus/kms-local';
import { describe, expect, it } from 'vitest';
import { createMemoryBroker, MemoryMessageStore } from '../src/index.js';

describe('engine SSE over the memory store', () => {
  it('engines on one key store create the SSE-SQS key once and share it', async () => {
    const kms = new LocalKms();
    const store = new MemoryMessageStore();
    const first = createEngineBroker({ store, keyProvider: kms });
    const second = createEngineBroker({ store, keyProvider: kms });
    const [a, b] = await Promise.all([
      first.createQueue('managed-a'),
      second.createQueue('managed-b'),
    ]);
    await Promise.all([a.send('from a'), b.send('from b')]);
    const managed = await kms.describeKey(SQS_MANAGED_KEY_ALIAS);
    expect((await first.peek('managed-a'))[0]?.keyArn).toBe(managed.arn);
    expect((await second.peek('managed-b'))[0]?.keyArn).toBe(managed.arn);
    // A key created by the engine that lost the race for the alias is retired, not left enabled.
    const { keys } = await kms.listKeys({});
    const enabled = [];
    for (const key of keys) {
      const metadata = await kms.describeKey(key.keyArn);
      if (metadata.description.startsWith('sealbus SQS-managed') && metadata.enabled) {
        enabled.push(metadata.arn);
      }
    }
    expect(enabled).toEqual([managed.arn]);
    expect((await (await second.getQueue('managed-a')).receive())[0]?.body).toBe('from a');
    await first.close();
    await second.close();
  });

  it('a throttled KMS fails the receive instead of delivering sealed', async () => {
    const kms = new LocalKms();
    let throttled = false;
    const faulty = withFaults(kms, (call) => {
      if (throttled && call.operation === 'Decrypt') throw new KmsThrottlingError('Rate exceeded');
    });
    const broker = createMemoryBroker({ kms: faulty });
    const key = await kms.createKey({ description: 'throttled' });
    const queue = await broker.createQueue('throttled', { KmsMasterKeyId: key.arn });
    await queue.send('retry me');
    throttled = true;
    await expect(queue.receive()).rejects.toMatchObject({ code: 'KMS.ThrottlingException' });
    await broker.close();
  });

  it('reports sent, received, deleted, dead-lettered and sealed deliveries to the metrics sink', async () => {
    const counts = new Map<string, number>();
    const metrics = {
      increment: (name: string, _labels?: MetricLabels, value = 1) =>
        counts.set(name, (counts.get(name) ?? 0) + value),
      observe: () => {},
    };
    const kms = new LocalKms();
    const broker = createMemoryBroker({ kms, metrics });
    const key = await kms.createKey({ description: 'metrics' });
    await kms.putKeyPolicy(
      key.arn,
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:*', Resource: '*' },
          { Effect: 'Deny', Principal: { AWS: 'reader' }, Action: 'kms:Decrypt', Resource: '*' },
        ],
      }),
    );
    const dlq = await broker.createQueue('metrics-dlq');
    const queue = await broker.createQueue('metrics', {
      KmsMasterKeyId: key.arn,
      VisibilityTimeout: 0,
      RedrivePolicy: { deadLetterTargetArn: dlq.arn, maxReceiveCount: 1 },
    });
    await queue.send('one');
    await queue.send('two');
    const [sealed] = await queue.receive({ principal: 'reader' });
    expect(sealed?.sealed?.reason).toBe('KMS.AccessDeniedException');
    await queue.receive({ maxMessages: 10 });
    const [dead] = await dlq.receive();
    await dlq.delete(dead!.receiptHandle);
    expect(Object.fromEntries(counts)).toMatchObject({
      sealbus_messages_sent_total: 2,
      sealbus_messages_received_total: 3,
      sealbus_messages_sealed_delivered_total: 1,
      sealbus_messages_dead_lettered_total: 1,
      sealbus_messages_deleted_total: 1,
    });
    await broker.close();
  });

  it('keeps the MD5 of plain bodies only: no digest of a plaintext next to its ciphertext', async () => {
    const store = new MemoryMessageStore();
    const broker = createEngineBroker({ store, keyProvider: new LocalKms() });
    const plain = await broker.createQueue('md5-plain', { SqsManagedSseEnabled: false });
    const sealed = await broker.createQueue('md5-sealed');
    const sent = await plain.send('hash me once');
    await sealed.send('never hashed at rest');
    expect(((await store.peek('md5-plain', { limit: 1 })) as StoredMessage[])[0]?.md5OfBody).toBe(
      sent.md5OfMessageBody,
    );
    expect(
      ((await store.peek('md5-sealed', { limit: 1 })) as StoredMessage[])[0],
    ).not.toHaveProperty('md5OfBody');
    expect((await plain.receive())[0]?.md5OfBody).toBe(md5OfMessageBody('hash me once'));
    expect((await sealed.receive())[0]?.md5OfBody).toBe(md5OfMessageBody('never hashed at rest'));
    await broker.close();
  });
});
