import {
  describeValue,
  type EncryptionContext,
  InvalidParameterValueError,
  type KeyMetadata,
  KmsNotFoundError,
} from '@sealbus/core';
import type { DataKeyRequest, DataKeySpec, LocalKms } from '@sealbus/kms-local';
import type { Actions } from './context.js';
import {
  type ActionInput,
  optionalInteger,
  optionalObjectList,
  optionalString,
  optionalStringMap,
  requiredBlob,
  requiredString,
  toBase64,
} from './input.js';

/** KMS has a single key policy per key, named `default`. */
const POLICY_NAME = 'default';

/** The KMS actions over a `LocalKms` (JSON 1.1; blobs as base64, timestamps as epoch seconds). */
export function kmsActions(kms: LocalKms): Actions {
  return {
    async CreateKey(input, context) {
      const metadata = await kms.createKey({
        description: optionalString(input, 'Description'),
        keyUsage: optionalString(input, 'KeyUsage'),
        keySpec: optionalString(input, 'KeySpec') ?? optionalString(input, 'CustomerMasterKeySpec'),
        policy: optionalString(input, 'Policy'),
        tags: readTags(input),
        principal: context.principal,
      });
      return { KeyMetadata: wireKeyMetadata(metadata) };
    },

    async DescribeKey(input, context) {
      const metadata = await kms.describeKey(requiredString(input, 'KeyId'), context.principal);
      return { KeyMetadata: wireKeyMetadata(metadata) };
    },

    async ListKeys(input) {
      const page = await kms.listKeys({
        limit: optionalInteger(input, 'Limit'),
        marker: optionalString(input, 'Marker'),
      });
      return {
        Keys: page.keys.map((key) => ({ KeyId: key.keyId, KeyArn: key.keyArn })),
        Truncated: page.truncated,
        NextMarker: page.nextMarker,
      };
    },

    async ListResourceTags(input) {
      const tags = await kms.listResourceTags(requiredString(input, 'KeyId'));
      return {
        Tags: Object.entries(tags).map(([TagKey, TagValue]) => ({ TagKey, TagValue })),
        Truncated: false,
      };
    },

    async CreateAlias(input) {
      await kms.createAlias(
        requiredString(input, 'AliasName'),
        requiredString(input, 'TargetKeyId'),
      );
      return {};
    },

    async UpdateAlias(input) {
      await kms.updateAlias(
        requiredString(input, 'AliasName'),
        requiredString(input, 'TargetKeyId'),
      );
      return {};
    },

    async DeleteAlias(input) {
      await kms.deleteAlias(requiredString(input, 'AliasName'));
      return {};
    },

    async ListAliases(input) {
      const page = await kms.listAliases({
        keyId: optionalString(input, 'KeyId'),
        limit: optionalInteger(input, 'Limit'),
        marker: optionalString(input, 'Marker'),
      });
      return {
        Aliases: page.aliases.map((alias) => ({
          AliasName: alias.aliasName,
          AliasArn: alias.aliasArn,
          TargetKeyId: alias.targetKeyId,
          CreationDate: epochSeconds(alias.creationDate),
          LastUpdatedDate: epochSeconds(alias.lastUpdatedDate),
        })),
        Truncated: page.truncated,
        NextMarker: page.nextMarker,
      };
    },

    async EnableKey(input) {
      await kms.enableKey(requiredString(input, 'KeyId'));
      return {};
    },

    async DisableKey(input) {
      await kms.disableKey(requiredString(input, 'KeyId'));
      return {};
    },

    async ScheduleKeyDeletion(input) {
      const result = await kms.scheduleKeyDeletion(
        requiredString(input, 'KeyId'),
        optionalInteger(input, 'PendingWindowInDays'),
      );
      return {
        KeyId: result.keyId,
        DeletionDate: epochSeconds(result.deletionDate),
        KeyState: result.keyState,
        PendingWindowInDays: result.pendingWindowInDays,
      };
    },

    async CancelKeyDeletion(input) {
      return { KeyId: (await kms.cancelKeyDeletion(requiredString(input, 'KeyId'))).keyId };
    },

    async EnableKeyRotation(input) {
      await kms.enableKeyRotation(
        requiredString(input, 'KeyId'),
        optionalInteger(input, 'RotationPeriodInDays'),
      );
      return {};
    },

    async DisableKeyRotation(input) {
      await kms.disableKeyRotation(requiredString(input, 'KeyId'));
      return {};
    },

    async GetKeyRotationStatus(input) {
      const status = await kms.getKeyRotationStatus(requiredString(input, 'KeyId'));
      return {
        KeyId: status.keyId,
        KeyRotationEnabled: status.keyRotationEnabled,
        RotationPeriodInDays: status.rotationPeriodInDays,
        NextRotationDate:
          status.nextRotationDate === undefined ? undefined : epochSeconds(status.nextRotationDate),
      };
    },

    async RotateKeyOnDemand(input) {
      // Unlike most outputs, RotateKeyOnDemand names the key by its id, not its ARN.
      const { keyId } = await kms.rotateKey(requiredString(input, 'KeyId'));
      return { KeyId: keyId.slice(keyId.lastIndexOf('/') + 1) };
    },

    async GenerateDataKey(input, context) {
      const result = await kms.generateDataKey({
        ...dataKeyRequest(input),
        principal: context.principal,
      });
      const plaintext = toBase64(result.plaintext);
      result.plaintext.fill(0);
      return {
        CiphertextBlob: toBase64(result.ciphertextBlob),
        Plaintext: plaintext,
        KeyId: result.keyArn,
      };
    },

    async GenerateDataKeyWithoutPlaintext(input, context) {
      const result = await kms.generateDataKeyWithoutPlaintext({
        ...dataKeyRequest(input),
        principal: context.principal,
      });
      return { CiphertextBlob: toBase64(result.ciphertextBlob), KeyId: result.keyArn };
    },

    async Encrypt(input, context) {
      const result = await kms.encrypt({
        keyId: requiredString(input, 'KeyId'),
        plaintext: requiredBlob(input, 'Plaintext'),
        context: encryptionContext(input, 'EncryptionContext'),
        principal: context.principal,
      });
      return {
        CiphertextBlob: toBase64(result.ciphertextBlob),
        KeyId: result.keyArn,
        EncryptionAlgorithm: result.encryptionAlgorithm,
      };
    },

    async Decrypt(input, context) {
      const keyId = optionalString(input, 'KeyId');
      const result = await kms.decrypt({
        ciphertextBlob: requiredBlob(input, 'CiphertextBlob'),
        context: encryptionContext(input, 'EncryptionContext'),
        principal: context.principal,
        ...(keyId === undefined ? {} : { keyId }),
      });
      const plaintext = toBase64(result.plaintext);
      result.plaintext.fill(0);
      return {
        Plaintext: plaintext,
        KeyId: result.keyArn,
        EncryptionAlgorithm: result.encryptionAlgorithm,
      };
    },

    async ReEncrypt(input, context) {
      const result = await kms.reEncrypt({
        ciphertextBlob: requiredBlob(input, 'CiphertextBlob'),
        sourceKeyId: optionalString(input, 'SourceKeyId'),
        sourceContext: encryptionContext(input, 'SourceEncryptionContext'),
        destinationKeyId: requiredString(input, 'DestinationKeyId'),
        destinationContext: encryptionContext(input, 'DestinationEncryptionContext'),
        principal: context.principal,
      });
      return {
        CiphertextBlob: toBase64(result.ciphertextBlob),
        SourceKeyId: result.sourceKeyArn,
        KeyId: result.keyArn,
        SourceEncryptionAlgorithm: result.sourceEncryptionAlgorithm,
        DestinationEncryptionAlgorithm: result.destinationEncryptionAlgorithm,
      };
    },

    async GetKeyPolicy(input) {
      const keyId = requiredString(input, 'KeyId');
      requirePolicyName(input);
      return { Policy: await kms.getKeyPolicy(keyId), PolicyName: POLICY_NAME };
    },

    async PutKeyPolicy(input) {
      const keyId = requiredString(input, 'KeyId');
      requirePolicyName(input);
      await kms.putKeyPolicy(keyId, requiredString(input, 'Policy'));
      return {};
    },
  };
}

