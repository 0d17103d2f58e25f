import { expect } from 'vitest';
import type { DefineCase } from '../runConformance.js';

/** JavaScript callers get no type error for a misspelt option: every backend refuses it instead. */
export function optionKeyCases(test: DefineCase): void {
  test('refuses unknown option keys naming the key and the likely intended one', [], async (c) => {
    const queue = await c.broker.createQueue(c.name('option-keys'));
    const loose = (value: object) => value as never;
    await expect(queue.send('x', loose({ attributes: {} }))).rejects.toMatchObject({
      code: 'UnknownOption',
      option: 'attributes',
      suggestion: 'messageAttributes',
      field: 'attributes',
    });
    await expect(queue.receive(loose({ visibilityTimeout: 60 }))).rejects.toMatchObject({
      code: 'UnknownOption',
      suggestion: 'visibilityTimeoutSeconds',
    });
    await expect(queue.sendBatch(loose([{ id: 'a', body: 'x', delay: 5 }]))).rejects.toMatchObject({
      code: 'UnknownOption',
      field: 'Entries[0].delay',
      suggestion: 'delaySeconds',
    });
    const topic = await c.broker.createTopic(c.name('option-keys'));
    await expect(topic.publish('x', loose({ groupId: 'g' }))).rejects.toMatchObject({
      code: 'UnknownOption',
      suggestion: 'messageGroupId',
    });
    await expect(topic.subscribe(queue, loose({ rawDelivery: true }))).rejects.toMatchObject({
      code: 'UnknownOption',
      suggestion: 'rawMessageDelivery',
    });
    // Nothing was half-written: the refused send and batch left the queue empty.
    expect(await queue.receive({ waitTimeSeconds: 0 })).toEqual([]);
  });

  test(
    'a batch entry whose messageAttributes is not an object fails with a typed error',
    [],
    async (c) => {
      const queue = await c.broker.createQueue(c.name('batch-attributes'));
      const outcome = await queue
        .sendBatch([{ id: 'a', body: 'x', messageAttributes: 'kind=invoice' as never }])
        .then(
          (result) => result.failed,
          (error: unknown) => [error],
        );
      expect(outcome).toHaveLength(1);
      // A typed refusal, not a TypeError; the aws backend relays the service's own wording.
      expect(outcome[0]).toMatchObject({ code: 'InvalidParameterValue' });
    },
  );
}
