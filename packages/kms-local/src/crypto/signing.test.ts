import { constants, createHash, generateKeyPairSync, verify } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyDigest } from './ecdsaPrehashed.js';
import { signingScheme, signMessage, verifyMessage } from './signing.js';

const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });

describe('pre-hashed signatures (MessageType DIGEST)', () => {
  it('sign the digest so that node:crypto verifies them against the message', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 200 }),
        fc.constantFrom('ECDSA_SHA_256', 'RSASSA_PSS_SHA_256', 'RSASSA_PKCS1_V1_5_SHA_512'),
        (message, algorithm) => {
          const scheme = signingScheme(algorithm)!;
          const key = scheme.kind === 'ecdsa' ? ec : rsa;
          const digest = createHash(scheme.hash).update(message).digest();
          const signature = signMessage(scheme, key.privateKey, 'prime256v1', digest, 'DIGEST');
          const options =
            scheme.kind === 'pss'
              ? { key: key.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }
              : key.publicKey;
          expect(verify(scheme.hash, message, options, signature)).toBe(true);
          expect(
            verifyMessage(scheme, key.privateKey, 'prime256v1', digest, 'DIGEST', signature),
          ).toBe(true);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('refuse any signature that is not a valid DER ECDSA signature of the digest', () => {
    const digest = createHash('sha256').update('m').digest();
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 80 }), (garbage) => {
        expect(verifyDigest('prime256v1', ec.publicKey, digest, garbage)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('maps exactly the KMS signing algorithm names', () => {
    expect(signingScheme('RSASSA_PSS_SHA_384')).toEqual({
      kind: 'pss',
      hash: 'sha384',
      digestLength: 48,
    });
    expect(signingScheme('ECDSA_SHA_512')).toEqual({
      kind: 'ecdsa',
      hash: 'sha512',
      digestLength: 64,
    });
    for (const name of ['RSASSA_PSS_SHA_1', 'ECDSA_SHA_256 ', 'SM2DSA', '']) {
      expect(signingScheme(name)).toBeUndefined();
    }
  });
});