function requirePolicyName(input: ActionInput): void {
  const name = optionalString(input, 'PolicyName') ?? POLICY_NAME;
  if (name !== POLICY_NAME) {
    throw new KmsNotFoundError(
      `PolicyName ${describeValue(name)} does not exist; every key has one policy, named "default"`,
      { field: 'PolicyName' },
    );
  }
}

function dataKeyRequest(input: ActionInput): Omit<DataKeyRequest, 'principal'> {
  const keySpec = optionalString(input, 'KeySpec');
  const numberOfBytes = optionalInteger(input, 'NumberOfBytes');
  return {
    keyId: requiredString(input, 'KeyId'),
    context: encryptionContext(input, 'EncryptionContext'),
    // LocalKms checks the spec (AES_256 | AES_128) and that at most one of the two is set.
    ...(keySpec === undefined ? {} : { keySpec: keySpec as DataKeySpec }),
    ...withNumberOfBytes(numberOfBytes),
  };
}

function withNumberOfBytes(numberOfBytes: number | undefined): { numberOfBytes?: number } {
  return numberOfBytes === undefined ? {} : { numberOfBytes };
}

function encryptionContext(input: ActionInput, name: string): EncryptionContext {
  return optionalStringMap(input, name) ?? {};
}

function readTags(input: ActionInput): Record<string, string> | undefined {
  const list = optionalObjectList(input, 'Tags');
  if (list === undefined) return undefined;
  const tags: Record<string, string> = {};
  for (const [index, tag] of list.entries()) {
    const key = optionalString(tag, 'TagKey');
    if (key === undefined) {
      throw new InvalidParameterValueError(`Tags[${index}].TagKey is required`, {
        field: `Tags[${index}].TagKey`,
      });
    }
    tags[key] = optionalString(tag, 'TagValue') ?? '';
  }
  return tags;
}

/** KMS JSON timestamps are epoch seconds (fractions allowed). */
function epochSeconds(date: Date): number {
  return date.getTime() / 1000;
}

function wireKeyMetadata(metadata: KeyMetadata): Record<string, unknown> {
  return {
    AWSAccountId: metadata.awsAccountId,
    KeyId: metadata.keyId,
    Arn: metadata.arn,
    CreationDate: epochSeconds(metadata.creationDate),
    Enabled: metadata.enabled,
    Description: metadata.description,
    KeyUsage: metadata.keyUsage,
    KeyState: metadata.keyState,
    DeletionDate:
      metadata.deletionDate === undefined ? undefined : epochSeconds(metadata.deletionDate),
    PendingDeletionWindowInDays: metadata.pendingDeletionWindowInDays,
    Origin: metadata.origin,
    KeyManager: metadata.keyManager,
    KeySpec: metadata.keySpec,
    CustomerMasterKeySpec: metadata.keySpec,
    EncryptionAlgorithms: [...metadata.encryptionAlgorithms],
    MultiRegion: metadata.multiRegion,
  };
}
