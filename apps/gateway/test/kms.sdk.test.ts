import {
  AlreadyExistsException,
  CancelKeyDeletionCommand,
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DeleteAliasCommand,
  DescribeKeyCommand,
  DisabledException,
  DisableKeyCommand,
  DisableKeyRotationCommand,
  EnableKeyCommand,
  EnableKeyRotationCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateDataKeyWithoutPlaintextCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  IncorrectKeyException,
  InvalidCiphertextException,
  type KMSClient,
  KMSInvalidStateException,
  ListAliasesCommand,
  ListKeysCommand,
  ListResourceTagsCommand,
  NotFoundException,
  PutKeyPolicyCommand,
  ReEncryptCommand,
  RotateKeyOnDemandCommand,
  ScheduleKeyDeletionCommand,
  UpdateAliasCommand,
} from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSUMER, denyConsumerDecryptPolicy, type Harness, startHarness } from './harness.js';

let h: Harness;
let kms: KMSClient;

beforeAll(async () => {
  h = await startHarness();
  kms = h.kmsClient();
});
afterAll(() => h.close());

const utf8 = new TextEncoder();
const text = new TextDecoder();

async function createKey(description = 'test key'): Promise<string> {
  const { KeyMetadata } = await kms.send(new CreateKeyCommand({ Description: description }));
  return KeyMetadata!.KeyId!;
}

describe('keys', () => {
  it('creates, describes and lists keys with KMS metadata', async () => {
    const { KeyMetadata } = await kms.send(
      new CreateKeyCommand({ Description: 'orders', Tags: [{ TagKey: 'team', TagValue: 'a' }] }),
    );
    expect(KeyMetadata).toMatchObject({
      AWSAccountId: '000000000000',
      Arn: `arn:aws:kms:us-east-1:000000000000:key/${KeyMetadata!.KeyId}`,
      Enabled: true,
      KeyState: 'Enabled',
      Description: 'orders',
      KeyUsage: 'ENCRYPT_DECRYPT',
      KeySpec: 'SYMMETRIC_DEFAULT',
      KeyManager: 'CUSTOMER',
      Origin: 'AWS_KMS',
      EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
    });
    expect(KeyMetadata!.CreationDate).toBeInstanceOf(Date);
    const described = await kms.send(new DescribeKeyCommand({ KeyId: KeyMetadata!.Arn }));
    expect(described.KeyMetadata?.KeyId).toBe(KeyMetadata!.KeyId);
    const { Keys } = await kms.send(new ListKeysCommand({}));
    expect(Keys?.map((k) => k.KeyId)).toContain(KeyMetadata!.KeyId);
  });

  it('pages ListKeys with Limit and Marker', async () => {
    await createKey();
    await createKey();
    const first = await kms.send(new ListKeysCommand({ Limit: 1 }));
    expect(first.Keys).toHaveLength(1);
    expect(first.Truncated).toBe(true);
    const second = await kms.send(new ListKeysCommand({ Limit: 1, Marker: first.NextMarker }));
    expect(second.Keys?.[0]?.KeyId).not.toBe(first.Keys?.[0]?.KeyId);
  });

  it('disables, enables, schedules and cancels deletion', async () => {
    const keyId = await createKey();
    await kms.send(new DisableKeyCommand({ KeyId: keyId }));
    await expect(
      kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8.encode('x') })),
    ).rejects.toBeInstanceOf(DisabledException);
    await kms.send(new EnableKeyCommand({ KeyId: keyId }));
    const scheduled = await kms.send(
      new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }),
    );
    expect(scheduled).toMatchObject({ KeyState: 'PendingDeletion', PendingWindowInDays: 7 });
    expect(scheduled.KeyId).toMatch(/^arn:aws:kms:/);
    expect(scheduled.DeletionDate).toBeInstanceOf(Date);
    await expect(
      kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8.encode('x') })),
    ).rejects.toBeInstanceOf(KMSInvalidStateException);
    await kms.send(new CancelKeyDeletionCommand({ KeyId: keyId }));
    const { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId: keyId }));
    expect(KeyMetadata?.KeyState).toBe('Disabled');
  });

  it('enables rotation and reports its status', async () => {
    const keyId = await createKey();
    expect(
      (await kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }))).KeyRotationEnabled,
    ).toBe(false);
    await kms.send(new EnableKeyRotationCommand({ KeyId: keyId, RotationPeriodInDays: 90 }));
    const status = await kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }));
    expect(status).toMatchObject({ KeyRotationEnabled: true, RotationPeriodInDays: 90 });
    expect(status.NextRotationDate).toBeInstanceOf(Date);
  });

  it('disables rotation, rotates on demand (old ciphertexts still decrypt) and lists tags', async () => {
    const { KeyMetadata } = await kms.send(
      new CreateKeyCommand({ Tags: [{ TagKey: 'owner', TagValue: 'billing' }] }),
    );
    const keyId = KeyMetadata!.KeyId!;
    const before = await kms.send(
      new EncryptCommand({ KeyId: keyId, Plaintext: utf8.encode('v1') }),
    );
    await kms.send(new EnableKeyRotationCommand({ KeyId: keyId }));
    await kms.send(new DisableKeyRotationCommand({ KeyId: keyId }));
    expect(
      (await kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }))).KeyRotationEnabled,
    ).toBe(false);
    expect((await kms.send(new RotateKeyOnDemandCommand({ KeyId: keyId }))).KeyId).toBe(keyId);
    const opened = await kms.send(new DecryptCommand({ CiphertextBlob: before.CiphertextBlob }));
    expect(text.decode(opened.Plaintext)).toBe('v1');
    expect((await kms.send(new ListResourceTagsCommand({ KeyId: keyId }))).Tags).toEqual([
      { TagKey: 'owner', TagValue: 'billing' },
    ]);
  });

  it('reports unknown keys as NotFoundException', async () => {
    await expect(
      kms.send(new DescribeKeyCommand({ KeyId: '11111111-2222-3333-4444-555555555555' })),
    ).rejects.toBeInstanceOf(NotFoundException);
  });
});

