import type { KeyMetadata } from '@sealbus/core';
import {
  type CreateGrantRequest,
  type DataKeyPairSpec,
  type DataKeySpec,
  type EncryptionAlgorithm,
  type GrantPage,
  KEY_POLICY_NAME,
  kmsError,
  type LocalKms,
  type MacAlgorithm,
  type SigningAlgorithm,
} from '@sealbus/kms-local';
import {
  decodeKmsInput,
  KMS_SHAPES,
  type KmsInput,
  type KmsOperation,
} from '../protocols/kms-shapes.js';
import type { ActionContext, Actions } from './context.js';

type Handler<Op extends KmsOperation> = (
  input: KmsInput<Op>,
  context: ActionContext,
) => Promise<Record<string, unknown>>;
type Handlers = { [Op in KmsOperation]: Handler<Op> };

/**
 * The KMS actions over a `LocalKms` (JSON 1.1). Inputs are decoded by the shape table; outputs
 * carry bytes and dates, which `toWire` turns into base64 and epoch seconds.
 */
export function kmsActions(kms: LocalKms): Actions {
  const handlers = kmsHandlers(kms);
  const actions: Record<string, Actions[string]> = {};
  for (const operation of Object.keys(KMS_SHAPES) as KmsOperation[]) {
    actions[operation] = async (body, context) => {
      const input = decodeKmsInput(operation, body);
      refuseDryRun(input as { DryRun?: boolean });
      const handler = handlers[operation] as Handler<typeof operation>;
      return toWire(await handler(input, context)) as Record<string, unknown>;
    };
  }
  return actions;
}

