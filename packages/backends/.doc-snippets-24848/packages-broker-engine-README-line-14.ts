import { createEngineBroker, type MessageStore } from '@sealbus/broker-engine';
import type { Clock, KeyProvider, Logger, MetricsSink } from '@sealbus/core';

declare const store: MessageStore; // MemoryMessageStore, SqliteMessageStore, …
declare const keyProvider: KeyProvider;
declare const clock: Clock;
declare const logger: Logger;
declare const metrics: MetricsSink;

const broker = createEngineBroker(
  { store, keyProvider, clock, logger, metrics }, // deps
  { region: 'eu-west-1', accountId: '123456789012', baseUrl: 'http://127.0.0.1:4566' },
);
await broker.peek('Billing-Integration', { limit: 20 }); // stored form, never decrypted
broker.stats(); // message counters + KMS call stats
await broker.close(); // stops timers and tasks, closes the store
