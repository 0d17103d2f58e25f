import type { KeyProvider } from '@sealbus/core';
import { KmsInvalidCiphertextError } from '@sealbus/core';
import { describe, expect, it } from 'vitest';
import {
  canonicalContextBytes,
  EnvelopeEngine,
  EnvelopeIntegrityError,
  readEnvelopeHeader,
} from '../src/index.js';
import { TEST_VECTOR as V, TEST_VECTOR_V1 as V1 } from './support/testVector.js';

/** A KeyProvider that knows exactly one wrapped data key: the vector's. */
const vectorKeyProvider: KeyProvider = {
  generateDataKey: async () => ({
    keyArn: V.keyArn,
    plaintext: Uint8Array.from(V.dataKey),
    ciphertextBlob: Uint8Array.from(V.encryptedDataKey),
  }),
  decrypt: async (request) => {
    if (!Buffer.from(request.ciphertextBlob).equals(V.encryptedDataKey)) {
      throw new KmsInvalidCiphertextError('unknown ciphertext blob');
    }
    if (
      JSON.stringify(Object.entries(request.context).sort()) !==
      JSON.stringify(Object.entries(V.context).sort())
    ) {
      throw new KmsInvalidCiphertextError('encryption context mismatch');
    }
    return { keyArn: V.keyArn, plaintext: Uint8Array.from(V.dataKey) };
  },
  describeKey: () => Promise.reject(new Error('not used')),
};

describe('documented test vector (docs/envelope-format.md)', () => {
  it('encodes the canonical encryption context as documented', () => {
    expect(canonicalContextBytes(V.context).toString('hex')).toBe(V.canonicalContext);
  });

  it('opens to the documented body with the documented binding, and only with it', async () => {
    const engine = new EnvelopeEngine({ keyProvider: vectorKeyProvider });
    const envelope = Buffer.from(V.envelope, 'hex');
    const body = await engine.open(envelope, { context: V.context, binding: V.binding });
    expect(Buffer.from(body).toString()).toBe(V.body);
    // Same cached data key, another message id: the envelope belongs to one message only.
    await expect(
      engine.open(envelope, { context: V.context, binding: 'another-message-id' }),
    ).rejects.toBeInstanceOf(EnvelopeIntegrityError);
    await expect(engine.open(envelope, { context: V.context })).rejects.toBeInstanceOf(
      EnvelopeIntegrityError,
    );
  });

  it('still opens the version 1 vector, which carries no binding (whatever binding is passed)', async () => {
    const engine = new EnvelopeEngine({ keyProvider: vectorKeyProvider });
    const envelope = Buffer.from(V1.envelope, 'hex');
    for (const binding of [undefined, V.binding]) {
      const body = await engine.open(envelope, { context: V1.context, binding });
      expect(Buffer.from(body).toString()).toBe(V1.body);
    }
    expect(readEnvelopeHeader(envelope).version).toBe(1);
  });

  it('refuses a version 1 header spliced onto a version 2 envelope (the version byte is authenticated)', async () => {
    const engine = new EnvelopeEngine({ keyProvider: vectorKeyProvider });
    const downgraded = Buffer.from(V.envelope, 'hex');
    downgraded[4] = 1;
    await expect(engine.open(downgraded, { context: V.context })).rejects.toBeInstanceOf(
      EnvelopeIntegrityError,
    );
  });

  it('reads the documented header fields without a key', () => {
    const header = readEnvelopeHeader(Buffer.from(V.envelope, 'hex'));
    expect(header).toMatchObject({
      version: 2,
      suiteId: 1,
      keyArn: V.keyArn,
      headerLength: 210,
      encryptedDataKeyLength: 48,
      ciphertextLength: 15,
      tagLength: 16,
      envelopeLength: 241,
    });
    expect(Buffer.from(header.encryptedDataKey).equals(V.encryptedDataKey)).toBe(true);
    expect(Buffer.from(header.salt).equals(V.salt)).toBe(true);
    expect(Buffer.from(header.commitment).toString('hex')).toBe(V.commitment);
    expect(Buffer.from(header.iv).toString('hex')).toBe('010203040000000000000000');
  });
});
