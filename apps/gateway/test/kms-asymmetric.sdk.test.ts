import { execFileSync } from 'node:child_process';
import {
  constants,
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  publicEncrypt,
  verify,
} from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CancelKeyDeletionCommand,
  CreateAliasCommand,
  CreateGrantCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GenerateDataKeyPairCommand,
  GenerateMacCommand,
  GenerateRandomCommand,
  GetPublicKeyCommand,
  type KMSClient,
  ListGrantsCommand,
  ListKeyPoliciesCommand,
  ListKeyRotationsCommand,
  ListResourceTagsCommand,
  RetireGrantCommand,
  RotateKeyOnDemandCommand,
  ScheduleKeyDeletionCommand,
  SignCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateKeyDescriptionCommand,
  VerifyCommand,
  VerifyMacCommand,
} from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSUMER, type Harness, PRODUCER, startHarness } from './harness.js';

let h: Harness;
let kms: KMSClient;
let consumer: KMSClient;
const dir = mkdtempSync(join(tmpdir(), 'kms-openssl-'));

beforeAll(async () => {
  h = await startHarness();
  kms = h.kmsClient();
  consumer = h.kmsClient(CONSUMER);
});
afterAll(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

const message = new TextEncoder().encode('Rx 2026-12-06: amoxicillin 500 mg, 3x daily');

/** Runs openssl on files in the temp dir; returns stdout (openssl exits non-zero on failure). */
function openssl(args: string[]): string {
  return execFileSync('openssl', args, { cwd: dir, encoding: 'utf8' });
}

function derToPem(der: Uint8Array, name: string): string {
  writeFileSync(join(dir, `${name}.der`), der);
  openssl(['pkey', '-pubin', '-inform', 'DER', '-in', `${name}.der`, '-out', `${name}.pem`]);
  return `${name}.pem`;
}

describe('signatures made through the gateway verify outside sealbus', () => {
  it('ECDSA P-256 (Sign, GetPublicKey): node:crypto and openssl dgst verify with the public key alone', async () => {
    const { KeyMetadata } = await kms.send(
      new CreateKeyCommand({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }),
    );
    expect(KeyMetadata).toMatchObject({
      KeySpec: 'ECC_NIST_P256',
      KeyUsage: 'SIGN_VERIFY',
      SigningAlgorithms: ['ECDSA_SHA_256'],
    });
    expect(KeyMetadata?.EncryptionAlgorithms).toBeUndefined();
    const keyId = KeyMetadata!.KeyId!;
    const { Signature, SigningAlgorithm, KeyId } = await kms.send(
      new SignCommand({ KeyId: keyId, Message: message, SigningAlgorithm: 'ECDSA_SHA_256' }),
    );
    expect({ SigningAlgorithm, KeyId }).toEqual({
      SigningAlgorithm: 'ECDSA_SHA_256',
      KeyId: KeyMetadata!.Arn,
    });
    const publicKey = await kms.send(new GetPublicKeyCommand({ KeyId: keyId }));
    expect(publicKey).toMatchObject({
      KeySpec: 'ECC_NIST_P256',
      KeyUsage: 'SIGN_VERIFY',
      SigningAlgorithms: ['ECDSA_SHA_256'],
    });
    const key = createPublicKey({
      key: Buffer.from(publicKey.PublicKey!),
      format: 'der',
      type: 'spki',
    });
    expect(verify('sha256', message, key, Signature!)).toBe(true);
    const pem = derToPem(publicKey.PublicKey!, 'ec');
    writeFileSync(join(dir, 'message.bin'), message);
    writeFileSync(join(dir, 'ec.sig'), Signature!);
    expect(
      openssl(['dgst', '-sha256', '-verify', pem, '-signature', 'ec.sig', 'message.bin']),
    ).toContain('Verified OK');
    writeFileSync(join(dir, 'tampered.bin'), 'Rx: 5000 mg');
    expect(() =>
      openssl(['dgst', '-sha256', '-verify', pem, '-signature', 'ec.sig', 'tampered.bin']),
    ).toThrow();

    // A DIGEST signature verifies in openssl pkeyutl over the same digest.
    const digest = createHash('sha256').update(message).digest();
    const fromDigest = await kms.send(
      new SignCommand({
        KeyId: keyId,
        Message: digest,
        MessageType: 'DIGEST',
        SigningAlgorithm: 'ECDSA_SHA_256',
      }),
    );
    writeFileSync(join(dir, 'digest.bin'), digest);
    writeFileSync(join(dir, 'digest.sig'), fromDigest.Signature!);
    expect(
      openssl([
        'pkeyutl',
        '-verify',
        '-pubin',
        '-inkey',
        pem,
        '-in',
        'digest.bin',
        '-sigfile',
        'digest.sig',
      ]),
    ).toContain('Signature Verified Successfully');
    const verified = await kms.send(
      new VerifyCommand({
        KeyId: keyId,
        Message: message,
        Signature: fromDigest.Signature!,
        SigningAlgorithm: 'ECDSA_SHA_256',
      }),
    );
    expect(verified.SignatureValid).toBe(true);
    // Verify (KMS API reference): an invalid signature is KMSInvalidSignatureException.
    await expect(
      kms.send(
        new VerifyCommand({
          KeyId: keyId,
          Message: new Uint8Array([1]),
          Signature: Signature!,
          SigningAlgorithm: 'ECDSA_SHA_256',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'KMSInvalidSignatureException',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('RSA-PSS SHA-256 verifies with openssl pkeyutl (salt length 32, as KMS)', async () => {
    const { KeyMetadata } = await kms.send(
      new CreateKeyCommand({ KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' }),
    );
    const keyId = KeyMetadata!.KeyId!;
    const { Signature } = await kms.send(
      new SignCommand({ KeyId: keyId, Message: message, SigningAlgorithm: 'RSASSA_PSS_SHA_256' }),
    );
    const pem = derToPem(
      (await kms.send(new GetPublicKeyCommand({ KeyId: keyId }))).PublicKey!,
      'rsa-sign',
    );
    writeFileSync(join(dir, 'pss-digest.bin'), createHash('sha256').update(message).digest());
    writeFileSync(join(dir, 'pss.sig'), Signature!);
    const out = openssl([
      'pkeyutl',
      '-verify',
      '-pubin',
      '-inkey',
      pem,
      '-in',
      'pss-digest.bin',
      '-sigfile',
      'pss.sig',
      '-pkeyopt',
      'digest:sha256',
      '-pkeyopt',
      'rsa_padding_mode:pss',
      '-pkeyopt',
      'rsa_pss_saltlen:32',
    ]);
    expect(out).toContain('Signature Verified Successfully');
  });
});

describe('RSA encryption, HMAC and data key pairs over the wire', () => {
  it('decrypts RSA ciphertexts made outside with the public key (node:crypto and openssl OAEP)', async () => {
    const { KeyMetadata } = await kms.send(
      new CreateKeyCommand({ KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' }),
    );
    expect(KeyMetadata?.EncryptionAlgorithms).toEqual(['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256']);
    const keyId = KeyMetadata!.KeyId!;
    const publicKey = await kms.send(new GetPublicKeyCommand({ KeyId: keyId }));
    const key = createPublicKey({
      key: Buffer.from(publicKey.PublicKey!),
      format: 'der',
      type: 'spki',
    });
    const outside = publicEncrypt(
      { key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
      Buffer.from('node secret'),
    );
    const opened = await kms.send(
      new DecryptCommand({
        KeyId: keyId,
        CiphertextBlob: outside,
        EncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
      }),
    );
    expect(Buffer.from(opened.Plaintext!).toString()).toBe('node secret');
    const pem = derToPem(publicKey.PublicKey!, 'rsa-enc');
    writeFileSync(join(dir, 'secret.txt'), 'openssl secret');
    openssl([
      'pkeyutl',
      '-encrypt',
      '-pubin',
      '-inkey',
      pem,
      '-in',
      'secret.txt',
      '-out',
      'secret.enc',
      '-pkeyopt',
      'rsa_padding_mode:oaep',
    ]);
    const fromOpenssl = await kms.send(
      new DecryptCommand({
        KeyId: keyId,
        CiphertextBlob: readFileSync(join(dir, 'secret.enc')),
        EncryptionAlgorithm: 'RSAES_OAEP_SHA_1',
      }),
    );
    expect(Buffer.from(fromOpenssl.Plaintext!).toString()).toBe('openssl secret');
    const sealed = await kms.send(
      new EncryptCommand({
        KeyId: keyId,
        Plaintext: message,
        EncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
      }),
    );
    expect(sealed.CiphertextBlob).toHaveLength(256);
  });

  it('GenerateMac/VerifyMac round trip; a changed MAC is KMSInvalidMacException', async () => {
    const { KeyMetadata } = await kms.send(
      new CreateKeyCommand({ KeySpec: 'HMAC_384', KeyUsage: 'GENERATE_VERIFY_MAC' }),
    );
    expect(KeyMetadata?.MacAlgorithms).toEqual(['HMAC_SHA_384']);
    const keyId = KeyMetadata!.KeyId!;
    const { Mac } = await kms.send(
      new GenerateMacCommand({ KeyId: keyId, Message: message, MacAlgorithm: 'HMAC_SHA_384' }),
    );
    expect(Mac).toHaveLength(48);
    expect(
      (
        await kms.send(
          new VerifyMacCommand({
            KeyId: keyId,
            Message: message,
            Mac,
            MacAlgorithm: 'HMAC_SHA_384',
          }),
        )
      ).MacValid,
    ).toBe(true);
    const other = createHmac('sha384', 'not the key').update(message).digest();
    await expect(
      kms.send(
        new VerifyMacCommand({
          KeyId: keyId,
          Message: message,
          Mac: other,
          MacAlgorithm: 'HMAC_SHA_384',
        }),
      ),
    ).rejects.toMatchObject({ name: 'KMSInvalidMacException' });
  });

  it('GenerateDataKeyPair returns a DER public key matching the PKCS#8 private key', async () => {
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
    const pair = await kms.send(
      new GenerateDataKeyPairCommand({ KeyId: KeyMetadata!.KeyId!, KeyPairSpec: 'ECC_NIST_P384' }),
    );
    expect(pair.KeyPairSpec).toBe('ECC_NIST_P384');
    const fromPrivate = createPublicKey(
      createPrivateKey({
        key: Buffer.from(pair.PrivateKeyPlaintext!),
        format: 'der',
        type: 'pkcs8',
      }),
    );
    expect(fromPrivate.export({ type: 'spki', format: 'der' })).toEqual(
      Buffer.from(pair.PublicKey!),
    );
    const opened = await kms.send(
      new DecryptCommand({ CiphertextBlob: pair.PrivateKeyCiphertextBlob! }),
    );
    expect(Buffer.from(opened.Plaintext!)).toEqual(Buffer.from(pair.PrivateKeyPlaintext!));
  });
});

describe('policies, grants and the documented errors on the wire', () => {
  it('a grantee can sign, a non-grantee cannot, a retired grant stops working', async () => {
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: PRODUCER.accessKeyId },
          Action: 'kms:*',
          Resource: '*',
        },
      ],
    });
    const { KeyMetadata } = await kms.send(
      new CreateKeyCommand({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY', Policy: policy }),
    );
    const keyId = KeyMetadata!.KeyId!;
    const sign = () =>
      consumer.send(
        new SignCommand({ KeyId: keyId, Message: message, SigningAlgorithm: 'ECDSA_SHA_256' }),
      );
    await expect(sign()).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: `User: ${CONSUMER.accessKeyId} is not authorized to perform: kms:Sign on resource: ${KeyMetadata!.Arn} because no resource-based policy allows the kms:Sign action`,
    });
    const grant = await kms.send(
      new CreateGrantCommand({
        KeyId: keyId,
        GranteePrincipal: CONSUMER.accessKeyId,
        Operations: ['Sign', 'RetireGrant'],
        Name: 'pharmacy',
      }),
    );
    await expect(sign()).resolves.toMatchObject({ SigningAlgorithm: 'ECDSA_SHA_256' });
    const { Grants } = await kms.send(new ListGrantsCommand({ KeyId: keyId }));
    expect(Grants).toEqual([
      expect.objectContaining({
        GrantId: grant.GrantId,
        Name: 'pharmacy',
        Operations: ['Sign', 'RetireGrant'],
        GranteePrincipal: CONSUMER.accessKeyId,
      }),
    ]);
    expect(Grants?.[0]?.CreationDate).toBeInstanceOf(Date);
    await consumer.send(new RetireGrantCommand({ GrantToken: grant.GrantToken }));
    await expect(sign()).rejects.toMatchObject({ name: 'AccessDeniedException' });
    await expect(
      kms.send(
        new EncryptCommand({ KeyId: keyId, Plaintext: message, GrantTokens: [grant.GrantToken!] }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidGrantTokenException' });
  });

  it('answers alias, validation, key and limit errors with the codes and texts of AWS KMS', async () => {
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
    const keyId = KeyMetadata!.KeyId!;
    const other = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    const cases: [Promise<unknown>, string, string | RegExp][] = [
      [
        kms.send(new CreateAliasCommand({ AliasName: 'orders', TargetKeyId: keyId })),
        'ValidationException',
        'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html',
      ],
      [
        kms.send(new CreateAliasCommand({ AliasName: 'alias/bad name', TargetKeyId: keyId })),
        'ValidationException',
        "1 validation error detected: Value 'alias/bad name' at 'aliasName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$",
      ],
      [
        kms.send(new CreateAliasCommand({ AliasName: 'alias/aws/mine', TargetKeyId: keyId })),
        'NotAuthorizedException',
        /alias\/aws\//,
      ],
      [
        kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: new Uint8Array(4097) })),
        'ValidationException',
        "1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=4097 cap=4097]' at 'plaintext' failed to satisfy constraint: Member must have length less than or equal to 4096",
      ],
      [
        kms.send(new GenerateRandomCommand({ NumberOfBytes: 1025 })),
        'ValidationException',
        "1 validation error detected: Value '1025' at 'numberOfBytes' failed to satisfy constraint: Member must have value less than or equal to 1024",
      ],
      [
        kms.send(
          new SignCommand({ KeyId: keyId, Message: message, SigningAlgorithm: 'ECDSA_SHA_256' }),
        ),
        'InvalidKeyUsageException',
        /ENCRYPT_DECRYPT/,
      ],
      [
        kms.send(new GetPublicKeyCommand({ KeyId: keyId })),
        'UnsupportedOperationException',
        /SYMMETRIC_DEFAULT/,
      ],
      [
        kms.send(new CreateKeyCommand({ MultiRegion: true })),
        'UnsupportedOperationException',
        /MultiRegion/,
      ],
      [
        kms.send(
          new TagResourceCommand({ KeyId: keyId, Tags: [{ TagKey: 'aws:x', TagValue: 'y' }] }),
        ),
        'TagException',
        'Tags beginning with aws: are reserved.',
      ],
    ];
    for (const [call, name, text] of cases) {
      const error = await call.then(
        () => undefined,
        (e: Error) => e,
      );
      expect(error, name).toMatchObject({ name, $metadata: { httpStatusCode: 400 } });
      if (typeof text === 'string') expect(error?.message).toBe(text);
      else expect(error?.message).toMatch(text);
    }
    // Decrypt (KMS API reference): a KeyId that is not the ciphertext's key is IncorrectKeyException.
    const { CiphertextBlob } = await kms.send(
      new EncryptCommand({ KeyId: keyId, Plaintext: message }),
    );
    await expect(
      kms.send(new DecryptCommand({ KeyId: other, CiphertextBlob })),
    ).rejects.toMatchObject({
      name: 'IncorrectKeyException',
      message: 'The key ID in the request does not identify a CMK that can perform this operation.',
    });
    // A missing required member, in AWS's form (raw JSON: the SDK would refuse to send it).
    const response = await fetch(h.gateway.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'TrentService.Sign',
      },
      body: JSON.stringify({ Message: 'AA==', SigningAlgorithm: 'ECDSA_SHA_256' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      __type: 'ValidationException',
      message:
        "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null",
    });
  });

  it('serves descriptions, policies, tags, rotations, random bytes and deletion with KeyId as the key ARN', async () => {
    const { KeyMetadata } = await kms.send(
      new CreateKeyCommand({ Tags: [{ TagKey: 'team', TagValue: 'emr' }] }),
    );
    const keyId = KeyMetadata!.KeyId!;
    await kms.send(new UpdateKeyDescriptionCommand({ KeyId: keyId, Description: 'prescriptions' }));
    expect(
      (await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata?.Description,
    ).toBe('prescriptions');
    expect(await kms.send(new ListKeyPoliciesCommand({ KeyId: keyId }))).toMatchObject({
      PolicyNames: ['default'],
      Truncated: false,
    });
    await kms.send(
      new TagResourceCommand({ KeyId: keyId, Tags: [{ TagKey: 'cost', TagValue: 'c1' }] }),
    );
    await kms.send(new UntagResourceCommand({ KeyId: keyId, TagKeys: ['team'] }));
    expect((await kms.send(new ListResourceTagsCommand({ KeyId: keyId }))).Tags).toEqual([
      { TagKey: 'cost', TagValue: 'c1' },
    ]);
    await kms.send(new RotateKeyOnDemandCommand({ KeyId: keyId }));
    const { Rotations } = await kms.send(new ListKeyRotationsCommand({ KeyId: keyId }));
    expect(Rotations).toEqual([
      { KeyId: KeyMetadata!.Arn, RotationDate: expect.any(Date), RotationType: 'ON_DEMAND' },
    ]);
    const random = await kms.send(new GenerateRandomCommand({ NumberOfBytes: 64 }));
    expect(random.Plaintext).toHaveLength(64);
    // ScheduleKeyDeletion and CancelKeyDeletion return the key ARN in KeyId (KMS API reference).
    const scheduled = await kms.send(
      new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }),
    );
    expect(scheduled.KeyId).toBe(KeyMetadata!.Arn);
    expect((await kms.send(new CancelKeyDeletionCommand({ KeyId: keyId }))).KeyId).toBe(
      KeyMetadata!.Arn,
    );
  });
});
