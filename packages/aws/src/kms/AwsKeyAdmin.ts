import {
  CancelKeyDeletionCommand,
  CreateAliasCommand,
  CreateGrantCommand,
  CreateKeyCommand,
  DeleteAliasCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  DisableKeyRotationCommand,
  EnableKeyCommand,
  EnableKeyRotationCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  GetPublicKeyCommand,
  type GrantOperation,
  type KeySpec,
  type KeyUsageType,
  type KMSClient,
  ListAliasesCommand,
  ListGrantsCommand,
  ListKeysCommand,
  ListResourceTagsCommand,
  PutKeyPolicyCommand,
  RetireGrantCommand,
  RevokeGrantCommand,
  RotateKeyOnDemandCommand,
  ScheduleKeyDeletionCommand,
  SignCommand,
  type SigningAlgorithmSpec,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateAliasCommand,
} from '@aws-sdk/client-kms';
import {
  type AliasListPage,
  type CreateGrantInput,
  type DeletionSchedule,
  type GrantListPage,
  InternalFailureError,
  type KeyAdmin,
  type KeyListPage,
  type KeyMetadata,
  type PublicKeyInfo,
  type RotationStatus,
} from '@sealbus/core';
import { callAws } from '../errors/mapAwsError.js';
import { toKeyMetadata } from './AwsKmsKeyProvider.js';

function required<T>(value: T | undefined, operation: string, field: string): T {
  if (value === undefined) {
    throw new InternalFailureError(
      `KMS ${operation} answered without ${field}; retry, and check the endpoint speaks the KMS API.`,
    );
  }
  return value;
}

/** `KeyAdmin` over AWS KMS (or any endpoint speaking the KMS JSON API, such as the gateway). */
export class AwsKeyAdmin implements KeyAdmin {
  readonly #client: KMSClient;

  constructor(deps: { client: KMSClient }) {
    this.#client = deps.client;
  }

