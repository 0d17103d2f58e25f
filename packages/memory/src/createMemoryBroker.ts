import {
  createEngineBroker,
  type EngineBroker,
  type EngineBrokerOptions,
} from '@sealbus/broker-engine';
import type { Clock, KeyProvider, Logger, MetricsSink } from '@sealbus/core';
import { LocalKms } from '@sealbus/kms-local';
import { MemoryMessageStore } from './store/MemoryMessageStore.js';

export interface MemoryBrokerOptions extends EngineBrokerOptions {
  /** @defaultValue a new in-memory `LocalKms` for the same region and account */
  kms?: KeyProvider;
  /** @defaultValue systemClock */
  clock?: Clock;
  logger?: Logger;
  metrics?: MetricsSink;
}

/** The in-memory backend: the shared engine over a `MemoryMessageStore`, nothing else. */
export function createMemoryBroker(options: MemoryBrokerOptions = {}): EngineBroker {
  const { kms, clock, logger, metrics, ...engineOptions } = options;
  const keyProvider = kms ?? defaultKms(options);
  return createEngineBroker(
    { store: new MemoryMessageStore(), keyProvider, clock, logger, metrics },
    engineOptions,
  );
}

/** The in-memory local KMS a memory broker uses when none is given. */
export function defaultKms(options: Pick<MemoryBrokerOptions, 'region' | 'accountId' | 'clock'>) {
  return new LocalKms({
    ...(options.region === undefined ? {} : { region: options.region }),
    ...(options.accountId === undefined ? {} : { accountId: options.accountId }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  });
}
