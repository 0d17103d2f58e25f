import type { Clock, KeyProvider } from '@sealbus/core';
import { EnvelopeEngine } from '@sealbus/envelope';

declare const keyProvider: KeyProvider;
declare const clock: Clock;
declare const queueArn: string;
declare const principal: string;
declare const body: Uint8Array;
declare const messageId: string;

const engine = new EnvelopeEngine(
  { keyProvider, clock },
  { maxMessagesPerDataKey: 1_000_000, openCacheSize: 1000, sealCacheSize: 1000 }, // all optional
);
const context = { 'aws:sqs:arn': queueArn };
const envelope = await engine.seal(body, {
  keyId: 'alias/orders',
  context,
  principal,
  reusePeriodSeconds: 300,
  binding: messageId, // authenticated, not stored: the opener passes it again
});
const plaintext = await engine.open(envelope, {
  context,
  principal,
  reusePeriodSeconds: 300,
  binding: messageId,
});
engine.stats(); // generateDataKeyCalls, decryptCalls, seal/open hits and misses, per key ARN
engine.clear(); // zero and drop every cached data key (on close)
