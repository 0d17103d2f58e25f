import {
  constants,
  createHash,
  createPrivateKey,
  createPublicKey,
  publicEncrypt,
  verify,
} from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalKms, parseCiphertextBlob, SIGNING_ALGORITHMS } from '../src/index.js';
import { backends, closeBackends, utf8 } from './helpers.js';

afterAll(closeBackends);

const message = utf8('e-prescription #1: amoxicillin 500 mg');
const HASH = { SHA_256: 'sha256', SHA_384: 'sha384', SHA_512: 'sha512' } as const;
const hashOf = (algorithm: string) => HASH[algorithm.slice(-7) as keyof typeof HASH];

/** Verifies outside sealbus: node:crypto with only the DER public key. */
function verifiesOutside(publicKeyDer: Uint8Array, algorithm: string, signature: Uint8Array) {
  const key = createPublicKey({ key: Buffer.from(publicKeyDer), format: 'der', type: 'spki' });
  const hash = hashOf(algorithm);
  const options = algorithm.startsWith('RSASSA_PSS')
    ? {
        key,
        padding: constants.RSA_PKCS1_PSS_PADDING,
        saltLength: createHash(hash).digest().length,
      }
    : { key };
  return verify(hash, message, options, signature);
}

describe.each(backends)('$name storage', ({ create }) => {
  let kms: LocalKms;
  let rsa: string;
  beforeAll(async () => {
    kms = create();
    ({ keyId: rsa } = await kms.createKey({ keySpec: 'RSA_2048', keyUsage: 'SIGN_VERIFY' }));
  });

  describe('asymmetric and HMAC keys', () => {
    it('describes each key spec with its usage and algorithms (KMS key spec reference)', async () => {
      expect(await kms.describeKey(rsa)).toMatchObject({
        keySpec: 'RSA_2048',
        keyUsage: 'SIGN_VERIFY',
        encryptionAlgorithms: [],
        signingAlgorithms: SIGNING_ALGORITHMS.filter((a) => a.startsWith('RSASSA')),
      });
      const rsaEncryption = await kms.createKey({ keySpec: 'RSA_2048' });
      expect(rsaEncryption).toMatchObject({
        keyUsage: 'ENCRYPT_DECRYPT',
        encryptionAlgorithms: ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'],
      });
      expect(rsaEncryption.signingAlgorithms).toBeUndefined();
      for (const [keySpec, algorithm] of [
        ['ECC_NIST_P256', 'ECDSA_SHA_256'],
        ['ECC_NIST_P384', 'ECDSA_SHA_384'],
        ['ECC_NIST_P521', 'ECDSA_SHA_512'],
        ['ECC_SECG_P256K1', 'ECDSA_SHA_256'],
      ] as const) {
        expect(await kms.createKey({ keySpec })).toMatchObject({
          keySpec,
          keyUsage: 'SIGN_VERIFY',
          signingAlgorithms: [algorithm],
        });
      }
      for (const bits of [224, 256, 384, 512]) {
        const keySpec = `HMAC_${bits}`;
        expect(await kms.createKey({ keySpec })).toMatchObject({
          keySpec,
          keyUsage: 'GENERATE_VERIFY_MAC',
          macAlgorithms: [`HMAC_SHA_${bits}`],
          encryptionAlgorithms: [],
        });
      }
    });

    it('signs RAW and DIGEST messages with every RSA algorithm; node:crypto verifies with the public key alone', async () => {
      const { publicKey, keySpec, keyUsage, signingAlgorithms } = await kms.getPublicKey(rsa);
      expect({ keySpec, keyUsage }).toEqual({ keySpec: 'RSA_2048', keyUsage: 'SIGN_VERIFY' });
      expect(
        createPublicKey({ key: Buffer.from(publicKey), format: 'der', type: 'spki' }),
      ).toBeDefined();
      for (const signingAlgorithm of signingAlgorithms ?? []) {
        const raw = await kms.sign({
          keyId: rsa,
          message,
          signingAlgorithm: signingAlgorithm as 'RSASSA_PSS_SHA_256',
        });
        expect(raw.signature).toHaveLength(256);
        expect(verifiesOutside(publicKey, signingAlgorithm, raw.signature), signingAlgorithm).toBe(
          true,
        );
        const digest = createHash(hashOf(signingAlgorithm)).update(message).digest();
        const fromDigest = await kms.sign({
          keyId: rsa,
          message: digest,
          messageType: 'DIGEST',
          signingAlgorithm: signingAlgorithm as 'RSASSA_PSS_SHA_256',
        });
        expect(verifiesOutside(publicKey, signingAlgorithm, fromDigest.signature)).toBe(true);
        await expect(
          kms.verify({
            keyId: rsa,
            message,
            signingAlgorithm: signingAlgorithm as 'RSASSA_PSS_SHA_256',
            signature: fromDigest.signature,
          }),
        ).resolves.toMatchObject({ signatureValid: true });
      }
    });

    it('signs with every curve (RAW and DIGEST) and refuses signatures that do not verify', async () => {
      for (const [keySpec, signingAlgorithm] of [
        ['ECC_NIST_P256', 'ECDSA_SHA_256'],
        ['ECC_NIST_P384', 'ECDSA_SHA_384'],
        ['ECC_NIST_P521', 'ECDSA_SHA_512'],
        ['ECC_SECG_P256K1', 'ECDSA_SHA_256'],
      ] as const) {
        const { keyId } = await kms.createKey({ keySpec });
        const { publicKey } = await kms.getPublicKey(keyId);
        const raw = await kms.sign({ keyId, message, signingAlgorithm });
        expect(verifiesOutside(publicKey, signingAlgorithm, raw.signature), keySpec).toBe(true);
        const digest = createHash(hashOf(signingAlgorithm)).update(message).digest();
        const fromDigest = await kms.sign({
          keyId,
          message: digest,
          messageType: 'DIGEST',
          signingAlgorithm,
        });
        expect(verifiesOutside(publicKey, signingAlgorithm, fromDigest.signature), keySpec).toBe(
          true,
        );
        await expect(
          kms.verify({
            keyId,
            message: digest,
            messageType: 'DIGEST',
            signingAlgorithm,
            signature: raw.signature,
          }),
        ).resolves.toMatchObject({ signatureValid: true, signingAlgorithm });
        // Verify (KMS API reference): an invalid signature is KMSInvalidSignatureException.
        await expect(
          kms.verify({
            keyId,
            message: utf8('tampered'),
            signingAlgorithm,
            signature: raw.signature,
          }),
        ).rejects.toMatchObject({ code: 'KMS.KMSInvalidSignatureException' });
        // Sign: a DIGEST must be as long as the algorithm's hash.
        await expect(
          kms.sign({ keyId, message: digest.subarray(1), messageType: 'DIGEST', signingAlgorithm }),
        ).rejects.toMatchObject({
          code: 'KMS.ValidationException',
          message: `Digest is invalid length for algorithm ${signingAlgorithm}.`,
        });
      }
    });

    it('refuses operations a key usage or spec does not allow, with the KMS codes', async () => {
      const symmetric = await kms.createKey();
      const ecc = await kms.createKey({ keySpec: 'ECC_NIST_P256' });
      const hmac = await kms.createKey({ keySpec: 'HMAC_256' });
      const cases: [() => Promise<unknown>, string][] = [
        [
          () => kms.sign({ keyId: symmetric.keyId, message, signingAlgorithm: 'ECDSA_SHA_256' }),
          'KMS.InvalidKeyUsageException',
        ],
        [
          () => kms.encrypt({ keyId: ecc.keyId, plaintext: message }),
          'KMS.InvalidKeyUsageException',
        ],
        [() => kms.generateDataKey({ keyId: rsa, context: {} }), 'KMS.InvalidKeyUsageException'],
        [
          () => kms.generateMac({ keyId: ecc.keyId, message, macAlgorithm: 'HMAC_SHA_256' }),
          'KMS.InvalidKeyUsageException',
        ],
        [
          () => kms.sign({ keyId: ecc.keyId, message, signingAlgorithm: 'ECDSA_SHA_384' }),
          'KMS.InvalidKeyUsageException',
        ],
        [
          () => kms.generateMac({ keyId: hmac.keyId, message, macAlgorithm: 'HMAC_SHA_512' }),
          'KMS.InvalidKeyUsageException',
        ],
        [() => kms.getPublicKey(symmetric.keyId), 'KMS.UnsupportedOperationException'],
        [() => kms.getPublicKey(hmac.keyId), 'KMS.UnsupportedOperationException'],
        [() => kms.enableKeyRotation(ecc.keyId), 'KMS.UnsupportedOperationException'],
        [
          () => kms.sign({ keyId: ecc.keyId, message, signingAlgorithm: 'MD5' as 'ECDSA_SHA_256' }),
          'KMS.ValidationException',
        ],
        [
          () =>
            kms.sign({
              keyId: ecc.keyId,
              message: new Uint8Array(4097),
              signingAlgorithm: 'ECDSA_SHA_256',
            }),
          'KMS.ValidationException',
        ],
      ];
      for (const [call, code] of cases) await expect(call()).rejects.toMatchObject({ code });
    });

    it('encrypts with RSAES-OAEP as AWS returns it (raw RSA ciphertext); outside ciphertexts decrypt', async () => {
      const { keyId, arn } = await kms.createKey({
        keySpec: 'RSA_2048',
        keyUsage: 'ENCRYPT_DECRYPT',
      });
      const { publicKey, encryptionAlgorithms } = await kms.getPublicKey(keyId);
      expect(encryptionAlgorithms).toEqual(['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256']);
      for (const [algorithm, oaepHash] of [
        ['RSAES_OAEP_SHA_1', 'sha1'],
        ['RSAES_OAEP_SHA_256', 'sha256'],
      ] as const) {
        const sealed = await kms.encrypt({
          keyId,
          plaintext: message,
          encryptionAlgorithm: algorithm,
        });
        expect(sealed.ciphertextBlob).toHaveLength(256);
        expect(sealed).toMatchObject({ keyArn: arn, encryptionAlgorithm: algorithm });
        const opened = await kms.decrypt({
          keyId,
          ciphertextBlob: sealed.ciphertextBlob,
          context: {},
          encryptionAlgorithm: algorithm,
        });
        expect(Buffer.from(opened.plaintext).toString()).toBe(Buffer.from(message).toString());
        const outside = publicEncrypt(
          {
            key: createPublicKey({ key: Buffer.from(publicKey), format: 'der', type: 'spki' }),
            padding: constants.RSA_PKCS1_OAEP_PADDING,
            oaepHash,
          },
          Buffer.from('sealed outside'),
        );
        const fromOutside = await kms.decrypt({
          keyId,
          ciphertextBlob: outside,
          context: {},
          encryptionAlgorithm: algorithm,
        });
        expect(Buffer.from(fromOutside.plaintext).toString()).toBe('sealed outside');
      }
      // RSAES_OAEP_SHA_256 with RSA_2048 takes at most 256 - 2*32 - 2 = 190 bytes.
      await expect(
        kms.encrypt({
          keyId,
          plaintext: new Uint8Array(191),
          encryptionAlgorithm: 'RSAES_OAEP_SHA_256',
        }),
      ).rejects.toMatchObject({ code: 'KMS.ValidationException', field: 'plaintext' });
      await kms.encrypt({
        keyId,
        plaintext: new Uint8Array(190),
        encryptionAlgorithm: 'RSAES_OAEP_SHA_256',
      });
      const sealed = await kms.encrypt({
        keyId,
        plaintext: message,
        encryptionAlgorithm: 'RSAES_OAEP_SHA_1',
      });
      await expect(
        kms.decrypt({
          keyId,
          ciphertextBlob: sealed.ciphertextBlob,
          context: {},
          encryptionAlgorithm: 'RSAES_OAEP_SHA_256',
        }),
      ).rejects.toMatchObject({ code: 'KMS.InvalidCiphertextException' });
      await expect(kms.encrypt({ keyId, plaintext: message })).rejects.toMatchObject({
        code: 'KMS.InvalidKeyUsageException',
        message: 'Algorithm SYMMETRIC_DEFAULT is incompatible with key spec RSA_2048.',
      });
      await expect(
        kms.encrypt({
          keyId,
          plaintext: message,
          encryptionAlgorithm: 'RSAES_OAEP_SHA_1',
          context: { a: 'b' },
        }),
      ).rejects.toMatchObject({ code: 'KMS.ValidationException', field: 'EncryptionContext' });
    });

    it('computes HMACs that match node:crypto and verifies them (GenerateMac, VerifyMac)', async () => {
      for (const bits of [224, 256, 384, 512]) {
        const { keyId } = await kms.createKey({ keySpec: `HMAC_${bits}` });
        const macAlgorithm = `HMAC_SHA_${bits}` as 'HMAC_SHA_256';
        const { mac } = await kms.generateMac({ keyId, message, macAlgorithm });
        expect(mac).toHaveLength(bits / 8);
        await expect(kms.verifyMac({ keyId, message, macAlgorithm, mac })).resolves.toMatchObject({
          macValid: true,
        });
        const flipped = new Uint8Array(mac);
        flipped[0] = (flipped[0] ?? 0) ^ 1;
        await expect(
          kms.verifyMac({ keyId, message, macAlgorithm, mac: flipped }),
        ).rejects.toMatchObject({
          code: 'KMS.KMSInvalidMacException',
        });
      }
    });

    it('generates data key pairs whose private key decrypts under the symmetric key and context', async () => {
      const { keyId, arn } = await kms.createKey();
      const context = { purpose: 'prescriptions' };
      const pair = await kms.generateDataKeyPair({ keyId, keyPairSpec: 'ECC_NIST_P256', context });
      expect(pair).toMatchObject({ keyArn: arn, keyPairSpec: 'ECC_NIST_P256' });
      const privateKey = createPrivateKey({
        key: Buffer.from(pair.privateKeyPlaintext!),
        format: 'der',
        type: 'pkcs8',
      });
      expect(createPublicKey(privateKey).export({ type: 'spki', format: 'der' })).toEqual(
        Buffer.from(pair.publicKey),
      );
      expect(parseCiphertextBlob(pair.privateKeyCiphertextBlob).keyId).toBe(keyId);
      const opened = await kms.decrypt({ ciphertextBlob: pair.privateKeyCiphertextBlob, context });
      expect(Buffer.from(opened.plaintext)).toEqual(Buffer.from(pair.privateKeyPlaintext!));
      const without = await kms.generateDataKeyPairWithoutPlaintext({
        keyId,
        keyPairSpec: 'RSA_2048',
      });
      expect(without).not.toHaveProperty('privateKeyPlaintext');
      expect(
        createPublicKey({ key: Buffer.from(without.publicKey), format: 'der', type: 'spki' })
          .asymmetricKeyDetails?.modulusLength,
      ).toBe(2048);
      await expect(
        kms.generateDataKeyPair({ keyId: rsa, keyPairSpec: 'RSA_2048' }),
      ).rejects.toMatchObject({ code: 'KMS.InvalidKeyUsageException' });
      await expect(
        kms.generateDataKeyPair({ keyId, keyPairSpec: 'HMAC_256' as 'RSA_2048' }),
      ).rejects.toMatchObject({ code: 'KMS.ValidationException' });
    });

    it('enforces the key policy on Sign, Verify and GetPublicKey and audits each call', async () => {
      const { keyId, arn } = await kms.createKey({
        keySpec: 'ECC_NIST_P256',
        policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'signer' },
              Action: ['kms:Sign', 'kms:GetPublicKey'],
              Resource: '*',
            },
            {
              Effect: 'Allow',
              Principal: { AWS: 'verifier' },
              Action: 'kms:Verify',
              Resource: '*',
            },
          ],
        }),
      });
      const { signature } = await kms.sign({
        keyId,
        message,
        signingAlgorithm: 'ECDSA_SHA_256',
        principal: 'signer',
      });
      await kms.verify({
        keyId,
        message,
        signingAlgorithm: 'ECDSA_SHA_256',
        signature,
        principal: 'verifier',
      });
      await expect(
        kms.sign({ keyId, message, signingAlgorithm: 'ECDSA_SHA_256', principal: 'verifier' }),
      ).rejects.toMatchObject({
        code: 'KMS.AccessDeniedException',
        message: `User: verifier is not authorized to perform: kms:Sign on resource: ${arn} because no resource-based policy allows the kms:Sign action`,
      });
      await expect(kms.getPublicKey(keyId, 'verifier')).rejects.toMatchObject({
        code: 'KMS.AccessDeniedException',
      });
      const entries = await kms.auditLog({ keyArn: arn });
      expect(entries.map((e) => [e.operation, e.principal, e.result])).toEqual([
        ['CreateKey', 'arn:aws:iam::000000000000:root', 'ok'],
        ['Sign', 'signer', 'ok'],
        ['Verify', 'verifier', 'ok'],
        ['Sign', 'verifier', 'error'],
        ['GetPublicKey', 'verifier', 'error'],
      ]);
    });
  });
});

