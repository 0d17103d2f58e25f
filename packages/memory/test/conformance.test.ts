import { createEngineBroker } from '@sealbus/broker-engine';
import {
  ALL_FEATURES,
  type ConformanceHarness,
  localKmsKeyAdmin,
  type ManualClock,
  runConformance,
} from '@sealbus/conformance';
import type { Clock } from '@sealbus/core';
import { LocalKms } from '@sealbus/kms-local';
import { MemoryMessageStore } from '../src/index.js';

/**
 * One "process" on shared storage: the engine over a store and a KMS that other harnesses of
 * the same case reuse, so `openAnother` and `reopen` see the same messages and keys.
 */
function openHarness(store: MemoryMessageStore, kms: LocalKms, clock: Clock & ManualClock) {
  const broker = createEngineBroker({ store, keyProvider: kms, clock });
  const harness: ConformanceHarness = {
    broker,
    clock,
    keys: localKmsKeyAdmin(kms),
    store: {
      rawBodies: async (queueName) =>
        (await broker.peek(queueName, { limit: 1000 })).map((message) => message.storedBody),
    },
    openAnother: async () => openHarness(store, kms, clock),
    reopen: async () => {
      await broker.close();
      return openHarness(store, kms, clock);
    },
    close: () => broker.close(),
  };
  return harness;
}

runConformance(
  'memory',
  async ({ clock }) => openHarness(new MemoryMessageStore(), new LocalKms({ clock }), clock),
  ALL_FEATURES,
);
