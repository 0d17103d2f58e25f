import { KmsNotFoundError } from '@sealbus/core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  EnvelopeEngine,
  EnvelopeFormatError,
  EnvelopeIntegrityError,
  readEnvelopeHeader,
} from '../src/index.js';
import { TestKeyProvider } from './support/TestKeyProvider.js';

const QUEUE_A = { 'aws:sqs:arn': 'arn:aws:sqs:us-east-1:000000000000:A' };
const QUEUE_B = { 'aws:sqs:arn': 'arn:aws:sqs:us-east-1:000000000000:B' };

interface Sample {
  envelope: Uint8Array;
  context: Record<string, string>;
}

type Mutation = (samples: readonly Sample[]) => {
  envelope: Uint8Array;
  context: Record<string, string>;
};

/** Offsets of the header fields of `bytes`, read from the (valid) original. */
function fields(bytes: Uint8Array) {
  const header = readEnvelopeHeader(bytes);
  const arnLengthAt = 7;
  const dataKeyLengthAt = 9 + Buffer.byteLength(header.keyArn);
  const saltAt = dataKeyLengthAt + 2 + header.encryptedDataKey.byteLength;
  return {
    arnLengthAt,
    dataKeyLengthAt,
    saltAt,
    commitmentAt: saltAt + 32,
    ivAt: saltAt + 64,
    headerEnd: header.headerLength,
  };
}

function replaced(bytes: Uint8Array, at: number, value: Uint8Array): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy.set(value.subarray(0, Math.max(0, copy.byteLength - at)), at);
  return copy;
}

function uint16(value: number): Uint8Array {
  return Uint8Array.of(value >> 8, value & 0xff);
}

