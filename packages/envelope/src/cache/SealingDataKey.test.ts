import { createDecipheriv, hkdfSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TEST_VECTOR as V } from '../../test/support/testVector.js';
import { canonicalContextBytes } from '../format/encryptionContext.js';
import { emptyDataKeyStats } from '../stats.js';
import { SealingDataKey } from './SealingDataKey.js';

function vectorKey(): SealingDataKey {
  return new SealingDataKey({
    keyArn: V.keyArn,
    dataKey: Buffer.from(V.dataKey),
    encryptedDataKey: V.encryptedDataKey,
    contextAad: canonicalContextBytes(V.context),
    createdAt: 0,
    reusePeriodMs: 300_000,
    stats: emptyDataKeyStats(),
    salt: V.salt,
    ivPrefix: V.ivPrefix,
  });
}

describe('SealingDataKey', () => {
  it('produces the documented (version 2) test vector byte for byte', () => {
    expect(vectorKey().seal(Buffer.from(V.body), Buffer.from(V.binding)).toString('hex')).toBe(
      V.envelope,
    );
  });

  it('matches an independent computation of the documented recipe', () => {
    const okm = Buffer.from(
      hkdfSync('sha256', V.dataKey, V.salt, Buffer.from(V.hkdfInfo, 'hex'), 64),
    );
    expect(okm.subarray(0, 32).toString('hex')).toBe(V.aesKey);
    expect(okm.subarray(32).toString('hex')).toBe(V.commitment);
    const envelope = Buffer.from(V.envelope, 'hex');
    const headerEnd = envelope.byteLength - V.body.length - 16;
    const decipher = createDecipheriv(
      'aes-256-gcm',
      okm.subarray(0, 32),
      envelope.subarray(headerEnd - 12, headerEnd),
    );
    // AAD = header ‖ canonical context ‖ binding.
    decipher.setAAD(
      Buffer.concat([
        envelope.subarray(0, headerEnd),
        Buffer.from(V.canonicalContext, 'hex'),
        Buffer.from(V.binding),
      ]),
    );
    decipher.setAuthTag(envelope.subarray(envelope.byteLength - 16));
    const body = Buffer.concat([
      decipher.update(envelope.subarray(headerEnd, envelope.byteLength - 16)),
      decipher.final(),
    ]);
    expect(body.toString()).toBe(V.body);
  });

  it('counts the IV up from the prefix, big-endian, and zeroes the data key it was given', () => {
    const dataKey = Buffer.from(V.dataKey);
    const key = new SealingDataKey({
      keyArn: V.keyArn,
      dataKey,
      encryptedDataKey: V.encryptedDataKey,
      contextAad: canonicalContextBytes(V.context),
      createdAt: 0,
      reusePeriodMs: 300_000,
      stats: emptyDataKeyStats(),
      ivPrefix: 0xfffffffe,
    });
    expect(dataKey.every((b) => b === 0)).toBe(true);
    const ivs = [0, 1, 2].map(() => {
      const envelope = key.seal(Buffer.from('x'));
      return envelope
        .subarray(envelope.byteLength - 1 - 16 - 12, envelope.byteLength - 1 - 16)
        .toString('hex');
    });
    expect(ivs).toEqual([
      'fffffffe0000000000000000',
      'fffffffe0000000000000001',
      'fffffffe0000000000000002',
    ]);
    expect(key.messagesSealed).toBe(3);
    expect(key.bytesSealed).toBe(3);
  });

  it('stops at the 2^32 - 1 default message limit, and encodes the counter as 64 bits', () => {
    const key = vectorKey();
    const defaults = {
      maxMessagesPerDataKey: 2 ** 32 - 1,
      maxBytesPerDataKey: Number.MAX_SAFE_INTEGER,
    };
    key.messagesSealed = 2 ** 32 - 2;
    expect(key.canSeal(0, 300_000, 1, defaults)).toBe(true);
    const envelope = key.seal(Buffer.from('x'));
    const iv = envelope.subarray(envelope.byteLength - 1 - 16 - 12, envelope.byteLength - 1 - 16);
    expect(iv.toString('hex')).toBe('0102030400000000fffffffe');
    expect(key.canSeal(0, 300_000, 1, defaults)).toBe(false);
    key.messagesSealed = 2 ** 32;
    const beyond = key.seal(Buffer.from('x'));
    expect(beyond.subarray(beyond.byteLength - 29, beyond.byteLength - 17).toString('hex')).toBe(
      '010203040000000100000000',
    );
  });

  it('answers canSeal by expiry, caller reuse period, message and byte limits', () => {
    const key = vectorKey();
    const limits = { maxMessagesPerDataKey: 2, maxBytesPerDataKey: 10 };
    expect(key.canSeal(0, 300_000, 50, limits)).toBe(true);
    key.seal(Buffer.alloc(6));
    expect(key.canSeal(0, 300_000, 4, limits)).toBe(true);
    expect(key.canSeal(0, 300_000, 5, limits)).toBe(false);
    expect(key.canSeal(299_999, 300_000, 1, limits)).toBe(true);
    expect(key.canSeal(300_000, 300_000, 1, limits)).toBe(false);
    expect(key.canSeal(60_000, 60_000, 1, limits)).toBe(false);
    key.seal(Buffer.alloc(1));
    expect(key.canSeal(0, 300_000, 1, limits)).toBe(false);
    key.destroy();
    expect(key.destroyed).toBe(true);
    expect(key.canSeal(0, 300_000, 1, { maxMessagesPerDataKey: 10, maxBytesPerDataKey: 100 })).toBe(
      false,
    );
  });
});
