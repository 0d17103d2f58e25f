import {
  KeyState,
  KmsAccessDeniedError,
  KmsDisabledError,
  KmsInternalError,
  KmsNotFoundError,
  KmsThrottlingError,
} from '@sealbus/core';
import { describe, expect, it } from 'vitest';
import { EnvelopeEngine, type EnvelopeEngineOptions, readEnvelopeHeader } from '../src/index.js';
import { ManualClock } from './support/ManualClock.js';
import { TestKeyProvider } from './support/TestKeyProvider.js';

const CONTEXT = { 'aws:sqs:arn': 'arn:aws:sqs:us-east-1:000000000000:Billing-Integration' };

function setup(options: EnvelopeEngineOptions = {}) {
  const kms = new TestKeyProvider();
  const keyArn = kms.createKey('alias/billing');
  const clock = new ManualClock();
  const producer = new EnvelopeEngine({ keyProvider: kms, clock }, options);
  const consumer = new EnvelopeEngine({ keyProvider: kms, clock }, options);
  return { kms, keyArn, clock, producer, consumer };
}

const dataKeyOf = (envelope: Uint8Array) =>
  Buffer.from(readEnvelopeHeader(envelope).encryptedDataKey).toString('base64');
const isZero = (bytes: Uint8Array) => bytes.every((b) => b === 0);

describe('data key reuse', () => {
  it('reuses one data key per (key, context, principal) within the reuse period', async () => {
    const { kms, producer, consumer } = setup();
    const envelopes = [];
    for (let i = 0; i < 50; i++) {
      envelopes.push(await producer.seal(`m${i}`, { keyId: 'alias/billing', context: CONTEXT }));
    }
    for (const envelope of envelopes) await consumer.open(envelope, { context: CONTEXT });
    expect(new Set(envelopes.map(dataKeyOf)).size).toBe(1);
    expect(kms.calls).toEqual({ generateDataKey: 1, decrypt: 1 });
  });

  it('keeps separate data keys per context, principal and key id', async () => {
    const { kms, keyArn, producer } = setup();
    const seal = (o: { context?: object; principal?: string; keyId?: string }) =>
      producer.seal('x', {
        keyId: o.keyId ?? keyArn,
        context: (o.context ?? CONTEXT) as Record<string, string>,
        ...(o.principal === undefined ? {} : { principal: o.principal }),
      });
    const keys = new Set([
      dataKeyOf(await seal({})),
      dataKeyOf(await seal({ context: { 'aws:sqs:arn': 'other' } })),
      dataKeyOf(await seal({ principal: 'p1' })),
      dataKeyOf(await seal({ principal: 'p2' })),
      dataKeyOf(await seal({ keyId: 'alias/billing' })),
      dataKeyOf(await seal({})),
    ]);
    expect(keys.size).toBe(5);
    expect(kms.calls.generateDataKey).toBe(5);
  });

  it('generates a new data key once the reuse period has passed', async () => {
    const { kms, keyArn, clock, producer, consumer } = setup();
    const seal = () =>
      producer.seal('x', { keyId: keyArn, context: CONTEXT, reusePeriodSeconds: 60 });
    const first = await seal();
    clock.advanceSeconds(59);
    const second = await seal();
    clock.advanceSeconds(1);
    const third = await seal();
    expect(dataKeyOf(second)).toBe(dataKeyOf(first));
    expect(dataKeyOf(third)).not.toBe(dataKeyOf(first));
    expect(kms.calls.generateDataKey).toBe(2);
    await consumer.open(first, { context: CONTEXT, reusePeriodSeconds: 60 });
    clock.advanceSeconds(60);
    await consumer.open(first, { context: CONTEXT, reusePeriodSeconds: 60 });
    expect(kms.calls.decrypt).toBe(2);
  });

  it('uses the default reuse period of 300 seconds', async () => {
    const { kms, keyArn, clock, producer } = setup();
    await producer.seal('x', { keyId: keyArn, context: CONTEXT });
    clock.advanceSeconds(299);
    await producer.seal('x', { keyId: keyArn, context: CONTEXT });
    expect(kms.calls.generateDataKey).toBe(1);
    clock.advanceSeconds(1);
    await producer.seal('x', { keyId: keyArn, context: CONTEXT });
    expect(kms.calls.generateDataKey).toBe(2);
  });

  it('rotates after maxMessagesPerDataKey messages', async () => {
    const { kms, keyArn, producer, consumer } = setup({ maxMessagesPerDataKey: 5 });
    const envelopes = [];
    for (let i = 0; i < 12; i++)
      envelopes.push(await producer.seal(`${i}`, { keyId: keyArn, context: CONTEXT }));
    const keys = envelopes.map(dataKeyOf);
    expect(new Set(keys.slice(0, 5)).size).toBe(1);
    expect(new Set(keys.slice(5, 10)).size).toBe(1);
    expect(new Set(keys).size).toBe(3);
    expect(kms.calls.generateDataKey).toBe(3);
    for (const [i, envelope] of envelopes.entries()) {
      expect(Buffer.from(await consumer.open(envelope, { context: CONTEXT })).toString()).toBe(
        `${i}`,
      );
    }
  });

  it('rotates before maxBytesPerDataKey bytes; a larger body seals alone under a fresh key', async () => {
    const { keyArn, producer } = setup({ maxBytesPerDataKey: 100 });
    const seal = (size: number) =>
      producer.seal('a'.repeat(size), { keyId: keyArn, context: CONTEXT });
    const keys = [
      await seal(40),
      await seal(40),
      await seal(40),
      await seal(500),
      await seal(1),
    ].map(dataKeyOf);
    expect(keys[0]).toBe(keys[1]);
    expect(keys[2]).not.toBe(keys[1]);
    expect(keys[3]).not.toBe(keys[2]);
    expect(keys[4]).not.toBe(keys[3]);
    expect(new Set(keys).size).toBe(4);
  });

  it('never repeats an IV under one data key (20,000 seals) and starts each key at a random prefix', async () => {
    const { keyArn, producer } = setup({ maxMessagesPerDataKey: 5000 });
    const seen = new Set<string>();
    const prefixes = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const header = readEnvelopeHeader(
        await producer.seal('x', { keyId: keyArn, context: CONTEXT }),
      );
      const iv = Buffer.from(header.iv);
      seen.add(`${Buffer.from(header.encryptedDataKey).toString('base64')}/${iv.toString('hex')}`);
      prefixes.add(iv.subarray(0, 4).toString('hex'));
      if (i % 5000 === 0) expect(iv.readBigUInt64BE(4)).toBe(0n);
    }
    expect(seen.size).toBe(20_000);
    expect(prefixes.size).toBe(4);
  });
});

