import 'reflect-metadata';
import { type Broker, type KeyProvider, TOKENS } from '@sealbus/core';
import { Container } from 'inversify';
import { describe, expect, it } from 'vitest';
import { AwsBroker } from './AwsBroker.js';
import { awsBrokerModule } from './awsBrokerModule.js';
import { AwsKmsKeyProvider } from './kms/AwsKmsKeyProvider.js';

const OPTIONS = {
  region: 'eu-west-1',
  endpoint: 'http://127.0.0.1:4566',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
};

describe('awsBrokerModule', () => {
  it('binds the broker and the key provider as singletons on the core tokens', async () => {
    const container = new Container();
    await container.load(awsBrokerModule(OPTIONS));
    const broker = container.get<Broker>(TOKENS.Broker);
    expect(broker).toBeInstanceOf(AwsBroker);
    expect(container.get<Broker>(TOKENS.Broker)).toBe(broker);
    const keys = container.get<KeyProvider>(TOKENS.KeyProvider);
    expect(keys).toBeInstanceOf(AwsKmsKeyProvider);
    expect(await (keys as AwsKmsKeyProvider).client.config.region()).toBe('eu-west-1');
    await container.unbindAsync(TOKENS.Broker);
    await expect(broker.listQueues()).rejects.toMatchObject({ code: 'BrokerClosed' });
  });

  it('rejects bad options when the module is built, not at first use', () => {
    expect(() => awsBrokerModule({ region: '' })).toThrow(
      expect.objectContaining({ field: 'region' }),
    );
  });
});
