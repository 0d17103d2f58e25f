import { randomBytes } from 'node:crypto';
import { EnvelopeEngine, type EnvelopeEngineOptions } from '../src/index.js';
import { ManualClock } from '../test/support/ManualClock.js';
import { TestKeyProvider } from '../test/support/TestKeyProvider.js';
import { CONTEXT } from './workloads.js';

export interface KmsCallCount {
  readonly setting: string;
  readonly messages: number;
  readonly generateDataKey: number;
  readonly decryptPerConsumer: readonly number[];
}

/**
 * Seals `messages` 1 KiB bodies on one queue as one producer and opens each envelope as every
 * consumer principal (each consumer its own engine, as its own process would be). The clock
 * stands still, so all messages fall in one reuse period.
 */
export async function countKmsCalls(
  setting: string,
  messages: number,
  consumers: readonly string[],
  engineOptions: EnvelopeEngineOptions,
): Promise<KmsCallCount> {
  const kms = new TestKeyProvider();
  const keyId = kms.createKey('alias/billing');
  const clock = new ManualClock();
  const producer = new EnvelopeEngine({ keyProvider: kms, clock }, engineOptions);
  const readers = consumers.map((principal) => ({
    principal,
    engine: new EnvelopeEngine({ keyProvider: kms, clock }, engineOptions),
  }));
  const body = randomBytes(1024);
  const sealOptions = { keyId, context: CONTEXT, principal: 'producer', reusePeriodSeconds: 300 };
  for (let i = 0; i < messages; i++) {
    const envelope = await producer.seal(body, sealOptions);
    for (const reader of readers) {
      await reader.engine.open(envelope, {
        context: CONTEXT,
        principal: reader.principal,
        reusePeriodSeconds: 300,
      });
    }
  }
  const result = {
    setting,
    messages,
    generateDataKey: producer.stats().generateDataKeyCalls,
    decryptPerConsumer: readers.map((reader) => reader.engine.stats().decryptCalls),
  };
  producer.clear();
  for (const reader of readers) reader.engine.clear();
  return result;
}
