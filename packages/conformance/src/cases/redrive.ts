import { expect } from 'vitest';
import type { ConformanceCase } from '../ConformanceCase.js';
import { containsText } from '../ConformanceCase.js';
import { openBody } from '../openBody.js';
import type { DefineCase } from '../runConformance.js';

/** A source queue whose messages go to a fresh dead-letter queue after `maxReceiveCount` receives. */
export async function queueWithDeadLetterQueue(
  c: ConformanceCase,
  base: string,
  maxReceiveCount: number,
  attributes: { source?: Record<string, unknown>; deadLetter?: Record<string, unknown> } = {},
) {
  const deadLetter = await c.broker.createQueue(c.name(`${base}-dlq`), attributes.deadLetter);
  const source = await c.broker.createQueue(c.name(base), {
    ...attributes.source,
    VisibilityTimeout: 0,
    RedrivePolicy: { deadLetterTargetArn: deadLetter.arn, maxReceiveCount },
  });
  return { source, deadLetter };
}

export function redriveCases(test: DefineCase): void {
  test('moves a message to the DLQ on the receive after maxReceiveCount', [], async (c) => {
    const { source, deadLetter } = await queueWithDeadLetterQueue(c, 'redrive', 2);
    const sent = await source.send('poison', {
      messageAttributes: { kind: { dataType: 'String', stringValue: 'poison' } },
    });
    expect(await source.receive()).toHaveLength(1);
    expect(await source.receive()).toHaveLength(1);
    expect(await source.receive()).toEqual([]);
    const [dead] = await c.receiveAll(deadLetter, 1);
    expect(dead).toMatchObject({ messageId: sent.messageId, body: 'poison' });
    expect(dead!.attributes.DeadLetterQueueSourceArn).toBe(source.arn);
    expect(dead!.messageAttributes.kind?.stringValue).toBe('poison');
    expect(await c.broker.listDeadLetterSourceQueues(deadLetter.url)).toEqual([source.url]);
  });

  test('RedriveAllowPolicy decides which queues may use a DLQ', [], async (c) => {
    const denyAll = await c.broker.createQueue(c.name('denyall'), {
      RedriveAllowPolicy: { redrivePermission: 'denyAll' },
    });
    await expect(
      c.broker.createQueue(c.name('refused'), {
        RedrivePolicy: { deadLetterTargetArn: denyAll.arn, maxReceiveCount: 3 },
      }),
    ).rejects.toMatchObject({ code: 'InvalidParameterValue' });
    const allowedName = c.name('allowed');
    const byQueue = await c.broker.createQueue(c.name('byqueue'), {
      RedriveAllowPolicy: {
        redrivePermission: 'byQueue',
        sourceQueueArns: [(await c.broker.createQueue(allowedName)).arn],
      },
    });
    const allowed = await c.broker.getQueue(allowedName);
    await allowed.setAttributes({
      RedrivePolicy: { deadLetterTargetArn: byQueue.arn, maxReceiveCount: 3 },
    });
    const stranger = await c.broker.createQueue(c.name('stranger'));
    await expect(
      stranger.setAttributes({
        RedrivePolicy: { deadLetterTargetArn: byQueue.arn, maxReceiveCount: 3 },
      }),
    ).rejects.toMatchObject({ code: 'InvalidParameterValue' });
    await expect(
      c.broker.createQueue(c.name('nodlq'), {
        RedrivePolicy: { deadLetterTargetArn: `${byQueue.arn}-missing`, maxReceiveCount: 3 },
      }),
    ).rejects.toMatchObject({ code: 'InvalidParameterValue' });
  });

  test('FIFO redrive keeps the group and needs a FIFO DLQ', ['fifo'], async (c) => {
    const deadLetter = await c.broker.createQueue(c.name('fifodlq', true), { FifoQueue: true });
    await expect(
      c.broker.createQueue(c.name('mismatch'), {
        RedrivePolicy: { deadLetterTargetArn: deadLetter.arn, maxReceiveCount: 1 },
      }),
    ).rejects.toMatchObject({ code: 'InvalidAttributeValue' });
    const source = await c.broker.createQueue(c.name('fifosrc', true), {
      FifoQueue: true,
      ContentBasedDeduplication: true,
      VisibilityTimeout: 0,
      RedrivePolicy: { deadLetterTargetArn: deadLetter.arn, maxReceiveCount: 1 },
    });
    await source.send('first', { messageGroupId: 'g' });
    await source.send('second', { messageGroupId: 'g' });
    expect((await source.receive()).map((m) => openBody(m))).toEqual(['first']);
    expect((await source.receive()).map((m) => openBody(m))).toEqual(['second']);
    const dead = await c.receiveAll(deadLetter, 1);
    expect(dead.map((m) => [openBody(m), m.attributes.MessageGroupId])).toEqual([['first', 'g']]);
  });

  test(
    'redrive moves sealed bytes into a plain DLQ unchanged',
    ['sse', 'storeInspection'],
    async (c) => {
      const key = await c.keys.createKey('redrive source key');
      const { source, deadLetter } = await queueWithDeadLetterQueue(c, 'sealedsrc', 1, {
        source: { KmsMasterKeyId: key },
        deadLetter: { SqsManagedSseEnabled: false },
      });
      await source.send('patient 123 lab results');
      const [stored] = await c.rawBodies(source.name);
      expect(containsText(stored!, 'patient 123')).toBe(false);
      await source.receive();
      expect(await source.receive()).toEqual([]);
      const [moved] = await c.rawBodies(deadLetter.name);
      expect(Buffer.from(moved!).equals(Buffer.from(stored!))).toBe(true);
      const [dead] = await c.receiveAll(deadLetter, 1);
      expect(openBody(dead!)).toBe('patient 123 lab results');
      expect(dead!.state).toBe('open');
    },
  );

  test(
    'redrive moves plain bytes into a sealed DLQ unchanged',
    ['sse', 'storeInspection'],
    async (c) => {
      const key = await c.keys.createKey('redrive DLQ key');
      const { source, deadLetter } = await queueWithDeadLetterQueue(c, 'plainsrc', 1, {
        source: { SqsManagedSseEnabled: false },
        deadLetter: { KmsMasterKeyId: key },
      });
      await source.send('stays readable at rest');
      await source.receive();
      await source.receive();
      const [moved] = await c.rawBodies(deadLetter.name);
      expect(new TextDecoder().decode(moved!)).toBe('stays readable at rest');
      const [dead] = await c.receiveAll(deadLetter, 1);
      expect(openBody(dead!)).toBe('stays readable at rest');
    },
  );
}