describe('single-flight', () => {
  it('100 concurrent seals make one GenerateDataKey call', async () => {
    const { kms, keyArn, producer } = setup();
    kms.pause();
    const pending = Array.from({ length: 100 }, (_, i) =>
      producer.seal(`${i}`, { keyId: keyArn, context: CONTEXT }),
    );
    await Promise.resolve();
    kms.resume();
    const envelopes = await Promise.all(pending);
    expect(kms.calls.generateDataKey).toBe(1);
    expect(
      new Set(envelopes.map((e) => Buffer.from(readEnvelopeHeader(e).iv).toString('hex'))).size,
    ).toBe(100);
    expect(producer.stats()).toMatchObject({
      generateDataKeyCalls: 1,
      sealMisses: 100,
      sealHits: 0,
    });
  });

  it('100 concurrent opens make one Decrypt call', async () => {
    const { kms, keyArn, producer, consumer } = setup();
    const envelopes = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        producer.seal(`${i}`, { keyId: keyArn, context: CONTEXT }),
      ),
    );
    kms.pause();
    const pending = envelopes.map((e) =>
      consumer.open(e, { context: CONTEXT, principal: 'worker' }),
    );
    kms.resume();
    const bodies = (await Promise.all(pending)).map((b) => Buffer.from(b).toString());
    expect(bodies).toEqual(Array.from({ length: 100 }, (_, i) => `${i}`));
    expect(kms.calls.decrypt).toBe(1);
  });

  it('concurrent seals past the message limit share each new key fetch', async () => {
    const { kms, keyArn, producer } = setup({ maxMessagesPerDataKey: 10 });
    kms.pause();
    const pending = Array.from({ length: 100 }, () =>
      producer.seal('x', { keyId: keyArn, context: CONTEXT }),
    );
    kms.resume();
    const keys = (await Promise.all(pending)).map(dataKeyOf);
    expect(new Set(keys).size).toBe(10);
    expect(kms.calls.generateDataKey).toBe(10);
  });

  it('a failed fetch rejects every waiter and the next call tries again', async () => {
    const { kms, keyArn, producer } = setup();
    kms.failure = new KmsThrottlingError('rate exceeded');
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => producer.seal('x', { keyId: keyArn, context: CONTEXT })),
    );
    expect(results.every((r) => r.status === 'rejected' && r.reason === kms.failure)).toBe(true);
    expect(kms.calls.generateDataKey).toBe(1);
    kms.failure = undefined;
    await producer.seal('x', { keyId: keyArn, context: CONTEXT });
    expect(kms.calls.generateDataKey).toBe(2);
  });
});