function kmsHandlers(kms: LocalKms): Handlers {
  return {
    async CreateKey(input, { principal }) {
      if (input.MultiRegion === true) {
        throw kmsError('notSupportedHere', {
          feature: 'MultiRegion',
          reason: 'multi-Region keys need a gateway that serves several regions.',
        });
      }
      if (input.Origin !== undefined && input.Origin !== 'AWS_KMS') {
        throw kmsError('notSupportedHere', {
          feature: `Origin ${input.Origin}`,
          reason: 'keys are generated here (AWS_KMS); imported and external key stores are not.',
        });
      }
      const metadata = await kms.createKey({
        description: input.Description,
        keyUsage: input.KeyUsage,
        keySpec: input.KeySpec ?? input.CustomerMasterKeySpec,
        policy: input.Policy,
        tags: input.Tags,
        principal,
      });
      return { KeyMetadata: wireKeyMetadata(metadata) };
    },
    async DescribeKey(input, { principal }) {
      return { KeyMetadata: wireKeyMetadata(await kms.describeKey(input.KeyId, principal)) };
    },
    async ListKeys(input, { principal }) {
      const page = await kms.listKeys({ limit: input.Limit, marker: input.Marker, principal });
      return {
        Keys: page.keys.map((key) => ({ KeyId: key.keyId, KeyArn: key.keyArn })),
        Truncated: page.truncated,
        NextMarker: page.nextMarker,
      };
    },
    async EnableKey(input, { principal }) {
      await kms.enableKey(input.KeyId, principal);
      return {};
    },
    async DisableKey(input, { principal }) {
      await kms.disableKey(input.KeyId, principal);
      return {};
    },
    async ScheduleKeyDeletion(input, { principal }) {
      const result = await kms.scheduleKeyDeletion(
        input.KeyId,
        input.PendingWindowInDays,
        principal,
      );
      return {
        KeyId: result.keyId,
        DeletionDate: result.deletionDate,
        KeyState: result.keyState,
        PendingWindowInDays: result.pendingWindowInDays,
      };
    },
    async CancelKeyDeletion(input, { principal }) {
      return { KeyId: (await kms.cancelKeyDeletion(input.KeyId, principal)).keyId };
    },
    async UpdateKeyDescription(input, { principal }) {
      await kms.updateKeyDescription(input.KeyId, input.Description, principal);
      return {};
    },
    async GetKeyPolicy(input, { principal }) {
      requirePolicyName(input.PolicyName);
      return {
        Policy: await kms.getKeyPolicy(input.KeyId, principal),
        PolicyName: KEY_POLICY_NAME,
      };
    },
    async PutKeyPolicy(input, { principal }) {
      requirePolicyName(input.PolicyName);
      await kms.putKeyPolicy(input.KeyId, input.Policy, principal);
      return {};
    },
    async ListKeyPolicies(input, { principal }) {
      const { policyNames } = await kms.listKeyPolicies(input.KeyId, principal);
      return { PolicyNames: policyNames, Truncated: false };
    },
    async CreateAlias(input, { principal }) {
      await kms.createAlias(input.AliasName, input.TargetKeyId, principal);
      return {};
    },
    async UpdateAlias(input, { principal }) {
      await kms.updateAlias(input.AliasName, input.TargetKeyId, principal);
      return {};
    },
    async DeleteAlias(input, { principal }) {
      await kms.deleteAlias(input.AliasName, principal);
      return {};
    },
    async ListAliases(input, { principal }) {
      const page = await kms.listAliases({
        keyId: input.KeyId,
        limit: input.Limit,
        marker: input.Marker,
        principal,
      });
      return {
        Aliases: page.aliases.map((alias) => ({
          AliasName: alias.aliasName,
          AliasArn: alias.aliasArn,
          TargetKeyId: alias.targetKeyId,
          CreationDate: alias.creationDate,
          LastUpdatedDate: alias.lastUpdatedDate,
        })),
        Truncated: page.truncated,
        NextMarker: page.nextMarker,
      };
    },
    async GenerateDataKey(input, { principal }) {
      const result = await kms.generateDataKey({ ...dataKeyRequest(input), principal });
      const plaintext = toBase64(result.plaintext);
      result.plaintext.fill(0);
      return { CiphertextBlob: result.ciphertextBlob, Plaintext: plaintext, KeyId: result.keyArn };
    },
    async GenerateDataKeyWithoutPlaintext(input, { principal }) {
      const result = await kms.generateDataKeyWithoutPlaintext({
        ...dataKeyRequest(input),
        principal,
      });
      return { CiphertextBlob: result.ciphertextBlob, KeyId: result.keyArn };
    },
    async GenerateDataKeyPair(input, { principal }) {
      const result = await kms.generateDataKeyPair({ ...dataKeyPairRequest(input), principal });
      const plaintext = toBase64(result.privateKeyPlaintext ?? new Uint8Array());
      result.privateKeyPlaintext?.fill(0);
      return {
        PrivateKeyCiphertextBlob: result.privateKeyCiphertextBlob,
        PrivateKeyPlaintext: plaintext,
        PublicKey: result.publicKey,
        KeyId: result.keyArn,
        KeyPairSpec: result.keyPairSpec,
      };
    },
    async GenerateDataKeyPairWithoutPlaintext(input, { principal }) {
      const result = await kms.generateDataKeyPairWithoutPlaintext({
        ...dataKeyPairRequest(input),
        principal,
      });
      return {
        PrivateKeyCiphertextBlob: result.privateKeyCiphertextBlob,
        PublicKey: result.publicKey,
        KeyId: result.keyArn,
        KeyPairSpec: result.keyPairSpec,
      };
    },
    async GenerateRandom(input, { principal }) {
      // NumberOfBytes is optional in the model, but KMS needs it; 1-1024 is checked by the KMS.
      return { Plaintext: await kms.generateRandom(input.NumberOfBytes as number, principal) };
    },
    async Encrypt(input, { principal }) {
      const result = await kms.encrypt({
        keyId: input.KeyId,
        plaintext: input.Plaintext,
        context: input.EncryptionContext ?? {},
        principal,
        ...optional('encryptionAlgorithm', input.EncryptionAlgorithm as EncryptionAlgorithm),
        ...optional('grantTokens', input.GrantTokens),
      });
      return {
        CiphertextBlob: result.ciphertextBlob,
        KeyId: result.keyArn,
        EncryptionAlgorithm: result.encryptionAlgorithm,
      };
    },
    async Decrypt(input, { principal }) {
      const result = await kms.decrypt({
        ciphertextBlob: input.CiphertextBlob,
        context: input.EncryptionContext ?? {},
        principal,
        ...optional('keyId', input.KeyId),
        ...optional('encryptionAlgorithm', input.EncryptionAlgorithm as EncryptionAlgorithm),
        ...optional('grantTokens', input.GrantTokens),
      });
      const plaintext = toBase64(result.plaintext);
      result.plaintext.fill(0);
      return {
        Plaintext: plaintext,
        KeyId: result.keyArn,
        EncryptionAlgorithm: result.encryptionAlgorithm,
      };
    },
    async ReEncrypt(input, { principal }) {
      const result = await kms.reEncrypt({
        ciphertextBlob: input.CiphertextBlob,
        sourceContext: input.SourceEncryptionContext ?? {},
        destinationKeyId: input.DestinationKeyId,
        destinationContext: input.DestinationEncryptionContext ?? {},
        principal,
        ...optional('sourceKeyId', input.SourceKeyId),
        ...optional(
          'sourceEncryptionAlgorithm',
          input.SourceEncryptionAlgorithm as EncryptionAlgorithm,
        ),
        ...optional(
          'destinationEncryptionAlgorithm',
          input.DestinationEncryptionAlgorithm as EncryptionAlgorithm,
        ),
        ...optional('grantTokens', input.GrantTokens),
      });
      return {
        CiphertextBlob: result.ciphertextBlob,
        SourceKeyId: result.sourceKeyArn,
        KeyId: result.keyArn,
        SourceEncryptionAlgorithm: result.sourceEncryptionAlgorithm,
        DestinationEncryptionAlgorithm: result.destinationEncryptionAlgorithm,
      };
    },
    async Sign(input, { principal }) {
      const result = await kms.sign({
        keyId: input.KeyId,
        message: input.Message,
        signingAlgorithm: input.SigningAlgorithm as SigningAlgorithm,
        principal,
        ...optional('messageType', input.MessageType as 'RAW'),
        ...optional('grantTokens', input.GrantTokens),
      });
      return {
        KeyId: result.keyArn,
        Signature: result.signature,
        SigningAlgorithm: result.signingAlgorithm,
      };
    },
    async Verify(input, { principal }) {
      const result = await kms.verify({
        keyId: input.KeyId,
        message: input.Message,
        signature: input.Signature,
        signingAlgorithm: input.SigningAlgorithm as SigningAlgorithm,
        principal,
        ...optional('messageType', input.MessageType as 'RAW'),
        ...optional('grantTokens', input.GrantTokens),
      });
      return {
        KeyId: result.keyArn,
        SignatureValid: result.signatureValid,
        SigningAlgorithm: result.signingAlgorithm,
      };
    },
    async GetPublicKey(input, { principal }) {
      const result = await kms.getPublicKey(input.KeyId, principal, input.GrantTokens);
      return {
        KeyId: result.keyArn,
        PublicKey: result.publicKey,
        CustomerMasterKeySpec: result.keySpec,
        KeySpec: result.keySpec,
        KeyUsage: result.keyUsage,
        EncryptionAlgorithms: result.encryptionAlgorithms,
        SigningAlgorithms: result.signingAlgorithms,
      };
    },
    async GenerateMac(input, { principal }) {
      const result = await kms.generateMac({
        keyId: input.KeyId,
        message: input.Message,
        macAlgorithm: input.MacAlgorithm as MacAlgorithm,
        principal,
        ...optional('grantTokens', input.GrantTokens),
      });
      return { Mac: result.mac, MacAlgorithm: result.macAlgorithm, KeyId: result.keyArn };
    },
    async VerifyMac(input, { principal }) {
      const result = await kms.verifyMac({
        keyId: input.KeyId,
        message: input.Message,
        mac: input.Mac,
        macAlgorithm: input.MacAlgorithm as MacAlgorithm,
        principal,
        ...optional('grantTokens', input.GrantTokens),
      });
      return { KeyId: result.keyArn, MacValid: result.macValid, MacAlgorithm: result.macAlgorithm };
    },
    async CreateGrant(input, { principal }) {
      const result = await kms.createGrant({
        keyId: input.KeyId,
        granteePrincipal: input.GranteePrincipal,
        operations: input.Operations as CreateGrantRequest['operations'],
        principal,
        ...optional('retiringPrincipal', input.RetiringPrincipal),
        ...optional('constraints', input.Constraints),
        ...optional('name', input.Name),
        ...optional('grantTokens', input.GrantTokens),
      });
      return { GrantToken: result.grantToken, GrantId: result.grantId };
    },
    async ListGrants(input, { principal }) {
      return wireGrantPage(
        await kms.listGrants({
          keyId: input.KeyId,
          principal,
          ...optional('grantId', input.GrantId),
          ...optional('granteePrincipal', input.GranteePrincipal),
          ...optional('limit', input.Limit),
          ...optional('marker', input.Marker),
        }),
      );
    },
    async ListRetirableGrants(input, { principal }) {
      return wireGrantPage(
        await kms.listRetirableGrants({
          retiringPrincipal: input.RetiringPrincipal,
          principal,
          ...optional('limit', input.Limit),
          ...optional('marker', input.Marker),
        }),
      );
    },
    async RetireGrant(input, { principal }) {
      await kms.retireGrant({
        principal,
        ...optional('grantToken', input.GrantToken),
        ...optional('keyId', input.KeyId),
        ...optional('grantId', input.GrantId),
      });
      return {};
    },
    async RevokeGrant(input, { principal }) {
      await kms.revokeGrant(input.KeyId, input.GrantId, principal);
      return {};
    },
    async TagResource(input, { principal }) {
      await kms.tagResource(input.KeyId, input.Tags, principal);
      return {};
    },
    async UntagResource(input, { principal }) {
      await kms.untagResource(input.KeyId, input.TagKeys, principal);
      return {};
    },
    async ListResourceTags(input, { principal }) {
      const tags = await kms.listResourceTags(input.KeyId, principal);
      return {
        Tags: Object.entries(tags).map(([TagKey, TagValue]) => ({ TagKey, TagValue })),
        Truncated: false,
      };
    },
    async EnableKeyRotation(input, { principal }) {
      await kms.enableKeyRotation(input.KeyId, input.RotationPeriodInDays, principal);
      return {};
    },
    async DisableKeyRotation(input, { principal }) {
      await kms.disableKeyRotation(input.KeyId, principal);
      return {};
    },
    async GetKeyRotationStatus(input, { principal }) {
      const status = await kms.getKeyRotationStatus(input.KeyId, principal);
      return {
        KeyId: status.keyId,
        KeyRotationEnabled: status.keyRotationEnabled,
        RotationPeriodInDays: status.rotationPeriodInDays,
        NextRotationDate: status.nextRotationDate,
      };
    },
    async RotateKeyOnDemand(input, { principal }) {
      // Unlike most outputs, RotateKeyOnDemand names the key by its id, not its ARN.
      const { keyId } = await kms.rotateKey(input.KeyId, principal);
      return { KeyId: keyId.slice(keyId.lastIndexOf('/') + 1) };
    },
    async ListKeyRotations(input, { principal }) {
      const { rotations } = await kms.listKeyRotations(input.KeyId, principal);
      return {
        Rotations: rotations.map((rotation) => ({
          KeyId: rotation.keyId,
          RotationDate: rotation.rotationDate,
          RotationType: rotation.rotationType,
        })),
        Truncated: false,
      };
    },
  };
}

