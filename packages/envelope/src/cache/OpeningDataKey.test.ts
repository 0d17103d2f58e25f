import { describe, expect, it } from 'vitest';
import { TEST_VECTOR as V } from '../../test/support/testVector.js';
import { EnvelopeIntegrityError } from '../errors/EnvelopeIntegrityError.js';
import { canonicalContextBytes } from '../format/encryptionContext.js';
import { parseEnvelope } from '../format/envelopeLayout.js';
import { emptyDataKeyStats } from '../stats.js';
import { OpeningDataKey } from './OpeningDataKey.js';
import { SealingDataKey } from './SealingDataKey.js';

const contextAad = canonicalContextBytes(V.context);

function sealWithSalt(salt: Buffer, body: string): Buffer {
  return new SealingDataKey({
    keyArn: V.keyArn,
    dataKey: Buffer.from(V.dataKey),
    encryptedDataKey: V.encryptedDataKey,
    contextAad,
    createdAt: 0,
    reusePeriodMs: 300_000,
    stats: emptyDataKeyStats(),
    salt,
  }).seal(Buffer.from(body));
}

function openingKey(envelope: Buffer, dataKey = Buffer.from(V.dataKey)): OpeningDataKey {
  return new OpeningDataKey({
    keyArn: V.keyArn,
    dataKey,
    envelope,
    layout: parseEnvelope(envelope),
    contextAad,
    createdAt: 0,
    reusePeriodMs: 300_000,
    stats: emptyDataKeyStats(),
  });
}

describe('OpeningDataKey', () => {
  it('opens envelopes of its salt through the fast path and of another salt by deriving once', () => {
    const first = sealWithSalt(V.salt, 'one');
    const otherSalt = sealWithSalt(Buffer.alloc(32, 7), 'two');
    const key = openingKey(first);
    expect(key.openIfSameSalt(otherSalt)).toBeUndefined();
    expect(key.openIfSameSalt(first.subarray(0, 100))).toBeUndefined();
    expect(key.open(first, parseEnvelope(first)).toString()).toBe('one');
    expect(key.open(otherSalt, parseEnvelope(otherSalt)).toString()).toBe('two');
    expect(key.open(first, parseEnvelope(first)).toString()).toBe('one');
  });

  it('checks the commitment before decrypting, on both paths', () => {
    const first = sealWithSalt(V.salt, 'one');
    const key = openingKey(first);
    const layout = parseEnvelope(first);
    const badCommitment = Buffer.from(first);
    badCommitment[layout.commitmentStart] = (badCommitment[layout.commitmentStart] as number) ^ 1;
    expect(() => key.open(badCommitment, layout)).toThrow(EnvelopeIntegrityError);
    const badSalt = Buffer.from(first);
    badSalt[layout.saltStart] = (badSalt[layout.saltStart] as number) ^ 1;
    expect(() => key.open(badSalt, layout)).toThrow(/key commitment does not match/);
    const badTag = Buffer.from(first);
    badTag[badTag.byteLength - 1] = (badTag[badTag.byteLength - 1] as number) ^ 1;
    expect(() => key.open(badTag, layout)).toThrow(/AES-GCM tag mismatch/);
  });

  it('zeroes its data key on destroy and then refuses to be used', () => {
    const first = sealWithSalt(V.salt, 'one');
    const dataKey = Buffer.from(V.dataKey);
    const key = openingKey(first, dataKey);
    expect(key.canOpen(0, 300_000)).toBe(true);
    key.destroy();
    expect(dataKey.every((b) => b === 0)).toBe(true);
    expect(key.canOpen(0, 300_000)).toBe(false);
    expect(() => key.open(first, parseEnvelope(first))).toThrow(EnvelopeIntegrityError);
  });
});
