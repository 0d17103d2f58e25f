import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { type Broker, type KeyProvider, TOKENS } from '@sealbus/core';
import { Container } from 'inversify';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresBrokerModule } from '../src/inversify.js';
import { freshDatabase } from './support/database.js';

const database = await freshDatabase();
afterAll(() => database.drop());

describe('postgresBrokerModule', () => {
  it('binds Broker and KeyProvider (async singletons) and closes the pool and the KMS on unload', async () => {
    const container = new Container();
    const module = postgresBrokerModule({
      connectionString: database.url,
      rootKey: randomBytes(32),
    });
    await container.load(module);
    const broker = await container.getAsync<Broker>(TOKENS.Broker);
    const keyProvider = await container.getAsync<KeyProvider>(TOKENS.KeyProvider);
    expect(await container.getAsync<Broker>(TOKENS.Broker)).toBe(broker);
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