describe('KMS outages and errors', () => {
  it('keeps sealing and opening during an outage while cached keys are valid, then surfaces the KMS error', async () => {
    const { kms, keyArn, clock, producer, consumer } = setup();
    const before = await producer.seal('before', { keyId: keyArn, context: CONTEXT });
    await consumer.open(before, { context: CONTEXT });
    const outage = new KmsInternalError('KMS unreachable');
    kms.failure = outage;
    clock.advanceSeconds(200);
    const during = await producer.seal('during', { keyId: keyArn, context: CONTEXT });
    expect(Buffer.from(await consumer.open(during, { context: CONTEXT })).toString()).toBe(
      'during',
    );
    clock.advanceSeconds(100);
    await expect(producer.seal('after', { keyId: keyArn, context: CONTEXT })).rejects.toBe(outage);
    await expect(consumer.open(during, { context: CONTEXT })).rejects.toBe(outage);
    kms.failure = undefined;
    expect(Buffer.from(await consumer.open(during, { context: CONTEXT })).toString()).toBe(
      'during',
    );
  });

  it('passes KMS access and key-state errors through unchanged', async () => {
    const { kms, keyArn, producer, consumer } = setup();
    const envelope = await producer.seal('x', { keyId: keyArn, context: CONTEXT });
    kms.deniedPrincipals.add('intruder');
    await expect(
      consumer.open(envelope, { context: CONTEXT, principal: 'intruder' }),
    ).rejects.toBeInstanceOf(KmsAccessDeniedError);
    kms.setKeyState(keyArn, KeyState.Disabled);
    await expect(consumer.open(envelope, { context: CONTEXT })).rejects.toBeInstanceOf(
      KmsDisabledError,
    );
    await expect(
      producer.seal('x', { keyId: keyArn, context: CONTEXT, principal: 'new-producer' }),
    ).rejects.toBeInstanceOf(KmsDisabledError);
    await expect(
      producer.seal('x', { keyId: 'alias/missing', context: CONTEXT }),
    ).rejects.toMatchObject({
      code: 'KMS.NotFoundException',
    });
  });

  it('reports a deleted key as KMS NotFound, not as a damaged envelope', async () => {
    const { kms, keyArn, producer, consumer } = setup();
    kms.unknownBlobKey = 'NotFound';
    const envelope = await producer.seal('x', { keyId: keyArn, context: CONTEXT });
    kms.deleteKey(keyArn);
    await expect(consumer.open(envelope, { context: CONTEXT })).rejects.toBeInstanceOf(
      KmsNotFoundError,
    );
  });

  it('wraps an untyped KeyProvider failure in KmsInternalError with the cause', async () => {
    const { kms, keyArn } = setup();
    const cause = new Error('socket hang up');
    const broken = new EnvelopeEngine({
      keyProvider: {
        generateDataKey: () => Promise.reject(cause),
        decrypt: (r) => kms.decrypt(r),
        describeKey: (id) => kms.describeKey(id),
      },
    });
    await expect(broken.seal('x', { keyId: keyArn, context: CONTEXT })).rejects.toMatchObject({
      code: 'KMS.KMSInternalException',
      cause,
    });
  });

  it('refuses a data key that is not 256 bits and zeroes it', async () => {
    const { kms, keyArn } = setup();
    const short = new Uint8Array(16).fill(7);
    const engine = new EnvelopeEngine({
      keyProvider: {
        generateDataKey: async (r) => ({ ...(await kms.generateDataKey(r)), plaintext: short }),
        decrypt: (r) => kms.decrypt(r),
        describeKey: (id) => kms.describeKey(id),
      },
    });
    await expect(engine.seal('x', { keyId: keyArn, context: CONTEXT })).rejects.toBeInstanceOf(
      KmsInternalError,
    );
    expect(isZero(short)).toBe(true);
  });
});

