import { expect } from 'vitest';
import { containsText } from '../ConformanceCase.js';
import { openBody } from '../openBody.js';
import type { DefineCase } from '../runConformance.js';
import { sealedOf } from '../sealedOf.js';

const utf8 = new TextDecoder();

export function sseCases(test: DefineCase): void {
  test(
    'KmsMasterKeyId seals the body at rest and opens it on receive',
    ['sse', 'storeInspection'],
    async (c) => {
      const key = await c.keys.createKey('queue key');
      const queue = await c.broker.createQueue(c.name('ssekms'), { KmsMasterKeyId: key });
      expect((await queue.getAttributes()).SqsManagedSseEnabled).toBe(false);
      await queue.send('blood type AB-', {
        messageAttributes: { patient: { dataType: 'String', stringValue: 'p-1' } },
      });
      const [stored] = await c.rawBodies(queue.name);
      expect(containsText(stored!, 'blood type')).toBe(false);
      const [message] = await c.receiveAll(queue, 1);
      expect(openBody(message!)).toBe('blood type AB-');
      expect(message!.state).toBe('open');
      expect(message!.messageAttributes.patient?.stringValue).toBe('p-1');
    },
  );

  test('new queues get SSE-SQS unless a key is given', ['sse', 'storeInspection'], async (c) => {
    const queue = await c.broker.createQueue(c.name('ssesqs'));
    expect((await queue.getAttributes()).SqsManagedSseEnabled).toBe(true);
    await queue.send('managed encryption');
    const [stored] = await c.rawBodies(queue.name);
    expect(containsText(stored!, 'managed encryption')).toBe(false);
    const [message] = await c.receiveAll(queue, 1, { principal: 'any-consumer' });
    expect(openBody(message!)).toBe('managed encryption');
  });

  test('the AWS-managed key alias/aws/sqs works as KmsMasterKeyId', ['sse'], async (c) => {
    const queue = await c.broker.createQueue(c.name('awsmanaged'), {
      KmsMasterKeyId: 'alias/aws/sqs',
    });
    await queue.send('aws managed');
    expect((await c.receiveAll(queue, 1)).map((m) => openBody(m))).toEqual(['aws managed']);
  });

  test(
    'reuses a data key for KmsDataKeyReusePeriodSeconds',
    ['sse', 'kmsAudit', 'controllableClock'],
    async (c) => {
      const key = await c.keys.createKey('reuse key');
      const queue = await c.broker.createQueue(c.name('reuse'), {
        KmsMasterKeyId: key,
        KmsDataKeyReusePeriodSeconds: 60,
      });
      const generated = () => c.keys.auditCount!('GenerateDataKey', key);
      for (let i = 0; i < 5; i++) await queue.send(`m${i}`);
      expect(await generated()).toBe(1);
      c.advanceSeconds(30);
      await queue.send('still cached');
      expect(await generated()).toBe(1);
      c.advanceSeconds(31);
      await queue.send('new period');
      expect(await generated()).toBe(2);
    },
  );

  test(
    'KMS calls follow data-key reuse per producer and consumer principal',
    ['sse', 'kmsAudit'],
    async (c) => {
      const key = await c.keys.createKey('cost key');
      const queue = await c.broker.createQueue(c.name('cost'), { KmsMasterKeyId: key });
      for (const producer of ['role/producer-a', 'role/producer-b']) {
        for (let i = 0; i < 3; i++) {
          await queue.send(`${producer} ${i}`, {
            principal: `arn:aws:iam::000000000000:${producer}`,
          });
        }
      }
      for (const consumer of ['role/consumer-a', 'role/consumer-b']) {
        const received = await c.receiveAll(queue, 6, {
          principal: `arn:aws:iam::000000000000:${consumer}`,
        });
        expect(received.filter((m) => m.state === 'open')).toHaveLength(6);
        await queue.changeVisibilityBatch(
          received.map((m, i) => ({
            id: `r${i}`,
            receiptHandle: m.receiptHandle,
            visibilityTimeoutSeconds: 0,
          })),
        );
      }
      // One data key per producer principal; each consumer principal decrypts each data key once.
      expect(await c.keys.auditCount!('GenerateDataKey', key)).toBe(2);
      expect(await c.keys.auditCount!('Decrypt', key)).toBe(4);
    },
  );

  test(
    'turning SSE on leaves the backlog plain; turning it off leaves sealed messages sealed',
    ['sse', 'storeInspection'],
    async (c) => {
      const key = await c.keys.createKey('toggle key');
      const queue = await c.broker.createQueue(c.name('toggle'), { SqsManagedSseEnabled: false });
      await queue.send('before SSE');
      await queue.setAttributes({ KmsMasterKeyId: key });
      await queue.send('during SSE');
      await queue.setAttributes({ KmsMasterKeyId: '', SqsManagedSseEnabled: false });
      await queue.send('after SSE');
      const stored = (await c.rawBodies(queue.name)).map((bytes) => utf8.decode(bytes));
      expect(stored[0]).toBe('before SSE');
      expect(stored[1]).not.toContain('during SSE');
      expect(stored[2]).toBe('after SSE');
      const bodies = (await c.receiveAll(queue, 3)).map((m) => openBody(m)).sort();
      expect(bodies).toEqual(['after SSE', 'before SSE', 'during SSE']);
    },
  );

  test(
    'a principal without kms:Decrypt receives the message sealed',
    ['sse', 'keyPolicies'],
    async (c) => {
      const key = await c.keys.createKey('restricted key');
      await c.keys.denyDecrypt(key, 'arn:aws:iam::000000000000:role/auditor');
      const queue = await c.broker.createQueue(c.name('denied'), { KmsMasterKeyId: key });
      await queue.send('confidential', {
        messageAttributes: { type: { dataType: 'String', stringValue: 'note' } },
      });
      const [sealed] = await queue.receive({ principal: 'arn:aws:iam::000000000000:role/auditor' });
      expect(sealedOf(sealed)).toMatchObject({ keyArn: key, reason: 'KMS.AccessDeniedException' });
      expect(Buffer.from(sealedOf(sealed).envelope).toString('latin1')).not.toContain(
        'confidential',
      );
      expect(sealed!.messageAttributes.type?.stringValue).toBe('note');
      await queue.changeVisibility(sealed!.receiptHandle, 0);
      const [opened] = await queue.receive({
        principal: 'arn:aws:iam::000000000000:role/clinician',
      });
      expect(openBody(opened!)).toBe('confidential');
      expect(opened!.state).toBe('open');
    },
  );

  test('a producer without kms:GenerateDataKey cannot send', ['sse', 'keyPolicies'], async (c) => {
    const key = await c.keys.createKey('no producers');
    await c.keys.denyGenerateDataKey(key, 'arn:aws:iam::000000000000:role/intruder');
    const queue = await c.broker.createQueue(c.name('noproducer'), { KmsMasterKeyId: key });
    await expect(
      queue.send('refused', { principal: 'arn:aws:iam::000000000000:role/intruder' }),
    ).rejects.toMatchObject({ code: 'KMS.AccessDeniedException' });
    await queue.send('accepted', { principal: 'arn:aws:iam::000000000000:role/producer' });
  });

  test(
    'a disabled key fails sends once the cached data key expires',
    ['sse', 'keyStates', 'controllableClock'],
    async (c) => {
      const key = await c.keys.createKey('to be disabled');
      const queue = await c.broker.createQueue(c.name('disabled'), {
        KmsMasterKeyId: key,
        KmsDataKeyReusePeriodSeconds: 60,
      });
      await queue.send('before disabling');
      await c.keys.disableKey(key);
      await queue.send('cached data key still seals');
      c.advanceSeconds(61);
      await expect(queue.send('no key')).rejects.toMatchObject({ code: 'KMS.DisabledException' });
      await c.keys.enableKey(key);
      await queue.send('enabled again');
    },
  );

  test(
    'a disabled key holds its messages back uncounted while others flow (SQS ReceiveMessage: KmsDisabled)',
    ['sse', 'keyStates', 'controllableClock'],
    async (c) => {
      const oldKey = await c.keys.createKey('old key');
      const newKey = await c.keys.createKey('new key');
      const queue = await c.broker.createQueue(c.name('rotated'), { KmsMasterKeyId: oldKey });
      await queue.send('under the old key');
      await queue.setAttributes({ KmsMasterKeyId: newKey });
      await queue.send('under the new key');
      await c.keys.disableKey(oldKey);
      const receive = () =>
        queue.receive({ maxMessages: 10, waitTimeSeconds: 0, visibilityTimeoutSeconds: 30 });
      // Both are claimed; the one whose key is disabled is not delivered, sealed or otherwise.
      const flowing = await receive();
      expect(flowing.map((m) => openBody(m))).toEqual(['under the new key']);
      await queue.delete(flowing[0]!.receiptHandle);
      c.advanceSeconds(31);
      // Nothing else left: the receive fails with the key's state, as SQS's does.
      await expect(receive()).rejects.toMatchObject({ code: 'KMS.DisabledException' });
      await c.keys.enableKey(oldKey);
      c.advanceSeconds(31);
      const [back] = await receive();
      expect(openBody(back)).toBe('under the old key');
      // The two receives while the key was disabled did not count.
      expect(back?.attributes.ApproximateReceiveCount).toBe(1);
    },
  );

  test(
    'a key pending deletion holds its messages back: the receive fails with KMS.InvalidStateException',
    ['sse', 'keyStates', 'controllableClock'],
    async (c) => {
      const key = await c.keys.createKey('to be deleted');
      const queue = await c.broker.createQueue(c.name('deleted'), {
        KmsMasterKeyId: key,
        KmsDataKeyReusePeriodSeconds: 60,
      });
      await queue.send('written before deletion');
      await c.keys.scheduleKeyDeletion(key);
      c.advanceSeconds(61);
      await expect(queue.send('too late')).rejects.toMatchObject({
        code: 'KMS.InvalidStateException',
      });
      await expect(queue.receive({ waitTimeSeconds: 0 })).rejects.toMatchObject({
        code: 'KMS.InvalidStateException',
      });
    },
  );
}
