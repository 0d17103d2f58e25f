import 'reflect-metadata';
import { EngineBroker } from '@sealbus/broker-engine';
import { ManualClock, openBody } from '@sealbus/conformance';
import { type Broker, type KeyProvider, TOKENS } from '@sealbus/core';
import { LocalKms } from '@sealbus/kms-local';
import { Container } from 'inversify';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { createMemoryBroker, MemoryMessageStore } from '../src/index.js';
import { memoryBrokerModule } from '../src/inversify.js';

describe('createMemoryBroker', () => {
  it('is the shared engine over a MemoryMessageStore and nothing else', async () => {
    const broker = createMemoryBroker();
    expect(broker).toBeInstanceOf(EngineBroker);
    // The store is the whole backend: it has exactly the MessageStore SPI methods, no semantics.
    const spiMethods = Object.getOwnPropertyNames(MemoryMessageStore.prototype).filter(
      (name) => name !== 'constructor',
    );
    expect(spiMethods.sort()).toEqual(
      [
        'addSubscription',
        'changeVisibility',
        'close',
        'confirmSubscription',
        'counters',
        'createQueue',
        'createTopic',
        'deleteMessage',
        'deleteQueue',
        'deleteTopic',
        'expire',
        'forgetReceive',
        'getMoveTask',
        'getQueue',
        'getSubscription',
        'getTopic',
        'listMoveTasks',
        'listQueues',
        'listSubscriptions',
        'listTopics',
        'moveMessages',
        'peek',
        'purge',
        'receive',
        'removeSubscription',
        'saveMoveTask',
        'send',
        'updateQueue',
        'updateSubscription',
        'updateTopic',
        'waitForMessages',
      ].sort(),
    );
    await broker.close();
  });

  it('uses the given KMS and clock', async () => {
    const clock = new ManualClock(Date.UTC(2030, 0, 1));
    const kms = new LocalKms({ clock });
    const key = await kms.createKey({ description: 'given' });
    const broker = createMemoryBroker({ kms, clock });
    const queue = await broker.createQueue('given-kms', { KmsMasterKeyId: key.arn });
    await queue.send('sealed with the given KMS');
    const [peeked] = await broker.peek(queue.url);
    expect(peeked).toMatchObject({ sealed: true, keyArn: key.arn, sentTimestamp: clock.now() });
    expect(await kms.auditLog({ keyArn: key.arn, operation: 'GenerateDataKey' })).toHaveLength(1);
    await broker.close();
  });

  it('counts engine events and KMS calls in stats()', async () => {
    const broker = createMemoryBroker();
    const queue = await broker.createQueue('stats');
    await queue.sendBatch([
      { id: 'a', body: 'one' },
      { id: 'b', body: 'two' },
    ]);
    const received = await queue.receive({ maxMessages: 10 });
    await queue.deleteBatch(received.map((message) => message.receiptHandle));
    const stats = broker.stats();
    expect(stats.counters).toMatchObject({ sent: 2, received: 2, deleted: 2 });
    expect(stats.kms.generateDataKeyCalls).toBe(1);
    expect(stats.kms.decryptCalls).toBe(1);
    await broker.close();
  });
});

describe('memoryBrokerModule', () => {
  it('binds the broker and key provider as singletons and closes the broker on unload', async () => {
    const container = new Container();
    const module = memoryBrokerModule();
    container.load(module);
    // The tokens carry their types: no type argument, no cast (checked by pnpm typecheck).
    const broker = container.get(TOKENS.Broker);
    expectTypeOf(broker).toEqualTypeOf<Broker>();
    expectTypeOf(container.get(TOKENS.KeyProvider)).toEqualTypeOf<KeyProvider>();
    expectTypeOf(container.get(TOKENS.Broker, { optional: true })).toEqualTypeOf<
      Broker | undefined
    >();
    expect(container.get(TOKENS.Broker)).toBe(broker);
    expect(container.get(TOKENS.KeyProvider)).toBeInstanceOf(LocalKms);
    const queue = await broker.createQueue('from-container');
    await queue.send('via DI');
    expect(openBody((await queue.receive())[0])).toBe('via DI');
    await container.unloadAsync(module);
    await expect(queue.send('after unload')).rejects.toMatchObject({ code: 'BrokerClosed' });
  });

  it('takes the clock bound in the container', async () => {
    const container = new Container();
    const clock = new ManualClock(Date.UTC(2031, 5, 1));
    container.bind(TOKENS.Clock).toConstantValue(clock);
    container.load(memoryBrokerModule());
    const broker = container.get<Broker>(TOKENS.Broker);
    const queue = await broker.createQueue('clocked');
    await queue.send('timed');
    const [message] = await queue.receive();
    expect(message?.attributes.SentTimestamp).toBe(clock.now());
    await broker.close();
  });
});