describe('key material hygiene', () => {
  it('zeroes the plaintext data key from GenerateDataKey once the AES key is derived', async () => {
    const { kms, keyArn, producer } = setup();
    await producer.seal('x', { keyId: keyArn, context: CONTEXT });
    expect(kms.issuedDataKeys).toHaveLength(1);
    expect(isZero(kms.issuedDataKeys[0] as Uint8Array)).toBe(true);
  });

  it('zeroes opening data keys when they expire, are evicted, or the engine is cleared', async () => {
    const { kms, keyArn, clock, producer } = setup();
    const consumer = new EnvelopeEngine({ keyProvider: kms, clock }, { openCacheSize: 2 });
    const envelope = await producer.seal('x', { keyId: keyArn, context: CONTEXT });
    await consumer.open(envelope, { context: CONTEXT, principal: 'a' });
    const first = kms.decryptedDataKeys[0] as Uint8Array;
    expect(isZero(first)).toBe(false);
    clock.advanceSeconds(300);
    await consumer.open(envelope, { context: CONTEXT, principal: 'a' });
    expect(isZero(first)).toBe(true);
    // LRU: principal b, then c evicts the least recently used (a)
    await consumer.open(envelope, { context: CONTEXT, principal: 'b' });
    await consumer.open(envelope, { context: CONTEXT, principal: 'a' });
    await consumer.open(envelope, { context: CONTEXT, principal: 'c' });
    const [, second, third, fourth] = kms.decryptedDataKeys as Uint8Array[];
    expect([
      isZero(second as Uint8Array),
      isZero(third as Uint8Array),
      isZero(fourth as Uint8Array),
    ]).toEqual([false, true, false]);
    expect(consumer.stats().cachedOpeningKeys).toBe(2);
    consumer.clear();
    expect(kms.decryptedDataKeys.every(isZero)).toBe(true);
    expect(consumer.stats()).toMatchObject({ cachedOpeningKeys: 0, cachedSealingKeys: 0 });
  });

  it('sweeps expired keys of idle queues on later calls', async () => {
    const { kms, keyArn, clock, producer } = setup();
    const envelope = await producer.seal('x', { keyId: keyArn, context: { q: 'idle' } });
    await producer.open(envelope, { context: { q: 'idle' } });
    clock.advanceSeconds(301);
    await producer.seal('x', { keyId: keyArn, context: { q: 'busy' } });
    expect(isZero(kms.decryptedDataKeys[0] as Uint8Array)).toBe(true);
    expect(producer.stats()).toMatchObject({ cachedSealingKeys: 1, cachedOpeningKeys: 0 });
  });

  it('a key fetched while clear() runs is zeroed, and its waiters fetch a fresh one', async () => {
    const { kms, keyArn, producer } = setup();
    kms.pause();
    const pending = producer.seal('x', { keyId: keyArn, context: CONTEXT });
    producer.clear();
    kms.resume();
    await pending;
    expect(kms.calls.generateDataKey).toBe(2);
    expect(producer.stats().cachedSealingKeys).toBe(1);
  });
});

