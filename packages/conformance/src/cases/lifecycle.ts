import { expect } from 'vitest';
import type { DefineCase } from '../runConformance.js';

export function lifecycleCases(test: DefineCase): void {
  test(
    'createQueue is idempotent for equal attributes and refuses different ones',
    [],
    async (c) => {
      const name = c.name('idempotent');
      const queue = await c.broker.createQueue(name, { VisibilityTimeout: 45 });
      expect((await c.broker.createQueue(name, { VisibilityTimeout: 45 })).url).toBe(queue.url);
      await expect(c.broker.createQueue(name, { VisibilityTimeout: 46 })).rejects.toMatchObject({
        code: 'QueueNameExists',
      });
    },
  );

  test(
    'finds queues by name, URL and ARN, lists them by prefix and deletes them',
    [],
    async (c) => {
      const name = c.name('findme');
      const queue = await c.broker.createQueue(name);
      for (const ref of [name, queue.url, queue.arn]) {
        expect((await c.broker.getQueue(ref)).arn).toBe(queue.arn);
      }
      expect(await c.broker.listQueues(name)).toEqual([queue.url]);
      await c.broker.deleteQueue(queue.url);
      await expect(c.broker.getQueue(name)).rejects.toMatchObject({ code: 'QueueDoesNotExist' });
      await expect(queue.send('gone')).rejects.toMatchObject({ code: 'QueueDoesNotExist' });
    },
  );

  test('rejects invalid queue names and attributes', [], async (c) => {
    await expect(c.broker.createQueue('bad name!')).rejects.toMatchObject({
      code: 'InvalidParameterValue',
    });
    await expect(
      c.broker.createQueue(c.name('badvt'), { VisibilityTimeout: 43_201 }),
    ).rejects.toMatchObject({ code: 'InvalidAttributeValue' });
  });

  test('setAttributes changes what getAttributes reports', [], async (c) => {
    const queue = await c.broker.createQueue(c.name('setattrs'));
    await queue.setAttributes({ VisibilityTimeout: 120, DelaySeconds: 5 });
    const attributes = await queue.getAttributes();
    expect(attributes).toMatchObject({ VisibilityTimeout: 120, DelaySeconds: 5 });
    expect(attributes.CreatedTimestamp).toBeTypeOf('number');
  });

  // SQS AddPermission "generates a policy for you": one statement per label in the queue Policy;
  // RemovePermission takes it out again.
  test('addPermission and removePermission edit the queue Policy as SQS does', [], async (c) => {
    const queue = await c.broker.createQueue(c.name('perms'));
    await queue.addPermission({
      label: 'AliceSendMessage',
      awsAccountIds: ['111111111111'],
      actions: ['SendMessage'],
    });
    await queue.addPermission({
      label: 'Readers',
      awsAccountIds: ['111111111111', '222222222222'],
      actions: ['ReceiveMessage', 'DeleteMessage'],
    });
    const policy = JSON.parse((await queue.getAttributes()).Policy!);
    expect(policy).toMatchObject({ Version: '2012-10-17', Id: `${queue.arn}/SQSDefaultPolicy` });
    expect(policy.Statement).toEqual([
      {
        Sid: 'AliceSendMessage',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111111111111:root' },
        Action: 'SQS:SendMessage',
        Resource: queue.arn,
      },
      {
        Sid: 'Readers',
        Effect: 'Allow',
        Principal: { AWS: ['arn:aws:iam::111111111111:root', 'arn:aws:iam::222222222222:root'] },
        Action: ['SQS:ReceiveMessage', 'SQS:DeleteMessage'],
        Resource: queue.arn,
      },
    ]);
    await expect(
      queue.addPermission({ label: 'Readers', awsAccountIds: ['111111111111'], actions: ['*'] }),
    ).rejects.toMatchObject({
      code: 'InvalidParameterValue',
      // The AWS backend puts the operation before SQS's text.
      message: expect.stringContaining(
        'Value Readers for parameter Label is invalid. Reason: Already exists.',
      ),
    });
    await queue.removePermission('AliceSendMessage');
    await queue.removePermission('Readers');
    expect((await queue.getAttributes()).Policy).toBeUndefined();
    await expect(queue.removePermission('Readers')).rejects.toMatchObject({
      code: 'InvalidParameterValue',
      message: expect.stringContaining(
        "Value Readers for parameter Label is invalid. Reason: can't find label on existing policy.",
      ),
    });
  });

  test('tags queues', [], async (c) => {
    const queue = await c.broker.createQueue(c.name('tags'));
    await queue.tag({ team: 'billing', env: 'dev' });
    await queue.untag(['env']);
    expect(await queue.listTags()).toEqual({ team: 'billing' });
  });

  // SQS TagQueue: "A maximum of 50 tags can be added to a queue"; a refused request adds none.
  test('a queue holds at most 50 tags and a refused TagQueue adds none', [], async (c) => {
    const queue = await c.broker.createQueue(c.name('tagcap'));
    const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']));
    await queue.tag(fifty);
    await expect(queue.tag({ k0: 'again', extra: 'v' })).rejects.toMatchObject({
      code: 'InvalidParameterValue',
      // The AWS backend puts the operation before SQS's text.
      message: expect.stringContaining(`Too many tags added for queue ${queue.name}.`),
    });
    expect(await queue.listTags()).toEqual(fifty);
  });

  test('a closed broker refuses further calls', [], async (c) => {
    const queue = await c.broker.createQueue(c.name('closing'));
    await c.broker.close();
    await expect(queue.send('after close')).rejects.toThrow();
    await expect(c.broker.listQueues()).rejects.toThrow();
  });
}
