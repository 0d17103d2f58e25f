import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend, createBroker } from '@sealbus/backends';
import { Registry } from 'prom-client';
import { afterAll, describe, expect, it } from 'vitest';
import { PromMetricsSink } from '../src/index.js';

describe('createBroker / createBackend', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sealbus-factory-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('opens the configured SQLite broker, reports engine metrics to prom-client, and closes its keys with it', async () => {
    const registry = new Registry();
    const path = join(dir, 'nested', 'sealbus.db');
    const broker = await createBroker(
      { backend: 'sqlite', path },
      { metrics: new PromMetricsSink({ registry }), env: {} },
    );
    const queue = await broker.createQueue('billing', { KmsMasterKeyId: 'alias/aws/sqs' });
    await queue.send('hello');
    const [message] = await queue.receive({ maxMessages: 1 });
    expect(message).toMatchObject({ state: 'open', body: 'hello' });
    expect(await registry.metrics()).toMatch(/sealbus_messages_sent_total\{[^}]*\} 1/);
    await broker.close();
    await expect(broker.listQueues()).rejects.toMatchObject({ code: 'BrokerClosed' });

    const reopened = await createBackend({ path }, { env: { SEALBUS_BACKEND: 'sqlite' } });
    try {
      expect(await reopened.broker.listQueues()).toEqual([expect.stringMatching(/\/billing$/)]);
      // Received but not deleted: still stored, and sealed under the AWS managed key.
      const peeked = await reopened.local!.engine.peek('billing');
      expect(peeked.map((m) => m.sealed)).toEqual([true]);
      expect((await reopened.keys.describeKey('alias/aws/sqs')).keyManager).toBe('AWS');
    } finally {
      await reopened.close();
    }
  });

  it('reads the backend from the environment when the config leaves it out', async () => {
    const backend = await createBackend({}, { env: { SEALBUS_BACKEND: 'memory' } });
    try {
      expect(backend.config.backend).toBe('memory');
      expect(backend.local?.kms).toBeDefined();
    } finally {
      await backend.close();
    }
  });
});
