import { expect } from 'vitest';
import { containsText } from '../ConformanceCase.js';
import { openBody } from '../openBody.js';
import type { DefineCase } from '../runConformance.js';

export function topicCases(test: DefineCase): void {
  test(
    'fans a publish out to every subscribed queue in the SNS envelope',
    ['topics'],
    async (c) => {
      const topic = await c.broker.createTopic(c.name('fanout'));
      const queues = [
        await c.broker.createQueue(c.name('sub-a')),
        await c.broker.createQueue(c.name('sub-b')),
      ];
      const subscriptions = [];
      for (const queue of queues) subscriptions.push(await topic.subscribe(queue));
      const published = await topic.publish('{"event":"admitted"}');
      for (const [index, queue] of queues.entries()) {
        const [message] = await c.receiveAll(queue, 1);
        const envelope = JSON.parse(openBody(message!)) as Record<string, unknown>;
        expect(Object.keys(envelope)).toEqual([
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
        expect(envelope).toMatchObject({
          Type: 'Notification',
          MessageId: published.messageId,
          TopicArn: topic.arn,
          Message: '{"event":"admitted"}',
          SignatureVersion: '1',
        });
        expect(envelope.Timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
        expect(envelope.UnsubscribeURL).toContain(subscriptions[index]!.arn);
        expect(message!.messageAttributes).toEqual({});
      }
    },
  );

  test(
    'the envelope carries Subject and MessageAttributes when published with them',
    ['topics'],
    async (c) => {
      const topic = await c.broker.createTopic(c.name('envelope'));
      const queue = await c.broker.createQueue(c.name('envsub'));
      await topic.subscribe(queue);
      await topic.publish('body', {
        subject: 'Admission',
        messageAttributes: {
          ward: { dataType: 'String', stringValue: 'cardiology' },
          beds: { dataType: 'Number', stringValue: '3' },
          raw: { dataType: 'Binary', binaryValue: Uint8Array.of(104, 105) },
        },
      });
      const [message] = await c.receiveAll(queue, 1);
      const envelope = JSON.parse(openBody(message!)) as Record<string, unknown>;
      expect(envelope.Subject).toBe('Admission');
      expect(Object.keys(envelope).indexOf('Subject')).toBe(3);
      expect(envelope.MessageAttributes).toEqual({
        ward: { Type: 'String', Value: 'cardiology' },
        beds: { Type: 'Number', Value: '3' },
        raw: { Type: 'Binary', Value: 'aGk=' },
      });
    },
  );

  test('raw delivery passes the message and its attributes through', ['topics'], async (c) => {
    const topic = await c.broker.createTopic(c.name('raw'));
    const queue = await c.broker.createQueue(c.name('rawsub'));
    const subscription = await topic.subscribe(queue, { rawMessageDelivery: true });
    expect(subscription.attributes.rawMessageDelivery).toBe(true);
    await topic.publish('exactly this', {
      messageAttributes: { ward: { dataType: 'String', stringValue: 'icu' } },
    });
    const [message] = await c.receiveAll(queue, 1);
    expect(openBody(message!)).toBe('exactly this');
    expect(message!.messageAttributes.ward).toEqual({ dataType: 'String', stringValue: 'icu' });
  });

  test('filter policies select by message attributes', ['topics'], async (c) => {
    const topic = await c.broker.createTopic(c.name('filterattr'));
    const cardiology = await c.broker.createQueue(c.name('cardio'));
    const everything = await c.broker.createQueue(c.name('all'));
    await topic.subscribe(cardiology, {
      rawMessageDelivery: true,
      filterPolicy: { ward: ['cardiology'], beds: [{ numeric: ['>', 2] }] },
    });
    await topic.subscribe(everything, { rawMessageDelivery: true });
    const attributes = (ward: string, beds: string) => ({
      ward: { dataType: 'String', stringValue: ward },
      beds: { dataType: 'Number', stringValue: beds },
    });
    await topic.publish('match', { messageAttributes: attributes('cardiology', '3') });
    await topic.publish('too few beds', { messageAttributes: attributes('cardiology', '1') });
    await topic.publish('other ward', { messageAttributes: attributes('oncology', '5') });
    await topic.publish('no attributes');
    expect((await c.receiveAll(cardiology, 1)).map((m) => openBody(m))).toEqual(['match']);
    expect(await cardiology.receive({ maxMessages: 10 })).toEqual([]);
    expect(await c.receiveAll(everything, 4)).toHaveLength(4);
  });

  test('filter policies select by message body', ['topics'], async (c) => {
    const topic = await c.broker.createTopic(c.name('filterbody'));
    const queue = await c.broker.createQueue(c.name('bodysub'));
    await topic.subscribe(queue, {
      rawMessageDelivery: true,
      filterPolicyScope: 'MessageBody',
      filterPolicy: JSON.stringify({ order: { type: ['prescription'] } }),
    });
    await topic.publish(JSON.stringify({ order: { type: 'prescription', id: 1 } }));
    await topic.publish(JSON.stringify({ order: { type: 'lab', id: 2 } }));
    await topic.publish('not json');
    const received = await c.receiveAll(queue, 1);
    expect(received.map((m) => JSON.parse(openBody(m)).order.id)).toEqual([1]);
    expect(await queue.receive({ maxMessages: 10 })).toEqual([]);
  });

  test(
    'subscription attributes can change, and unsubscribing stops deliveries',
    ['topics'],
    async (c) => {
      const topic = await c.broker.createTopic(c.name('changesub'));
      const queue = await c.broker.createQueue(c.name('changed'));
      const subscription = await topic.subscribe(queue, {
        rawMessageDelivery: true,
        filterPolicy: { ward: ['icu'] },
      });
      await topic.publish('dropped');
      const updated = await c.broker.setSubscriptionAttributes(subscription.arn, {
        filterPolicy: '',
      });
      expect(updated.attributes.filterPolicy).toBeUndefined();
      expect((await c.broker.getSubscription(subscription.arn)).endpoint).toBe(queue.arn);
      await topic.publish('delivered');
      expect((await c.receiveAll(queue, 1)).map((m) => openBody(m))).toEqual(['delivered']);
      expect(await queue.receive({ maxMessages: 10 })).toEqual([]);
      expect((await topic.listSubscriptions()).map((s) => s.arn)).toEqual([subscription.arn]);
      await topic.unsubscribe(subscription.arn);
      await topic.publish('after unsubscribe');
      expect(await queue.receive({ maxMessages: 10 })).toEqual([]);
      await expect(
        topic.subscribe(queue, { filterPolicy: { ward: [{ unknownOperator: 1 }] } }),
      ).rejects.toMatchObject({ code: 'InvalidParameter' });
    },
  );

  test(
    'an encrypted topic delivers into encrypted queues, each sealed with its own key',
    ['topics', 'sse', 'storeInspection', 'kmsAudit'],
    async (c) => {
      const topicKey = await c.keys.createKey('topic key');
      const keyA = await c.keys.createKey('queue A key');
      const keyB = await c.keys.createKey('queue B key');
      const topic = await c.broker.createTopic(c.name('enctopic'), { KmsMasterKeyId: topicKey });
      const a = await c.broker.createQueue(c.name('enc-a'), { KmsMasterKeyId: keyA });
      const b = await c.broker.createQueue(c.name('enc-b'), { KmsMasterKeyId: keyB });
      await topic.subscribe(a, { rawMessageDelivery: true });
      await topic.subscribe(b);
      await topic.publish('diagnosis: confidential');
      for (const queue of [a, b]) {
        const [stored] = await c.rawBodies(queue.name);
        expect(containsText(stored!, 'confidential')).toBe(false);
      }
      expect(await c.keys.auditCount!('GenerateDataKey', topicKey)).toBe(1);
      expect(await c.keys.auditCount!('GenerateDataKey', keyA)).toBe(1);
      expect(await c.keys.auditCount!('GenerateDataKey', keyB)).toBe(1);
      expect((await c.receiveAll(a, 1)).map((m) => openBody(m))).toEqual([
        'diagnosis: confidential',
      ]);
      const [enveloped] = await c.receiveAll(b, 1);
      expect(JSON.parse(openBody(enveloped!)).Message).toBe('diagnosis: confidential');
    },
  );

  test(
    'publishing to an encrypted topic needs kms:GenerateDataKey on its key',
    ['topics', 'sse', 'keyPolicies'],
    async (c) => {
      const topicKey = await c.keys.createKey('guarded topic key');
      await c.keys.denyGenerateDataKey(topicKey, 'arn:aws:iam::000000000000:role/outsider');
      const topic = await c.broker.createTopic(c.name('guarded'), { KmsMasterKeyId: topicKey });
      const queue = await c.broker.createQueue(c.name('guardedsub'));
      await topic.subscribe(queue, { rawMessageDelivery: true });
      await expect(
        topic.publish('refused', { principal: 'arn:aws:iam::000000000000:role/outsider' }),
      ).rejects.toMatchObject({ code: 'KMS.AccessDeniedException' });
      await topic.publish('allowed', { principal: 'arn:aws:iam::000000000000:role/publisher' });
      expect((await c.receiveAll(queue, 1)).map((m) => openBody(m))).toEqual(['allowed']);
      expect(await queue.receive({ maxMessages: 10 })).toEqual([]);
    },
  );

  test(
    'a publish reaches all subscribed queues or none',
    ['topics', 'sse', 'keyStates'],
    async (c) => {
      const brokenKey = await c.keys.createKey('broken queue key');
      const topic = await c.broker.createTopic(c.name('atomic'));
      const healthy = await c.broker.createQueue(c.name('healthy'));
      const broken = await c.broker.createQueue(c.name('broken'), { KmsMasterKeyId: brokenKey });
      await topic.subscribe(healthy, { rawMessageDelivery: true });
      await topic.subscribe(broken, { rawMessageDelivery: true });
      await c.keys.disableKey(brokenKey);
      await expect(topic.publish('all or nothing')).rejects.toMatchObject({
        code: 'KMS.DisabledException',
      });
      expect(await healthy.receive({ maxMessages: 10 })).toEqual([]);
      await c.keys.enableKey(brokenKey);
      await topic.publish('everyone');
      expect((await c.receiveAll(healthy, 1)).map((m) => openBody(m))).toEqual(['everyone']);
      expect((await c.receiveAll(broken, 1)).map((m) => openBody(m))).toEqual(['everyone']);
    },
  );

  test('publishBatch reports each entry', ['topics'], async (c) => {
    const topic = await c.broker.createTopic(c.name('pubbatch'));
    const queue = await c.broker.createQueue(c.name('pubbatchsub'));
    await topic.subscribe(queue, { rawMessageDelivery: true });
    const result = await topic.publishBatch([
      { id: 'one', body: 'first' },
      { id: 'two', body: 'second', subject: 'x'.repeat(100) },
      { id: 'three', body: 'third' },
    ]);
    expect(result.successful.map((entry) => entry.id).sort()).toEqual(['one', 'three']);
    expect(result.failed).toEqual([
      expect.objectContaining({ id: 'two', code: 'InvalidParameter' }),
    ]);
    expect((await c.receiveAll(queue, 2)).map((m) => openBody(m)).sort()).toEqual([
      'first',
      'third',
    ]);
  });

  test('topics are created idempotently, listed, described and deleted', ['topics'], async (c) => {
    const name = c.name('lifecycle');
    const topic = await c.broker.createTopic(name, { DisplayName: 'Records' });
    expect((await c.broker.createTopic(name, { DisplayName: 'Records' })).arn).toBe(topic.arn);
    await expect(c.broker.createTopic(name, { DisplayName: 'Other' })).rejects.toMatchObject({
      code: 'InvalidParameter',
    });
    expect(await c.broker.listTopics()).toContain(topic.arn);
    expect((await c.broker.getTopic(topic.arn)).name).toBe(name);
    const queue = await c.broker.createQueue(c.name('lifesub'));
    await topic.subscribe(queue);
    expect(await topic.getAttributes()).toMatchObject({
      TopicArn: topic.arn,
      DisplayName: 'Records',
      SubscriptionsConfirmed: 1,
    });
    await c.broker.deleteTopic(topic.arn);
    expect(await c.broker.listTopics()).not.toContain(topic.arn);
    await expect(c.broker.getTopic(name)).rejects.toMatchObject({ code: 'NotFound' });
  });
}
