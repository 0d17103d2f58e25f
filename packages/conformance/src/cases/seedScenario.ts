import { expect } from 'vitest';
import type { ConformanceCase } from '../ConformanceCase.js';
import { openBody } from '../openBody.js';
import type { DefineCase } from '../runConformance.js';
import { sealedOf } from '../sealedOf.js';

const BILLING_READER = 'arn:aws:iam::000000000000:role/billing-reader';

async function integrationQueue(c: ConformanceCase, name: string) {
  const key = await c.keys.createKey(`${name} key`);
  const deadLetter = await c.broker.createQueue(c.name(`${name}-DLQ`), { KmsMasterKeyId: key });
  const queue = await c.broker.createQueue(c.name(name), {
    KmsMasterKeyId: key,
    RedrivePolicy: { deadLetterTargetArn: deadLetter.arn, maxReceiveCount: 3 },
  });
  return { key, queue, deadLetter };
}

export function seedScenarioCases(test: DefineCase): void {
  test(
    'Patient-Records fans out to Billing, Scheduling and Prescription integrations',
    ['topics', 'sse', 'keyPolicies'],
    async (c) => {
      const topicKey = await c.keys.createKey('Patient-Records key');
      const topic = await c.broker.createTopic(c.name('Patient-Records'), {
        KmsMasterKeyId: topicKey,
      });
      const billing = await integrationQueue(c, 'Billing-Integration');
      const scheduling = await integrationQueue(c, 'Scheduling-Integration');
      const prescription = await integrationQueue(c, 'Prescription-Integration');
      await c.keys.denyDecrypt(billing.key, BILLING_READER);
      await topic.subscribe(billing.queue, { rawMessageDelivery: true });
      await topic.subscribe(scheduling.queue, { rawMessageDelivery: true });
      await topic.subscribe(prescription.queue, {
        rawMessageDelivery: true,
        filterPolicy: { recordType: ['prescription'] },
      });

      const records = ['admission', 'prescription', 'lab-result'];
      for (const recordType of records) {
        await topic.publish(JSON.stringify({ patientId: 'p-42', recordType }), {
          messageAttributes: { recordType: { dataType: 'String', stringValue: recordType } },
        });
      }

      const sealedForReader = await c.receiveAll(billing.queue, 3, { principal: BILLING_READER });
      expect(sealedForReader).toHaveLength(3);
      for (const message of sealedForReader) {
        expect(sealedOf(message)).toMatchObject({
          keyArn: billing.key,
          reason: 'KMS.AccessDeniedException',
        });
        expect(Buffer.from(sealedOf(message).envelope).toString('latin1')).not.toContain('p-42');
        expect(message.messageAttributes.recordType?.stringValue).toBeDefined();
        await billing.queue.delete(message.receiptHandle);
      }

      const scheduled = await c.receiveAll(scheduling.queue, 3);
      expect(scheduled.map((m) => JSON.parse(openBody(m)).recordType).sort()).toEqual(
        [...records].sort(),
      );
      const prescriptions = await c.receiveAll(prescription.queue, 1);
      expect(prescriptions.map((m) => JSON.parse(openBody(m)).recordType)).toEqual([
        'prescription',
      ]);
      expect(await prescription.queue.receive({ maxMessages: 10 })).toEqual([]);

      // A message Scheduling never deletes is dead-lettered after three receives, still readable.
      const poison = scheduled.find((m) => JSON.parse(openBody(m)).recordType === 'lab-result')!;
      for (const message of scheduled) {
        if (message !== poison) await scheduling.queue.delete(message.receiptHandle);
      }
      let handle = poison.receiptHandle;
      for (let receive = 2; receive <= 3; receive++) {
        await scheduling.queue.changeVisibility(handle, 0);
        const [again] = await scheduling.queue.receive();
        expect(again?.attributes.ApproximateReceiveCount).toBe(receive);
        handle = again!.receiptHandle;
      }
      await scheduling.queue.changeVisibility(handle, 0);
      expect(await scheduling.queue.receive()).toEqual([]);
      const [dead] = await c.receiveAll(scheduling.deadLetter, 1);
      expect(JSON.parse(openBody(dead!))).toEqual({ patientId: 'p-42', recordType: 'lab-result' });
      expect(dead!.attributes.DeadLetterQueueSourceArn).toBe(scheduling.queue.arn);
    },
  );
}