describe('RSA 3072 and 4096 keys', () => {
  it('sign with PSS and encrypt with OAEP (one key each: generation is slow)', async () => {
    const kms = backends[0]!.create();
    for (const [keySpec, keyUsage, bytes] of [
      ['RSA_3072', 'SIGN_VERIFY', 384],
      ['RSA_4096', 'ENCRYPT_DECRYPT', 512],
    ] as const) {
      const { keyId } = await kms.createKey({ keySpec, keyUsage });
      if (keyUsage === 'SIGN_VERIFY') {
        const { signature } = await kms.sign({
          keyId,
          message,
          signingAlgorithm: 'RSASSA_PSS_SHA_384',
        });
        expect(signature).toHaveLength(bytes);
        expect(
          verifiesOutside(
            (await kms.getPublicKey(keyId)).publicKey,
            'RSASSA_PSS_SHA_384',
            signature,
          ),
        ).toBe(true);
      } else {
        // 512 - 2*20 - 2 = 470 bytes with SHA-1, as in the KMS key spec reference.
        const { ciphertextBlob } = await kms.encrypt({
          keyId,
          plaintext: new Uint8Array(470).fill(1),
          encryptionAlgorithm: 'RSAES_OAEP_SHA_1',
        });
        expect(ciphertextBlob).toHaveLength(bytes);
      }
    }
  });
});