/** `{ name: value }` when the value is set, so optional properties stay absent (exactOptionalPropertyTypes). */
function optional<Name extends string, Value>(
  name: Name,
  value: Value | undefined,
): { [N in Name]?: Value } {
  return (value === undefined ? {} : { [name]: value }) as { [N in Name]?: Value };
}

function requirePolicyName(name: string | undefined): void {
  if (name !== undefined && name !== KEY_POLICY_NAME) {
    throw kmsError('policyNotFound', { policyName: name }, { field: 'PolicyName' });
  }
}

/** DryRun checks permissions without acting; this KMS does not model that, so it says so. */
function refuseDryRun(input: { DryRun?: boolean }): void {
  if (input.DryRun === true) {
    throw kmsError('notSupportedHere', {
      feature: 'DryRun',
      reason: 'send the request without DryRun.',
    });
  }
}

function dataKeyRequest(
  input: KmsInput<'GenerateDataKey'> | KmsInput<'GenerateDataKeyWithoutPlaintext'>,
) {
  return {
    keyId: input.KeyId,
    context: input.EncryptionContext ?? {},
    // LocalKms checks the spec (AES_256 | AES_128) and that at most one of the two is set.
    ...optional('keySpec', input.KeySpec as DataKeySpec | undefined),
    ...optional('numberOfBytes', input.NumberOfBytes),
    ...optional('grantTokens', input.GrantTokens),
  };
}

