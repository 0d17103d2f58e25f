import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresBackend } from '../src/index.js';
import { spawnFixture } from './support/children.js';
import { freshDatabase } from './support/database.js';

const database = await freshDatabase();
afterAll(() => database.drop());

describe('two machines on one database', () => {
  it('one publishes to an encrypted topic, the other consumes its fanout in a long poll, with the same keys', async () => {
    const rootKey = randomBytes(32);
    const { broker, kms } = await openPostgresBackend({
      connectionString: database.url,
      rootKey: new Uint8Array(rootKey),
    });
    try {
      const key = await kms!.createKey({ description: 'clinic records key' });
      const topic = await broker.createTopic('lab-results', { KmsMasterKeyId: key.keyId });
      const queue = await broker.createQueue('ward-7', { KmsMasterKeyId: key.keyId });
      await topic.subscribe(queue, { rawMessageDelivery: true });
      const consumer = spawnFixture('consumerMachine', [
        database.url,
        rootKey.toString('base64'),
        'ward-7',
        key.keyId,
      ]);
      await consumer.waitFor('waiting');
      // The consumer is inside its long poll now.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const body = `potassium 5.9 mmol/L ${randomBytes(4).toString('hex')}`;
      await topic.publish(body);
      const stored = await broker.peek('ward-7', { limit: 10 });
      expect(stored).toHaveLength(1);
      expect(Buffer.from(stored[0]!.storedBody).includes(Buffer.from(body))).toBe(false);
      await consumer.waitFor('done');
      expect(consumer.lines).toContain('KEY clinic records key');
      expect(consumer.lines).toContain(`BODY ${body}`);
      expect(consumer.lines).not.toContain('EMPTY');
      expect((await consumer.exited).code).toBe(0);
    } finally {
      await broker.close();
      await kms!.close();
    }
  }, 60_000);
});
