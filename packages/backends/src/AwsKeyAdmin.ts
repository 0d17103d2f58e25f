import {
  CancelKeyDeletionCommand,
  CreateAliasCommand,
  CreateKeyCommand,
  DeleteAliasCommand,
  DisableKeyCommand,
  DisableKeyRotationCommand,
  EnableKeyCommand,
  EnableKeyRotationCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  type KMSClient,
  ListAliasesCommand,
  ListKeysCommand,
  PutKeyPolicyCommand,
  RotateKeyOnDemandCommand,
  ScheduleKeyDeletionCommand,
  UpdateAliasCommand,
} from '@aws-sdk/client-kms';
import { type AwsKmsKeyProvider, callAws, toKeyMetadata } from '@sealbus/aws';
import type { KeyMetadata } from '@sealbus/core';
import { InternalFailureError } from '@sealbus/core';
import type {
  AliasListPage,
  DeletionSchedule,
  KeyAdmin,
  KeyListPage,
  RotationStatus,
} from './KeyAdmin.js';

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
  readonly #provider: AwsKmsKeyProvider;

  constructor(deps: { client: KMSClient; provider: AwsKmsKeyProvider }) {
    this.#client = deps.client;
    this.#provider = deps.provider;
  }

  async createKey(request: { description?: string; policy?: string }): Promise<KeyMetadata> {
    const output = await callAws('kms', 'CreateKey', () =>
      this.#client.send(
        new CreateKeyCommand({
          KeySpec: 'SYMMETRIC_DEFAULT',
          KeyUsage: 'ENCRYPT_DECRYPT',
          ...(request.description === undefined ? {} : { Description: request.description }),
          ...(request.policy === undefined ? {} : { Policy: request.policy }),
        }),
      ),
    );
    return toKeyMetadata(required(output.KeyMetadata, 'CreateKey', 'KeyMetadata'));
  }

  describeKey(keyId: string): Promise<KeyMetadata> {
    return this.#provider.describeKey(keyId);
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
}