describe('aliases', () => {
  it('creates, updates, lists and deletes aliases', async () => {
    const a = await createKey('a');
    const b = await createKey('b');
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/orders', TargetKeyId: a }));
    await expect(
      kms.send(new CreateAliasCommand({ AliasName: 'alias/orders', TargetKeyId: b })),
    ).rejects.toBeInstanceOf(AlreadyExistsException);
    await kms.send(new UpdateAliasCommand({ AliasName: 'alias/orders', TargetKeyId: b }));
    const { Aliases } = await kms.send(new ListAliasesCommand({ KeyId: b }));
    expect(Aliases).toEqual([
      expect.objectContaining({
        AliasName: 'alias/orders',
        AliasArn: 'arn:aws:kms:us-east-1:000000000000:alias/orders',
        TargetKeyId: b,
      }),
    ]);
    expect(
      (await kms.send(new DescribeKeyCommand({ KeyId: 'alias/orders' }))).KeyMetadata?.KeyId,
    ).toBe(b);
    await kms.send(new DeleteAliasCommand({ AliasName: 'alias/orders' }));
    await expect(
      kms.send(new DescribeKeyCommand({ KeyId: 'alias/orders' })),
    ).rejects.toBeInstanceOf(NotFoundException);
  });
});

describe('cryptographic operations', () => {
  it('encrypts, decrypts without a KeyId and re-encrypts under another key', async () => {
    const a = await createKey();
    const b = await createKey();
    const context = { purpose: 'test' };
    const encrypted = await kms.send(
      new EncryptCommand({
        KeyId: a,
        Plaintext: utf8.encode('secret'),
        EncryptionContext: context,
      }),
    );
    expect(encrypted.KeyId).toBe(`arn:aws:kms:us-east-1:000000000000:key/${a}`);
    expect(encrypted.EncryptionAlgorithm).toBe('SYMMETRIC_DEFAULT');
    const decrypted = await kms.send(
      new DecryptCommand({ CiphertextBlob: encrypted.CiphertextBlob, EncryptionContext: context }),
    );
    expect(text.decode(decrypted.Plaintext)).toBe('secret');
    expect(decrypted.KeyId).toBe(encrypted.KeyId);
    await expect(
      kms.send(new DecryptCommand({ CiphertextBlob: encrypted.CiphertextBlob })),
    ).rejects.toBeInstanceOf(InvalidCiphertextException);
    await expect(
      kms.send(
        new DecryptCommand({
          CiphertextBlob: encrypted.CiphertextBlob,
          EncryptionContext: context,
          KeyId: b,
        }),
      ),
    ).rejects.toBeInstanceOf(IncorrectKeyException);
    const reEncrypted = await kms.send(
      new ReEncryptCommand({
        CiphertextBlob: encrypted.CiphertextBlob,
        SourceEncryptionContext: context,
        DestinationKeyId: b,
      }),
    );
    expect(reEncrypted.SourceKeyId).toBe(encrypted.KeyId);
    expect(reEncrypted.KeyId).toBe(`arn:aws:kms:us-east-1:000000000000:key/${b}`);
    const again = await kms.send(
      new DecryptCommand({ CiphertextBlob: reEncrypted.CiphertextBlob }),
    );
    expect(text.decode(again.Plaintext)).toBe('secret');
  });

  it('generates data keys with and without plaintext', async () => {
    const keyId = await createKey();
    const withPlaintext = await kms.send(
      new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256' }),
    );
    expect(withPlaintext.Plaintext).toHaveLength(32);
    const opened = await kms.send(
      new DecryptCommand({ CiphertextBlob: withPlaintext.CiphertextBlob }),
    );
    expect(opened.Plaintext).toEqual(withPlaintext.Plaintext);
    const without = await kms.send(
      new GenerateDataKeyWithoutPlaintextCommand({ KeyId: keyId, NumberOfBytes: 16 }),
    );
    expect(without).not.toHaveProperty('Plaintext');
    expect(
      (await kms.send(new DecryptCommand({ CiphertextBlob: without.CiphertextBlob }))).Plaintext,
    ).toHaveLength(16);
    await expect(
      kms.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256', NumberOfBytes: 8 })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });
});

describe('key policies', () => {
  it('gets the default policy and applies a put policy per access key id', async () => {
    const keyId = await createKey();
    const { Policy, PolicyName } = await kms.send(
      new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default' }),
    );
    expect(PolicyName).toBe('default');
    expect(JSON.parse(Policy!)).toHaveProperty('Statement');
    const encrypted = await kms.send(
      new EncryptCommand({ KeyId: keyId, Plaintext: utf8.encode('for producer only') }),
    );
    await kms.send(
      new PutKeyPolicyCommand({
        KeyId: keyId,
        PolicyName: 'default',
        Policy: denyConsumerDecryptPolicy(),
      }),
    );
    const consumer = h.kmsClient(CONSUMER);
    await expect(
      consumer.send(new DecryptCommand({ CiphertextBlob: encrypted.CiphertextBlob })),
    ).rejects.toMatchObject({ name: 'AccessDeniedException' });
    const producer = await kms.send(
      new DecryptCommand({ CiphertextBlob: encrypted.CiphertextBlob }),
    );
    expect(text.decode(producer.Plaintext)).toBe('for producer only');
  });
});
