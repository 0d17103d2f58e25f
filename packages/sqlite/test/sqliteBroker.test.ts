import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { ManualClock, openBody } from '@sealbus/conformance';
import { type Broker, type KeyProvider, TOKENS } from '@sealbus/core';
import { Container } from 'inversify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteBroker, openSqliteBackend } from '../src/index.js';
import { sqliteBrokerModule } from '../src/inversify.js';
import { databaseHolds, tempDir } from './support/records.js';

describe('createSqliteBroker', () => {
  let dir: ReturnType<typeof tempDir>;
  let path: string;

  beforeEach(() => {
    dir = tempDir();
    path = dir.path('broker.db');
  });
  afterEach(() => dir.cleanup());

  const onDisk = (marker: string) => databaseHolds(path, marker);

  it('stores SSE bodies only as ciphertext and plain-queue bodies in the clear, in the file, WAL and SHM', async () => {
    const broker = createSqliteBroker({ path });
    const sealed = await broker.createQueue('sealed');
    const plain = await broker.createQueue('plain', { SqsManagedSseEnabled: false });
    expect((await sealed.getAttributes()).SqsManagedSseEnabled).toBe(true);
    const sealedMarker = `SEALED-MARKER-${randomUUID()}`;
    const plainMarker = `PLAIN-MARKER-${randomUUID()}`;
    await sealed.send(sealedMarker);
    await plain.send(plainMarker);
    expect(existsSync(`${path}-wal`)).toBe(true);
    expect(onDisk(sealedMarker)).toBe(false);
    expect(onDisk(plainMarker)).toBe(true);

    const [received] = await sealed.receive();
    expect(openBody(received!)).toBe(sealedMarker);
    await broker.close();
    // Closing checkpoints the log into the main file; the sealed body is still nowhere.
    expect(onDisk(sealedMarker)).toBe(false);
    expect(onDisk(plainMarker)).toBe(true);
  });

  it('keeps queues, attributes, messages, in-flight deadlines and keys across close and reopen', async () => {
    const clock = new ManualClock(1_700_000_000_000);
    const first = openSqliteBackend({ path, clock });
    const key = await first.kms!.createKey({ description: 'orders key' });
    const dlq = await first.broker.createQueue('orders-dlq');
    const orders = await first.broker.createQueue('orders', {
      KmsMasterKeyId: key.keyId,
      VisibilityTimeout: 45,
      RedrivePolicy: { deadLetterTargetArn: dlq.arn, maxReceiveCount: 3 },
    });
    await orders.send('in flight', {
      messageAttributes: { kind: { dataType: 'String', stringValue: 'a' } },
    });
    await orders.send('waiting');
    const [inFlight] = await orders.receive({ visibilityTimeoutSeconds: 600 });
    expect(openBody(inFlight!)).toBe('in flight');
    const attributesBefore = await orders.getAttributes();
    await first.broker.close();

    expect(statSync(`${path}.root-key`).mode & 0o777).toBe(0o600);
    const second = openSqliteBackend({ path, clock });
    try {
      expect(await second.broker.listQueues()).toEqual([orders.url, dlq.url]);
      const again = await second.broker.getQueue('orders');
      expect(await again.getAttributes()).toEqual(attributesBefore);
      expect((await second.kms!.describeKey(key.keyId)).description).toBe('orders key');
      const [waiting] = await again.receive({ maxMessages: 10, visibilityTimeoutSeconds: 3600 });
      expect(openBody(waiting!)).toBe('waiting');
      clock.advance(599_000);
      expect(await again.receive({ maxMessages: 10, visibilityTimeoutSeconds: 1 })).toEqual([]);
      clock.advance(1_000);
      const [redelivered] = await again.receive({ maxMessages: 10 });
      expect(redelivered).toMatchObject({
        messageId: inFlight!.messageId,
        body: 'in flight',
        messageAttributes: { kind: { dataType: 'String', stringValue: 'a' } },
      });
      expect(redelivered!.attributes.ApproximateReceiveCount).toBe(2);
      await again.delete(redelivered!.receiptHandle);
    } finally {
      await second.broker.close();
    }
  });

  it('runs on :memory: with its keys in the same in-memory database and no key file', async () => {
    const backend = openSqliteBackend({ path: ':memory:' });
    const queue = await backend.broker.createQueue('m');
    await queue.send('in memory');
    expect(openBody((await queue.receive())[0]!)).toBe('in memory');
    const tables = backend.store.database
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'kms_%'")
      .all();
    expect(tables.length).toBeGreaterThan(0);
    await backend.broker.close();
    expect(existsSync(':memory:.root-key')).toBe(false);
  });

  it('uses a given key provider instead of the local KMS', async () => {
    const keys = openSqliteBackend({ path: ':memory:' });
    const broker = createSqliteBroker({ path, kms: keys.keyProvider });
    const queue = await broker.createQueue('q');
    await queue.send('sealed by the given provider');
    expect(openBody((await queue.receive())[0]!)).toBe('sealed by the given provider');
    expect(existsSync(`${path}.root-key`)).toBe(false);
    await broker.close();
    await keys.broker.close();
  });

  it('binds Broker and KeyProvider in an inversify module and closes the database on unload', async () => {
    const container = new Container();
    const module = sqliteBrokerModule({ path });
    await container.load(module);
    const broker = container.get<Broker>(TOKENS.Broker);
    const keyProvider = container.get<KeyProvider>(TOKENS.KeyProvider);
    expect(container.get<Broker>(TOKENS.Broker)).toBe(broker);
    const queue = await broker.createQueue('di');
    await queue.send('via the container');
    const { keyArn } = await keyProvider.generateDataKey({
      keyId: 'alias/aws/sqs',
      context: { purpose: 'test' },
    });
    expect(keyArn).toMatch(/^arn:aws:kms:us-east-1:000000000000:key\//);
    await container.unloadAsync(module);
    await expect(queue.send('after unload')).rejects.toMatchObject({ code: 'BrokerClosed' });
  });
});
