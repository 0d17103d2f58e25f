import {
  DecryptCommand,
  DescribeKeyCommand,
  DisabledException,
  GenerateDataKeyCommand,
  KMSClient,
  KMSServiceException,
} from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it, onTestFinished } from 'vitest';
import { AwsKmsKeyProvider } from './AwsKmsKeyProvider.js';

const KEY_ARN = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const CONTEXT = { 'aws:sqs:arn': 'arn:aws:sqs:us-east-1:123456789012:orders' };

function provider(grantTokens?: string[]) {
  const client = new KMSClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
  });
  const kms = mockClient(client);
  onTestFinished(() => {
    kms.restore();
    client.destroy();
  });
  return {
    kms,
    keys: new AwsKmsKeyProvider({ client }, grantTokens === undefined ? {} : { grantTokens }),
  };
}

describe('AwsKmsKeyProvider', () => {
  it('asks for AES_256 data keys bound to the encryption context, with grant tokens', async () => {
    const { kms, keys } = provider(['grant-1']);
    kms.on(GenerateDataKeyCommand).resolves({
      KeyId: KEY_ARN,
      Plaintext: new Uint8Array(32).fill(7),
      CiphertextBlob: Uint8Array.of(1, 2, 3),
    });
    const key = await keys.generateDataKey({
      keyId: 'alias/orders',
      context: CONTEXT,
      principal: 'ignored',
    });
    expect(key).toEqual({
      keyArn: KEY_ARN,
      plaintext: new Uint8Array(32).fill(7),
      ciphertextBlob: Uint8Array.of(1, 2, 3),
    });
    expect(kms.commandCalls(GenerateDataKeyCommand)[0]!.args[0].input).toEqual({
      KeyId: 'alias/orders',
      KeySpec: 'AES_256',
      EncryptionContext: CONTEXT,
      GrantTokens: ['grant-1'],
    });
  });

  it('decrypts with the context and the optional key id', async () => {
    const { kms, keys } = provider();
    kms.on(DecryptCommand).resolves({ KeyId: KEY_ARN, Plaintext: new Uint8Array(32) });
    expect(
      await keys.decrypt({ ciphertextBlob: Uint8Array.of(9), context: CONTEXT, keyId: KEY_ARN }),
    ).toEqual({
      keyArn: KEY_ARN,
      plaintext: new Uint8Array(32),
    });
    expect(kms.commandCalls(DecryptCommand)[0]!.args[0].input).toEqual({
      CiphertextBlob: Uint8Array.of(9),
      EncryptionContext: CONTEXT,
      KeyId: KEY_ARN,
    });
  });

  it('maps KMS errors to the sealbus KMS errors', async () => {
    const { kms, keys } = provider();
    kms
      .on(GenerateDataKeyCommand)
      .rejects(new DisabledException({ message: `${KEY_ARN} is disabled.`, $metadata: {} }));
    await expect(keys.generateDataKey({ keyId: KEY_ARN, context: CONTEXT })).rejects.toMatchObject({
      name: 'KmsDisabledError',
      code: 'KMS.DisabledException',
    });
    kms.on(DecryptCommand).rejects(
      new KMSServiceException({
        name: 'KMSOptInRequired',
        $fault: 'client',
        $metadata: {},
        message: 'opt in',
      }),
    );
    await expect(
      keys.decrypt({ ciphertextBlob: Uint8Array.of(1), context: CONTEXT }),
    ).rejects.toMatchObject({
      code: 'KMS.OptInRequired',
    });
  });

  it('refuses an answer without key material instead of returning empty keys', async () => {
    const { kms, keys } = provider();
    kms.on(GenerateDataKeyCommand).resolves({ KeyId: KEY_ARN });
    await expect(keys.generateDataKey({ keyId: KEY_ARN, context: CONTEXT })).rejects.toMatchObject({
      code: 'KMS.KMSInternalException',
    });
  });

  it('describes symmetric keys in sealbus form and rejects asymmetric ones', async () => {
    const { kms, keys } = provider();
    const created = new Date('2026-01-01T00:00:00Z');
    kms.on(DescribeKeyCommand).resolves({
      KeyMetadata: {
        KeyId: '1234abcd-12ab-34cd-56ef-1234567890ab',
        Arn: KEY_ARN,
        AWSAccountId: '123456789012',
        CreationDate: created,
        Enabled: false,
        KeyState: 'PendingDeletion',
        DeletionDate: new Date('2026-02-01T00:00:00Z'),
        PendingDeletionWindowInDays: 7,
        Description: 'orders',
        KeyUsage: 'ENCRYPT_DECRYPT',
        KeySpec: 'SYMMETRIC_DEFAULT',
        KeyManager: 'CUSTOMER',
        Origin: 'AWS_KMS',
        MultiRegion: false,
      },
    });
    expect(await keys.describeKey('alias/orders')).toMatchObject({
      arn: KEY_ARN,
      keyState: 'PendingDeletion',
      enabled: false,
      creationDate: created,
      pendingDeletionWindowInDays: 7,
      keyManager: 'CUSTOMER',
    });
    kms.on(DescribeKeyCommand).resolves({
      KeyMetadata: { KeyId: 'k', Arn: KEY_ARN, KeyUsage: 'SIGN_VERIFY', KeySpec: 'ECC_NIST_P256' },
    });
    await expect(keys.describeKey('k')).rejects.toMatchObject({
      code: 'KMS.InvalidKeyUsageException',
    });
  });
});