  async createKey(request: Parameters<KeyAdmin['createKey']>[0]): Promise<KeyMetadata> {
    const output = await callAws('kms', 'CreateKey', () =>
      this.#client.send(
        new CreateKeyCommand({
          KeySpec: (request.keySpec ?? 'SYMMETRIC_DEFAULT') as KeySpec,
          ...(request.keyUsage === undefined ? {} : { KeyUsage: request.keyUsage as KeyUsageType }),
          ...(request.description === undefined ? {} : { Description: request.description }),
          ...(request.policy === undefined ? {} : { Policy: request.policy }),
          ...(request.tags === undefined
            ? {}
            : {
                Tags: Object.entries(request.tags).map(([TagKey, TagValue]) => ({
                  TagKey,
                  TagValue,
                })),
              }),
        }),
      ),
    );
    return toKeyMetadata(required(output.KeyMetadata, 'CreateKey', 'KeyMetadata'));
  }

  /** Any key spec, unlike the key provider's describeKey, which accepts only sealing keys. */
  async describeKey(keyId: string): Promise<KeyMetadata> {
    const output = await callAws('kms', 'DescribeKey', () =>
      this.#client.send(new DescribeKeyCommand({ KeyId: keyId })),
    );
    return toKeyMetadata(required(output.KeyMetadata, 'DescribeKey', 'KeyMetadata'));
  }

  async listKeys(request: { limit?: number; marker?: string } = {}): Promise<KeyListPage> {
    const output = await callAws('kms', 'ListKeys', () =>
      this.#client.send(new ListKeysCommand({ Limit: request.limit, Marker: request.marker })),
    );
    const page: KeyListPage = {
      keys: (output.Keys ?? []).map((key) => ({
        keyId: key.KeyId ?? '',
        keyArn: key.KeyArn ?? '',
      })),
      truncated: output.Truncated === true,
    };
    if (output.NextMarker !== undefined) page.nextMarker = output.NextMarker;
    return page;
  }

  async listAliases(
    request: { keyId?: string; limit?: number; marker?: string } = {},
  ): Promise<AliasListPage> {
    const output = await callAws('kms', 'ListAliases', () =>
      this.#client.send(
        new ListAliasesCommand({
          KeyId: request.keyId,
          Limit: request.limit,
          Marker: request.marker,
        }),
      ),
    );
    const page: AliasListPage = {
      // Aliases without a target (reserved AWS aliases not created yet) name no key.
      aliases: (output.Aliases ?? []).flatMap((alias) =>
        alias.TargetKeyId === undefined
          ? []
          : [
              {
                aliasName: alias.AliasName ?? '',
                aliasArn: alias.AliasArn ?? '',
                targetKeyId: alias.TargetKeyId,
              },
            ],
      ),
      truncated: output.Truncated === true,
    };
    if (output.NextMarker !== undefined) page.nextMarker = output.NextMarker;
    return page;
  }

  async createAlias(aliasName: string, targetKeyId: string): Promise<void> {
    await callAws('kms', 'CreateAlias', () =>
      this.#client.send(new CreateAliasCommand({ AliasName: aliasName, TargetKeyId: targetKeyId })),
    );
  }

  async updateAlias(aliasName: string, targetKeyId: string): Promise<void> {
    await callAws('kms', 'UpdateAlias', () =>
      this.#client.send(new UpdateAliasCommand({ AliasName: aliasName, TargetKeyId: targetKeyId })),
    );
  }

  async deleteAlias(aliasName: string): Promise<void> {
    await callAws('kms', 'DeleteAlias', () =>
      this.#client.send(new DeleteAliasCommand({ AliasName: aliasName })),
    );
  }

  async enableKey(keyId: string): Promise<void> {
    await callAws('kms', 'EnableKey', () =>
      this.#client.send(new EnableKeyCommand({ KeyId: keyId })),
    );
  }

  async disableKey(keyId: string): Promise<void> {
    await callAws('kms', 'DisableKey', () =>
      this.#client.send(new DisableKeyCommand({ KeyId: keyId })),
    );
  }

  async rotateKey(keyId: string): Promise<{ keyId: string }> {
    const output = await callAws('kms', 'RotateKeyOnDemand', () =>
      this.#client.send(new RotateKeyOnDemandCommand({ KeyId: keyId })),
    );
    return { keyId: required(output.KeyId, 'RotateKeyOnDemand', 'KeyId') };
  }

  async enableKeyRotation(keyId: string, rotationPeriodInDays?: number): Promise<void> {
    await callAws('kms', 'EnableKeyRotation', () =>
      this.#client.send(
        new EnableKeyRotationCommand({ KeyId: keyId, RotationPeriodInDays: rotationPeriodInDays }),
      ),
    );
  }

  async disableKeyRotation(keyId: string): Promise<void> {
    await callAws('kms', 'DisableKeyRotation', () =>
      this.#client.send(new DisableKeyRotationCommand({ KeyId: keyId })),
    );
  }

  async getKeyRotationStatus(keyId: string): Promise<RotationStatus> {
    const output = await callAws('kms', 'GetKeyRotationStatus', () =>
      this.#client.send(new GetKeyRotationStatusCommand({ KeyId: keyId })),
    );
    const status: RotationStatus = {
      keyId: output.KeyId ?? keyId,
      keyRotationEnabled: output.KeyRotationEnabled === true,
    };
    if (output.RotationPeriodInDays !== undefined) {
      status.rotationPeriodInDays = output.RotationPeriodInDays;
    }
    if (output.NextRotationDate !== undefined) status.nextRotationDate = output.NextRotationDate;
    return status;
  }

  async scheduleKeyDeletion(
    keyId: string,
    pendingWindowInDays?: number,
  ): Promise<DeletionSchedule> {
    const output = await callAws('kms', 'ScheduleKeyDeletion', () =>
      this.#client.send(
        new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: pendingWindowInDays }),
      ),
    );
    return {
      keyId: required(output.KeyId, 'ScheduleKeyDeletion', 'KeyId'),
      deletionDate: required(output.DeletionDate, 'ScheduleKeyDeletion', 'DeletionDate'),
      pendingWindowInDays: output.PendingWindowInDays ?? pendingWindowInDays ?? 30,
    };
  }

  async cancelKeyDeletion(keyId: string): Promise<{ keyId: string }> {
    const output = await callAws('kms', 'CancelKeyDeletion', () =>
      this.#client.send(new CancelKeyDeletionCommand({ KeyId: keyId })),
    );
    return { keyId: required(output.KeyId, 'CancelKeyDeletion', 'KeyId') };
  }

  async getKeyPolicy(keyId: string): Promise<string> {
    const output = await callAws('kms', 'GetKeyPolicy', () =>
      this.#client.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default' })),
    );
    return required(output.Policy, 'GetKeyPolicy', 'Policy');
  }

  async putKeyPolicy(keyId: string, policy: string): Promise<void> {
    await callAws('kms', 'PutKeyPolicy', () =>
      this.#client.send(
        new PutKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default', Policy: policy }),
      ),
    );
  }

  async getPublicKey(keyId: string): Promise<PublicKeyInfo> {
    const output = await callAws('kms', 'GetPublicKey', () =>
      this.#client.send(new GetPublicKeyCommand({ KeyId: keyId })),
    );
    return {
      keyArn: required(output.KeyId, 'GetPublicKey', 'KeyId'),
      publicKey: required(output.PublicKey, 'GetPublicKey', 'PublicKey'),
      keySpec: output.KeySpec ?? '',
      keyUsage: output.KeyUsage ?? '',
    };
  }

  /** Signs as this client's identity: the AWS key admin has one set of credentials. */
  async sign(request: {
    keyId: string;
    message: Uint8Array;
    signingAlgorithm: string;
  }): Promise<{ keyArn: string; signature: Uint8Array }> {
    const output = await callAws('kms', 'Sign', () =>
      this.#client.send(
        new SignCommand({
          KeyId: request.keyId,
          Message: request.message,
          MessageType: 'RAW',
          SigningAlgorithm: request.signingAlgorithm as SigningAlgorithmSpec,
        }),
      ),
    );
    return {
      keyArn: required(output.KeyId, 'Sign', 'KeyId'),
      signature: required(output.Signature, 'Sign', 'Signature'),
    };
  }

  async createGrant(request: CreateGrantInput): Promise<{ grantId: string; grantToken: string }> {
    const output = await callAws('kms', 'CreateGrant', () =>
      this.#client.send(
        new CreateGrantCommand({
          KeyId: request.keyId,
          GranteePrincipal: request.granteePrincipal,
          Operations: request.operations as GrantOperation[],
          RetiringPrincipal: request.retiringPrincipal,
          Name: request.name,
        }),
      ),
    );
    return {
      grantId: required(output.GrantId, 'CreateGrant', 'GrantId'),
      grantToken: required(output.GrantToken, 'CreateGrant', 'GrantToken'),
    };
  }

  async listGrants(request: {
    keyId: string;
    limit?: number;
    marker?: string;
  }): Promise<GrantListPage> {
    const output = await callAws('kms', 'ListGrants', () =>
      this.#client.send(
        new ListGrantsCommand({
          KeyId: request.keyId,
          Limit: request.limit,
          Marker: request.marker,
        }),
      ),
    );
    const page: GrantListPage = {
      grants: (output.Grants ?? []).map((grant) => ({
        keyId: grant.KeyId ?? request.keyId,
        grantId: grant.GrantId ?? '',
        ...(grant.Name === undefined ? {} : { name: grant.Name }),
        creationDate: grant.CreationDate ?? new Date(0),
        granteePrincipal: grant.GranteePrincipal ?? '',
        ...(grant.RetiringPrincipal === undefined
          ? {}
          : { retiringPrincipal: grant.RetiringPrincipal }),
        operations: grant.Operations ?? [],
      })),
      truncated: output.Truncated === true,
    };
    if (output.NextMarker !== undefined) page.nextMarker = output.NextMarker;
    return page;
  }

  async revokeGrant(keyId: string, grantId: string): Promise<void> {
    await callAws('kms', 'RevokeGrant', () =>
      this.#client.send(new RevokeGrantCommand({ KeyId: keyId, GrantId: grantId })),
    );
  }

  async retireGrant(request: {
    grantToken?: string;
    keyId?: string;
    grantId?: string;
  }): Promise<void> {
    await callAws('kms', 'RetireGrant', () =>
      this.#client.send(
        new RetireGrantCommand({
          GrantToken: request.grantToken,
          KeyId: request.keyId,
          GrantId: request.grantId,
        }),
      ),
    );
  }

  async tagResource(keyId: string, tags: Record<string, string>): Promise<void> {
    await callAws('kms', 'TagResource', () =>
      this.#client.send(
        new TagResourceCommand({
          KeyId: keyId,
          Tags: Object.entries(tags).map(([TagKey, TagValue]) => ({ TagKey, TagValue })),
        }),
      ),
    );
  }

  async untagResource(keyId: string, tagKeys: string[]): Promise<void> {
    await callAws('kms', 'UntagResource', () =>
      this.#client.send(new UntagResourceCommand({ KeyId: keyId, TagKeys: tagKeys })),
    );
  }

  async listResourceTags(keyId: string): Promise<Record<string, string>> {
    const tags: Record<string, string> = {};
    let marker: string | undefined;
    do {
      const output = await callAws('kms', 'ListResourceTags', () =>
        this.#client.send(new ListResourceTagsCommand({ KeyId: keyId, Marker: marker })),
      );
      for (const tag of output.Tags ?? []) tags[tag.TagKey ?? ''] = tag.TagValue ?? '';
      marker = output.Truncated === true ? output.NextMarker : undefined;
    } while (marker !== undefined);
    return tags;
  }
}