describe('stats', () => {
  it('counts KMS calls and cache hits/misses per key ARN', async () => {
    const { kms, keyArn, producer } = setup();
    const otherArn = kms.createKey();
    for (let i = 0; i < 3; i++)
      await producer.seal('x', { keyId: 'alias/billing', context: CONTEXT });
    const envelope = await producer.seal('y', { keyId: otherArn, context: CONTEXT });
    await producer.open(envelope, { context: CONTEXT });
    await producer.open(envelope, { context: CONTEXT });
    await expect(producer.seal('x', { keyId: 'alias/nope', context: CONTEXT })).rejects.toThrow();
    const stats = producer.stats();
    expect(stats).toMatchObject({
      generateDataKeyCalls: 3,
      decryptCalls: 1,
      sealHits: 2,
      sealMisses: 2,
      openHits: 1,
      openMisses: 1,
      cachedSealingKeys: 2,
      cachedOpeningKeys: 1,
    });
    expect(stats.byKeyArn[keyArn]).toEqual({
      generateDataKeyCalls: 1,
      decryptCalls: 0,
      sealHits: 2,
      sealMisses: 1,
      openHits: 0,
      openMisses: 0,
    });
    expect(stats.byKeyArn[otherArn]).toMatchObject({
      generateDataKeyCalls: 1,
      decryptCalls: 1,
      openHits: 1,
    });
    expect(stats.byKeyArn['alias/nope']).toMatchObject({ generateDataKeyCalls: 1 });
  });
});

describe('sealIfCached / openIfCached (the synchronous hot path)', () => {
  it('answer undefined until a data key is cached, then seal and open without KMS, like seal/open', async () => {
    const { kms, producer, consumer, clock } = setup();
    const sealing = { keyId: 'alias/billing', context: CONTEXT, binding: 'id-1' };
    expect(producer.sealIfCached('first', sealing)).toBeUndefined();
    expect(kms.calls.generateDataKey).toBe(0);
    const first = await producer.seal('first', sealing);
    const second = producer.sealIfCached('second', { ...sealing, binding: 'id-2' });
    expect(second).toBeInstanceOf(Uint8Array);
    expect(kms.calls.generateDataKey).toBe(1);
    expect(consumer.openIfCached(second!, { context: CONTEXT, binding: 'id-2' })).toBeUndefined();
    expect(
      Buffer.from(await consumer.open(first, { context: CONTEXT, binding: 'id-1' })).toString(),
    ).toBe('first');
    const opened = consumer.openIfCached(second!, { context: CONTEXT, binding: 'id-2' });
    expect(Buffer.from(opened!).toString()).toBe('second');
    expect(kms.calls.decrypt).toBe(1);
    // Past the reuse period both need KMS again.
    clock.advanceSeconds(301);
    expect(producer.sealIfCached('third', sealing)).toBeUndefined();
    expect(consumer.openIfCached(second!, { context: CONTEXT, binding: 'id-2' })).toBeUndefined();
  });

  it('throw what seal/open reject with: bad options, and a tampered or rebound envelope', async () => {
    const { producer, consumer } = setup();
    await expect(producer.seal('x', { keyId: '', context: CONTEXT })).rejects.toThrow(/keyId/);
    expect(() => producer.sealIfCached('x', { keyId: '', context: CONTEXT })).toThrow(/keyId/);
    const envelope = await producer.seal('x', {
      keyId: 'alias/billing',
      context: CONTEXT,
      binding: 'a',
    });
    await consumer.open(envelope, { context: CONTEXT, binding: 'a' });
    expect(() => consumer.openIfCached(envelope, { context: CONTEXT, binding: 'b' })).toThrow(
      /failed authentication/,
    );
    const flipped = Uint8Array.from(envelope);
    flipped[flipped.length - 1]! ^= 1;
    expect(() => consumer.openIfCached(flipped, { context: CONTEXT, binding: 'a' })).toThrow(
      /failed authentication/,
    );
  });
});
