import {
  KmsIncorrectKeyError,
  KmsInvalidCiphertextError,
  KmsNotFoundError,
  KmsValidationError,
} from '@sealbus/core';
import fc from 'fast-check';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { LocalKms, parseCiphertextBlob } from '../src/index.js';
import { backends, closeBackends, ManualClock, utf8 } from './helpers.js';

const context = { 'aws:sqs:arn': 'arn:aws:sqs:us-east-1:000000000000:billing' };

afterAll(closeBackends);

describe.each(backends)('$name storage', ({ create }) => {
  describe('data keys, encrypt, decrypt, re-encrypt', () => {
    let kms: LocalKms;
    let keyId: string;
    let arn: string;
    beforeEach(async () => {
      kms = create();
      ({ keyId, arn } = await kms.createKey({ description: 'billing' }));
    });

    it('generates data keys of the requested size that decrypt without a key id', async () => {
      for (const [request, bytes] of [
        [{}, 32],
        [{ keySpec: 'AES_256' as const }, 32],
        [{ keySpec: 'AES_128' as const }, 16],
        [{ numberOfBytes: 1 }, 1],
        [{ numberOfBytes: 1024 }, 1024],
      ] as const) {
        const dataKey = await kms.generateDataKey({ keyId, context, ...request });
        expect(dataKey.keyArn).toBe(arn);
        expect(dataKey.plaintext).toHaveLength(bytes);
        const parsed = parseCiphertextBlob(dataKey.ciphertextBlob);
        expect(parsed).toMatchObject({ keyId, materialVersion: 1 });
        const opened = await kms.decrypt({ ciphertextBlob: dataKey.ciphertextBlob, context });
        expect(opened.keyArn).toBe(arn);
        expect(Buffer.from(opened.plaintext).equals(Buffer.from(dataKey.plaintext))).toBe(true);
      }
    });

    it('rejects both or out-of-range data key sizes', async () => {
      await expect(
        kms.generateDataKey({ keyId, context, keySpec: 'AES_256', numberOfBytes: 32 }),
      ).rejects.toBeInstanceOf(KmsValidationError);
      for (const numberOfBytes of [0, 1025, 1.5]) {
        await expect(kms.generateDataKey({ keyId, context, numberOfBytes })).rejects.toMatchObject({
          field: 'numberOfBytes',
        });
      }
      await expect(
        kms.generateDataKey({ keyId, context, keySpec: 'AES_512' as unknown as 'AES_256' }),
      ).rejects.toMatchObject({ field: 'KeySpec' });
    });

    it('generates a data key without plaintext that decrypts later', async () => {
      const result = await kms.generateDataKeyWithoutPlaintext({
        keyId,
        context,
        keySpec: 'AES_128',
      });
      expect(Object.keys(result).sort()).toEqual(['ciphertextBlob', 'keyArn']);
      expect(
        (await kms.decrypt({ ciphertextBlob: result.ciphertextBlob, context })).plaintext,
      ).toHaveLength(16);
    });

    it('binds ciphertext to its encryption context', async () => {
      const { ciphertextBlob } = await kms.encrypt({ keyId, plaintext: utf8('secret'), context });
      const others: Record<string, string>[] = [
        {},
        { 'aws:sqs:arn': 'arn:aws:sqs:us-east-1:000000000000:billing-dlq' },
        { ...context, extra: '1' },
      ];
      for (const other of others) {
        await expect(kms.decrypt({ ciphertextBlob, context: other })).rejects.toBeInstanceOf(
          KmsInvalidCiphertextError,
        );
      }
      const opened = await kms.decrypt({ ciphertextBlob, context: { ...context } });
      expect(new TextDecoder().decode(opened.plaintext)).toBe('secret');
      expect(opened.encryptionAlgorithm).toBe('SYMMETRIC_DEFAULT');
    });

    it('treats context key order as irrelevant and length-prefixes pairs', async () => {
      const { ciphertextBlob } = await kms.encrypt({
        keyId,
        plaintext: utf8('x'),
        context: { a: '1', b: '2' },
      });
      await expect(
        kms.decrypt({ ciphertextBlob, context: { b: '2', a: '1' } }),
      ).resolves.toBeDefined();
      const ambiguous = await kms.encrypt({ keyId, plaintext: utf8('x'), context: { ab: 'c' } });
      await expect(
        kms.decrypt({ ciphertextBlob: ambiguous.ciphertextBlob, context: { a: 'bc' } }),
      ).rejects.toBeInstanceOf(KmsInvalidCiphertextError);
    });

    it('rejects a context that is not a map of strings', async () => {
      await expect(
        kms.generateDataKey({ keyId, context: { n: 1 } as unknown as Record<string, string> }),
      ).rejects.toMatchObject({ code: 'KMS.ValidationException', field: 'context' });
    });

    it('fails with IncorrectKey when keyId names another key than the blob', async () => {
      const other = await kms.createKey();
      await kms.createAlias('alias/other', other.keyId);
      const { ciphertextBlob } = await kms.generateDataKey({ keyId, context });
      await expect(
        kms.decrypt({ ciphertextBlob, context, keyId: 'alias/other' }),
      ).rejects.toBeInstanceOf(KmsIncorrectKeyError);
      await expect(kms.decrypt({ ciphertextBlob, context, keyId: arn })).resolves.toMatchObject({
        keyArn: arn,
      });
    });

    it('limits Encrypt plaintext to 1-4096 bytes', async () => {
      // AWS's validation form (Encrypt: Plaintext length 1-4096), the blob shown as AWS shows it.
      await expect(
        kms.encrypt({ keyId, plaintext: new Uint8Array(0), context }),
      ).rejects.toMatchObject({
        field: 'plaintext',
        message:
          "1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=0 cap=0]' at 'plaintext' failed to satisfy constraint: Member must have length greater than or equal to 1",
      });
      await expect(
        kms.encrypt({ keyId, plaintext: new Uint8Array(4097), context }),
      ).rejects.toThrow(
        "1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=4097 cap=4097]' at 'plaintext' failed to satisfy constraint: Member must have length less than or equal to 4096",
      );
      const max = await kms.encrypt({ keyId, plaintext: new Uint8Array(4096).fill(7), context });
      expect(
        (await kms.decrypt({ ciphertextBlob: max.ciphertextBlob, context })).plaintext,
      ).toHaveLength(4096);
    });

    it('re-encrypts under another key and context, checking the source key', async () => {
      const destination = await kms.createKey();
      const { ciphertextBlob, plaintext } = await kms.generateDataKey({ keyId, context });
      const dlqContext = { 'aws:sqs:arn': 'arn:aws:sqs:us-east-1:000000000000:billing-dlq' };
      const moved = await kms.reEncrypt({
        ciphertextBlob,
        sourceContext: context,
        sourceKeyId: keyId,
        destinationKeyId: destination.keyId,
        destinationContext: dlqContext,
      });
      expect(moved).toMatchObject({ sourceKeyArn: arn, keyArn: destination.arn });
      const opened = await kms.decrypt({
        ciphertextBlob: moved.ciphertextBlob,
        context: dlqContext,
      });
      expect(Buffer.from(opened.plaintext).equals(Buffer.from(plaintext))).toBe(true);
      await expect(
        kms.reEncrypt({
          ciphertextBlob,
          sourceContext: context,
          sourceKeyId: destination.keyId,
          destinationKeyId: keyId,
        }),
      ).rejects.toBeInstanceOf(KmsIncorrectKeyError);
      await expect(
        kms.reEncrypt({
          ciphertextBlob,
          sourceContext: dlqContext,
          destinationKeyId: destination.keyId,
        }),
      ).rejects.toBeInstanceOf(KmsInvalidCiphertextError);
    });

    it('rejects blobs from a foreign format or truncated ones', async () => {
      const { ciphertextBlob } = await kms.generateDataKey({ keyId, context });
      for (const bad of [
        new Uint8Array(0),
        ciphertextBlob.subarray(0, 50),
        new Uint8Array(100),
        utf8('not a blob'),
      ]) {
        await expect(kms.decrypt({ ciphertextBlob: bad, context })).rejects.toBeInstanceOf(
          KmsInvalidCiphertextError,
        );
      }
      const flipped = new Uint8Array(ciphertextBlob);
      flipped[40] = (flipped[40] ?? 0) ^ 1;
      await expect(kms.decrypt({ ciphertextBlob: flipped, context })).rejects.toBeInstanceOf(
        KmsInvalidCiphertextError,
      );
      const otherVersion = new Uint8Array(ciphertextBlob);
      otherVersion[21] = 9;
      await expect(kms.decrypt({ ciphertextBlob: otherVersion, context })).rejects.toThrow(
        /version 9/,
      );
    });
  });

  describe('decrypt of mutated blobs', () => {
    it('fails every mutation with a typed KMS error', async () => {
      const kms = create();
      const { keyId } = await kms.createKey();
      const { ciphertextBlob } = await kms.generateDataKey({ keyId, context });
      await fc.assert(
        fc.asyncProperty(
          fc.nat(ciphertextBlob.length - 1),
          fc.integer({ min: 1, max: 255 }),
          async (at, xor) => {
            const mutated = new Uint8Array(ciphertextBlob);
            mutated[at] = (mutated[at] ?? 0) ^ xor;
            const error = await kms.decrypt({ ciphertextBlob: mutated, context }).then(
              () => undefined,
              (e: unknown) => e,
            );
            // Bytes 2-17 name the key: a changed id names a key this KMS does not have.
            expect(error).toBeInstanceOf(
              at >= 2 && at < 18 ? KmsNotFoundError : KmsInvalidCiphertextError,
            );
          },
        ),
        { numRuns: 500 },
      );
    });
  });

  describe('createKey', () => {
    it('returns KMS key metadata', async () => {
      const clock = new ManualClock();
      const kms = create({ clock });
      const metadata = await kms.createKey({ description: 'orders', tags: { team: 'billing' } });
      expect(metadata).toEqual({
        keyId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        arn: `arn:aws:kms:us-east-1:000000000000:key/${metadata.keyId}`,
        awsAccountId: '000000000000',
        creationDate: new Date(clock.now()),
        enabled: true,
        keyState: 'Enabled',
        description: 'orders',
        keyUsage: 'ENCRYPT_DECRYPT',
        keySpec: 'SYMMETRIC_DEFAULT',
        keyManager: 'CUSTOMER',
        origin: 'AWS_KMS',
        encryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
        multiRegion: false,
      });
      expect(await kms.listResourceTags(metadata.keyId)).toEqual({ team: 'billing' });
    });

    it('refuses key usages a key spec does not support and unknown specs or usages', async () => {
      const kms = create();
      for (const request of [
        { keySpec: 'ECC_NIST_P256', keyUsage: 'ENCRYPT_DECRYPT' },
        { keySpec: 'HMAC_256', keyUsage: 'SIGN_VERIFY' },
        { keyUsage: 'SIGN_VERIFY' },
      ]) {
        await expect(kms.createKey(request)).rejects.toMatchObject({
          code: 'KMS.ValidationException',
          message: expect.stringMatching(/is not compatible with KeySpec/),
        });
      }
      await expect(kms.createKey({ keyUsage: 'BOGUS' })).rejects.toThrow(
        "1 validation error detected: Value 'BOGUS' at 'keyUsage' failed to satisfy constraint: Member must satisfy enum value set: [ENCRYPT_DECRYPT, SIGN_VERIFY, GENERATE_VERIFY_MAC]",
      );
      await expect(kms.createKey({ keySpec: 'AES_999' })).rejects.toBeInstanceOf(
        KmsValidationError,
      );
      await expect(
        kms.createKey({ keySpec: 'SYMMETRIC_DEFAULT', keyUsage: 'ENCRYPT_DECRYPT' }),
      ).resolves.toBeDefined();
      await expect(kms.createKey({ tags: { 'aws:x': 'y' } })).rejects.toMatchObject({
        code: 'KMS.TagException',
        field: 'Tags',
      });
      await expect(kms.createKey({ description: 'd'.repeat(8193) })).rejects.toMatchObject({
        field: 'Description',
      });
    });

    it('validates region, account and principal', () => {
      expect(() => new LocalKms({ accountId: '12' })).toThrow(/accountId/);
      expect(() => new LocalKms({ region: 'US EAST' })).toThrow(/region/);
      return expect(new LocalKms().createKey({ principal: '' })).rejects.toMatchObject({
        field: 'principal',
      });
    });
  });

  describe('rotation', () => {
    it('rotates on demand: new material for new ciphertext, old ciphertext still decrypts', async () => {
      const kms = create();
      const { keyId } = await kms.createKey();
      const before = await kms.generateDataKey({ keyId, context });
      await kms.rotateKey(keyId);
      await kms.rotateKey(keyId);
      const after = await kms.generateDataKey({ keyId, context });
      expect(parseCiphertextBlob(before.ciphertextBlob).materialVersion).toBe(1);
      expect(parseCiphertextBlob(after.ciphertextBlob).materialVersion).toBe(3);
      for (const dataKey of [before, after]) {
        const opened = await kms.decrypt({ ciphertextBlob: dataKey.ciphertextBlob, context });
        expect(Buffer.from(opened.plaintext).equals(Buffer.from(dataKey.plaintext))).toBe(true);
      }
    });

    it('rotates automatically when the rotation period passes', async () => {
      const clock = new ManualClock();
      const kms = create({ clock });
      const { keyId, arn } = await kms.createKey();
      expect(await kms.getKeyRotationStatus(keyId)).toEqual({
        keyId: arn,
        keyRotationEnabled: false,
      });
      await expect(kms.enableKeyRotation(keyId, 89)).rejects.toMatchObject({
        field: 'rotationPeriodInDays',
      });
      await kms.enableKeyRotation(keyId, 90);
      expect(await kms.getKeyRotationStatus(keyId)).toEqual({
        keyId: arn,
        keyRotationEnabled: true,
        rotationPeriodInDays: 90,
        nextRotationDate: new Date(clock.now() + 90 * 86_400_000),
      });
      const old = await kms.encrypt({ keyId, plaintext: utf8('v1'), context });
      clock.advanceDays(89);
      expect(
        parseCiphertextBlob(
          (await kms.encrypt({ keyId, plaintext: utf8('x'), context })).ciphertextBlob,
        ).materialVersion,
      ).toBe(1);
      clock.advanceDays(1);
      const rotated = await kms.encrypt({ keyId, plaintext: utf8('v2'), context });
      expect(parseCiphertextBlob(rotated.ciphertextBlob).materialVersion).toBe(2);
      expect((await kms.getKeyRotationStatus(keyId)).nextRotationDate).toEqual(
        new Date(clock.now() + 90 * 86_400_000),
      );
      expect(
        new TextDecoder().decode(
          (await kms.decrypt({ ciphertextBlob: old.ciphertextBlob, context })).plaintext,
        ),
      ).toBe('v1');
      await kms.disableKeyRotation(keyId);
      expect(await kms.getKeyRotationStatus(keyId)).toEqual({
        keyId: arn,
        keyRotationEnabled: false,
      });
    });
  });

  describe('close', () => {
    it('refuses calls after close', async () => {
      const kms = create();
      await kms.close();
      await expect(kms.createKey()).rejects.toMatchObject({ code: 'KMS.KMSInternalException' });
      await kms.close();
    });
  });
});
