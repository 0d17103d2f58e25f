import { randomBytes } from 'node:crypto';
import { EnvelopeEngine } from '@sealbus/envelope';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serverSealedEnvelope } from './serverSealedBody.js';

const KEY_ARN = 'arn:aws:kms:us-east-1:000000000000:key/11111111-2222-3333-4444-555555555555';

/** Real envelopes from the engine over an in-test key provider (random data keys). */
const engine = new EnvelopeEngine({
  keyProvider: {
    generateDataKey: async () => ({
      keyArn: KEY_ARN,
      plaintext: randomBytes(32),
      ciphertextBlob: randomBytes(40),
    }),
    decrypt: async () => {
      throw new Error('not used');
    },
    describeKey: async () => {
      throw new Error('not used');
    },
  },
});

describe('serverSealedEnvelope', () => {
  it('recognises the base64 envelope a sealbus server delivers for a message it could not open', async () => {
    const envelope = await engine.seal('secret', {
      keyId: KEY_ARN,
      context: { 'aws:sqs:arn': 'q' },
    });
    const body = Buffer.from(envelope).toString('base64');
    expect(serverSealedEnvelope(body)).toEqual(new Uint8Array(envelope));
  });

  it('leaves ordinary bodies alone, base64 text included', () => {
    expect(serverSealedEnvelope('hello')).toBeUndefined();
    expect(serverSealedEnvelope(Buffer.from('a'.repeat(300)).toString('base64'))).toBeUndefined();
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b).toString('base64')),
        ),
        (body) => {
          expect(serverSealedEnvelope(body)).toBeUndefined();
        },
      ),
    );
  });
});