describe('tampered envelopes always fail with a typed error', () => {
  const kms = new TestKeyProvider();
  const keyA = kms.createKey('alias/a');
  const keyB = kms.createKey('alias/b');
  const producer = new EnvelopeEngine({ keyProvider: kms }, { maxMessagesPerDataKey: 3 });
  const consumer = new EnvelopeEngine({ keyProvider: kms });
  const samples: Sample[] = [];

  beforeAll(async () => {
    const bodies = ['', 'x', 'hello world', 'ü'.repeat(300), 'z'.repeat(4000)];
    for (const body of bodies) {
      for (const [keyId, context] of [
        [keyA, QUEUE_A],
        [keyB, QUEUE_B],
        [keyA, {}],
      ] as const) {
        samples.push({ envelope: await producer.seal(body, { keyId, context }), context });
      }
    }
    for (const sample of samples) await consumer.open(sample.envelope, { context: sample.context });
  });

  const sample = fc.nat().map((i) => (all: readonly Sample[]) => all[i % all.length] as Sample);
  const bytesOf = (length: number) => fc.uint8Array({ minLength: length, maxLength: length });

  const mutations: fc.Arbitrary<Mutation>[] = [
    // flip one to three bits anywhere
    fc
      .tuple(
        sample,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })), {
          minLength: 1,
          maxLength: 3,
        }),
      )
      .map(([pick, flips]) => (all) => {
        const s = pick(all);
        const copy = Uint8Array.from(s.envelope);
        for (const [at, bit] of flips)
          copy[at % copy.byteLength] = (copy[at % copy.byteLength] as number) ^ (1 << bit);
        return { envelope: copy, context: s.context };
      }),
    // truncate
    fc.tuple(sample, fc.nat()).map(([pick, cut]) => (all) => {
      const s = pick(all);
      return { envelope: s.envelope.slice(0, cut % s.envelope.byteLength), context: s.context };
    }),
    // extend
    fc
      .tuple(sample, fc.uint8Array({ minLength: 1, maxLength: 40 }))
      .map(([pick, extra]) => (all) => {
        const s = pick(all);
        return { envelope: Buffer.concat([s.envelope, extra]), context: s.context };
      }),
    // edit one header field: length fields, ARN, data key, salt, commitment, IV, version, suite
    fc
      .tuple(sample, fc.integer({ min: 0, max: 8 }), fc.nat({ max: 0xffff }), bytesOf(32), sample)
      .map(([pick, field, number, random, other]) => (all) => {
        const s = pick(all);
        const o = other(all);
        const f = fields(s.envelope);
        const edits: (() => Uint8Array)[] = [
          () => replaced(s.envelope, f.arnLengthAt, uint16(number)),
          () => replaced(s.envelope, f.dataKeyLengthAt, uint16(number)),
          () => replaced(s.envelope, f.saltAt, random),
          () => replaced(s.envelope, f.commitmentAt, random),
          () => replaced(s.envelope, f.ivAt, random.subarray(0, 12)),
          () => replaced(s.envelope, 4, Uint8Array.of(number & 0xff)),
          () => replaced(s.envelope, 5, uint16(number)),
          // another envelope's header (key ARN, data key, salt, commitment, IV) on this body
          () =>
            Buffer.concat([
              o.envelope.subarray(0, fields(o.envelope).headerEnd),
              s.envelope.subarray(f.headerEnd),
            ]),
          // another envelope's key ARN + encrypted data key, this envelope's salt onwards
          () =>
            Buffer.concat([
              o.envelope.subarray(0, fields(o.envelope).saltAt),
              s.envelope.subarray(f.saltAt),
            ]),
        ];
        return { envelope: (edits[field] as () => Uint8Array)(), context: s.context };
      }),
    // a valid envelope opened with another context
    fc
      .tuple(
        sample,
        fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
      )
      .map(([pick, context]) => (all) => ({ envelope: pick(all).envelope, context })),
  ];

  /** Opens one mutated envelope and classifies the typed failure; anything else fails the test. */
  async function rejection(
    engine: EnvelopeEngine,
    mutate: Mutation,
  ): Promise<'format' | 'integrity' | 'keyNotFound' | 'unchanged'> {
    const { envelope, context } = mutate(samples);
    const original = samples.find((s) => Buffer.from(s.envelope).equals(Buffer.from(envelope)));
    if (
      original !== undefined &&
      JSON.stringify(Object.entries(original.context).sort()) ===
        JSON.stringify(Object.entries(context).sort())
    ) {
      return 'unchanged';
    }
    const error = await engine.open(envelope, { context }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    if (error instanceof EnvelopeFormatError) return 'format';
    if (error instanceof EnvelopeIntegrityError) return 'integrity';
    if (error instanceof KmsNotFoundError && kms.unknownBlobKey === 'NotFound') {
      // Only acceptable when the key the envelope itself names does not exist either: then
      // nothing can be authenticated, and "not found" is the true answer (as for a deleted key).
      const named = readEnvelopeHeader(envelope).keyArn;
      const exists = await kms.describeKey(named).then(
        () => true,
        () => false,
      );
      if (!exists) return 'keyNotFound';
    }
    throw new Error(`mutation was not rejected with a typed envelope error: ${String(error)}`);
  }

  it('≥ 10,000 random mutations: EnvelopeFormatError or EnvelopeIntegrityError, never plaintext', async () => {
    const seen = { format: 0, integrity: 0, keyNotFound: 0, unchanged: 0 };
    await fc.assert(
      fc.asyncProperty(fc.oneof(...mutations), async (mutate) => {
        seen[await rejection(consumer, mutate)]++;
      }),
      { numRuns: 10_500 },
    );
    expect(seen.format + seen.integrity).toBeGreaterThanOrEqual(10_000);
    expect(seen.format).toBeGreaterThan(1000);
    expect(seen.integrity).toBeGreaterThan(1000);
    expect(seen.keyNotFound).toBe(0);
  });

  it('with a KMS that answers NotFound for unknown keys in blobs, only envelopes naming an unknown key get it', async () => {
    kms.unknownBlobKey = 'NotFound';
    try {
      const seen = { format: 0, integrity: 0, keyNotFound: 0, unchanged: 0 };
      await fc.assert(
        fc.asyncProperty(fc.oneof(...mutations), async (mutate) => {
          seen[await rejection(new EnvelopeEngine({ keyProvider: kms }), mutate)]++;
        }),
        { numRuns: 2000 },
      );
      expect(seen.keyNotFound).toBeLessThan(seen.integrity / 10);
    } finally {
      kms.unknownBlobKey = 'InvalidCiphertext';
    }
  });

  it('a data key blob naming a key that does not exist fails integrity when the envelope key exists', async () => {
    const s = samples[0] as Sample;
    const blob = Buffer.from(readEnvelopeHeader(s.envelope).encryptedDataKey);
    const at = blob.indexOf(Buffer.from(keyA)) + Buffer.byteLength(keyA) - 1;
    blob[at] = (blob[at] as number) === 0x30 ? 0x31 : 0x30;
    const forged = replaced(s.envelope, fields(s.envelope).dataKeyLengthAt + 2, blob);
    kms.unknownBlobKey = 'NotFound';
    try {
      const error = await new EnvelopeEngine({ keyProvider: kms })
        .open(forged, { context: s.context })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(EnvelopeIntegrityError);
      expect((error as Error).cause).toBeInstanceOf(KmsNotFoundError);
    } finally {
      kms.unknownBlobKey = 'InvalidCiphertext';
    }
  });

  it("an envelope carrying another key's data key (same context) fails the key commitment", async () => {
    const underA = await producer.seal('secret', { keyId: keyA, context: QUEUE_A });
    const underB = await producer.seal('other', { keyId: keyB, context: QUEUE_A });
    const a = fields(underA);
    const swapped = Buffer.concat([
      underB.subarray(0, fields(underB).saltAt),
      underA.subarray(a.saltAt),
    ]);
    const error = await new EnvelopeEngine({ keyProvider: kms })
      .open(swapped, { context: QUEUE_A })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EnvelopeIntegrityError);
    expect((error as EnvelopeIntegrityError).field).toBe('commitment');
  });

  it('an envelope whose key ARN names another key fails integrity, not a KMS error', async () => {
    const s = samples[0] as Sample;
    const arnB = Buffer.from(keyB);
    const f = fields(s.envelope);
    expect(Buffer.byteLength(keyA)).toBe(arnB.byteLength);
    const forged = replaced(s.envelope, f.arnLengthAt + 2, arnB);
    await expect(
      new EnvelopeEngine({ keyProvider: kms }).open(forged, { context: s.context }),
    ).rejects.toBeInstanceOf(EnvelopeIntegrityError);
  });
});