function dataKeyPairRequest(
  input: KmsInput<'GenerateDataKeyPair'> | KmsInput<'GenerateDataKeyPairWithoutPlaintext'>,
) {
  return {
    keyId: input.KeyId,
    keyPairSpec: input.KeyPairSpec as DataKeyPairSpec,
    context: input.EncryptionContext ?? {},
    ...optional('grantTokens', input.GrantTokens),
  };
}

function wireGrantPage(page: GrantPage): Record<string, unknown> {
  return {
    Grants: page.grants.map((grant) => ({
      KeyId: grant.keyId,
      GrantId: grant.grantId,
      Name: grant.name,
      CreationDate: grant.creationDate,
      GranteePrincipal: grant.granteePrincipal,
      RetiringPrincipal: grant.retiringPrincipal,
      IssuingAccount: grant.issuingAccount,
      Operations: grant.operations,
      Constraints:
        grant.constraints === undefined
          ? undefined
          : {
              EncryptionContextSubset: grant.constraints.encryptionContextSubset,
              EncryptionContextEquals: grant.constraints.encryptionContextEquals,
            },
    })),
    Truncated: page.truncated,
    NextMarker: page.nextMarker,
  };
}

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** KMS JSON: blobs as base64, timestamps as epoch seconds (fractions allowed). */
function toWire(value: unknown): unknown {
  if (value instanceof Uint8Array) return toBase64(value);
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(toWire);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toWire(v)]));
  }
  return value;
}

function wireKeyMetadata(metadata: KeyMetadata): Record<string, unknown> {
  return {
    AWSAccountId: metadata.awsAccountId,
    KeyId: metadata.keyId,
    Arn: metadata.arn,
    CreationDate: metadata.creationDate,
    Enabled: metadata.enabled,
    Description: metadata.description,
    KeyUsage: metadata.keyUsage,
    KeyState: metadata.keyState,
    DeletionDate: metadata.deletionDate,
    PendingDeletionWindowInDays: metadata.pendingDeletionWindowInDays,
    Origin: metadata.origin,
    KeyManager: metadata.keyManager,
    KeySpec: metadata.keySpec,
    CustomerMasterKeySpec: metadata.keySpec,
    EncryptionAlgorithms:
      metadata.encryptionAlgorithms.length === 0 ? undefined : [...metadata.encryptionAlgorithms],
    SigningAlgorithms: metadata.signingAlgorithms,
    MacAlgorithms: metadata.macAlgorithms,
    MultiRegion: metadata.multiRegion,
  };
}
