import { randomBytes, randomUUID } from 'node:crypto';
import { KmsInvalidCiphertextError } from '@sealbus/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BLOB_HEADER_LENGTH,
  BLOB_TAG_LENGTH,
  openCiphertextBlob,
  parseCiphertextBlob,
  sealCiphertextBlob,
} from './ciphertextBlob.js';

const material = randomBytes(32);
const keyId = randomUUID();
const contextArb = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 12 }),
  fc.string({ maxLength: 12 }),
  {
    maxKeys: 4,
  },
);

function open(blob: Uint8Array, context: Record<string, string>): Uint8Array {
  return openCiphertextBlob(material, parseCiphertextBlob(blob), context);
}

describe('ciphertext blob', () => {
  it('round-trips any plaintext and context, naming key and material version', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 4096 }),
        contextArb,
        fc.integer({ min: 1, max: 2 ** 32 - 1 }),
        (plaintext, context, version) => {
          const blob = sealCiphertextBlob(material, keyId, version, plaintext, context);
          expect(blob).toHaveLength(BLOB_HEADER_LENGTH + plaintext.length + BLOB_TAG_LENGTH);
          const parsed = parseCiphertextBlob(blob);
          expect(parsed.keyId).toBe(keyId);
          expect(parsed.materialVersion).toBe(version);
          expect(
            Buffer.from(openCiphertextBlob(material, parsed, context)).equals(
              Buffer.from(plaintext),
            ),
          ).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('fails every random mutation with KmsInvalidCiphertextError, never garbage plaintext', () => {
    const plaintext = randomBytes(32);
    const context = { 'aws:sqs:arn': 'arn:aws:sqs:us-east-1:000000000000:q' };
    const blob = sealCiphertextBlob(material, keyId, 1, plaintext, context);
    const mutation = fc.oneof(
      fc.record({
        kind: fc.constant('flip' as const),
        at: fc.nat(blob.length - 1),
        bit: fc.integer({ min: 0, max: 7 }),
      }),
      fc.record({ kind: fc.constant('truncate' as const), length: fc.nat(blob.length - 1) }),
      fc.record({
        kind: fc.constant('append' as const),
        extra: fc.uint8Array({ minLength: 1, maxLength: 5000 }),
      }),
      fc.record({
        kind: fc.constant('replace' as const),
        bytes: fc.uint8Array({ maxLength: 5000 }),
      }),
    );
    fc.assert(
      fc.property(mutation, (m) => {
        let mutated: Uint8Array;
        if (m.kind === 'flip') {
          mutated = new Uint8Array(blob);
          mutated[m.at] = (mutated[m.at] ?? 0) ^ (1 << m.bit);
        } else if (m.kind === 'truncate') {
          mutated = blob.subarray(0, m.length);
        } else if (m.kind === 'append') {
          mutated = new Uint8Array(Buffer.concat([blob, m.extra]));
        } else {
          mutated = m.bytes;
        }
        expect(() => open(mutated, context)).toThrow(KmsInvalidCiphertextError);
      }),
      { numRuns: 2000 },
    );
  });

  it('fails with a different context, including reordered length boundaries', () => {
    fc.assert(
      fc.property(contextArb, contextArb, (a, b) => {
        fc.pre(
          JSON.stringify(Object.entries(a).sort()) !== JSON.stringify(Object.entries(b).sort()),
        );
        const blob = sealCiphertextBlob(material, keyId, 1, Uint8Array.of(1, 2, 3), a);
        expect(() => open(blob, b)).toThrow(KmsInvalidCiphertextError);
      }),
      { numRuns: 300 },
    );
  });

  it('rejects input that is not bytes', () => {
    expect(() => parseCiphertextBlob('abc' as unknown as Uint8Array)).toThrow(
      KmsInvalidCiphertextError,
    );
  });
});
