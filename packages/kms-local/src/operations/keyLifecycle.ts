import { randomUUID } from 'node:crypto';
import { KeyManager, type KeyMetadata, KeyState } from '@sealbus/core';
import { newKeyMaterial } from '../crypto/keyMaterial.js';
import { kmsError } from '../errors/kmsErrorTable.js';
import { DEFAULT_KEY_POLICY } from '../keyPolicy.js';
import { isKeyId } from '../keyReference.js';
import { DAY_MS, type KmsContext } from '../kms/KmsContext.js';
import { KEY_SPEC_INFO } from '../kms/keySpecs.js';
import { decodeMarker, pageOf } from '../pagination.js';
import {
  integerMember,
  MAX_TAGS,
  validateDescription,
  validateKeyKind,
  validateTags,
} from '../requestValidation.js';
import type { KeyRecord } from '../storage/KmsStorage.js';

/** KMS has a single key policy per key, named `default`. */
export const KEY_POLICY_NAME = 'default';

export interface CreateKeyRequest {
  description?: string;
  policy?: string;
  /** @defaultValue the key spec's first usage: `ENCRYPT_DECRYPT`, `SIGN_VERIFY` or `GENERATE_VERIFY_MAC` */
  keyUsage?: string;
  /** @defaultValue `'SYMMETRIC_DEFAULT'` */
  keySpec?: string;
  tags?: Record<string, string>;
  principal?: string;
}

export interface ScheduleKeyDeletionResult {
  /** The key ARN. */
  keyId: string;
  deletionDate: Date;
  keyState: 'PendingDeletion';
  pendingWindowInDays: number;
}

/** CreateKey, DescribeKey, ListKeys, key states, deletion, descriptions and key policies. */
export class KeyLifecycleOperations {
  constructor(private readonly ctx: KmsContext) {}

  createKey(request: CreateKeyRequest = {}): Promise<KeyMetadata> {
    return this.ctx.call('CreateKey', { principal: request.principal }, async (record) => {
      const { keyUsage, keySpec } = validateKeyKind(request.keyUsage, request.keySpec);
      const description = validateDescription(request.description);
      const tags = validateTags(request.tags);
      const count = Object.keys(tags).length;
      if (count > MAX_TAGS) {
        throw kmsError('tagLimit', { arn: 'being created', count, limit: MAX_TAGS });
      }
      const policy = request.policy ?? DEFAULT_KEY_POLICY;
      this.ctx.statementsOf(policy);
      const material = await newKeyMaterial(KEY_SPEC_INFO[keySpec]);
      const key: KeyRecord = {
        keyId: randomUUID(),
        description,
        keyManager: KeyManager.CUSTOMER,
        creationDate: this.ctx.clock.now(),
        keyState: KeyState.Enabled,
        policy,
        tags,
        rotationEnabled: false,
        keyUsage,
        keySpec,
      };
      record.keyArn = this.ctx.arnOf(key);
      this.ctx.assertOpen();
      this.ctx.storage.transaction(() => this.ctx.insertKey(key, material));
      return this.ctx.metadataOf(key);
    });
  }

  describeKey(keyId: string, principal?: string): Promise<KeyMetadata> {
    return this.ctx.call('DescribeKey', { keyId, principal }, (record) => {
      const key = this.ctx.resolveKey(keyId, record, { createAwsManaged: true });
      this.ctx.authorize(key, record, 'kms:DescribeKey');
      return this.ctx.metadataOf(key);
    });
  }

  listKeys(request: { limit?: number; marker?: string; principal?: string } = {}): Promise<{
    keys: { keyId: string; keyArn: string }[];
    truncated: boolean;
    nextMarker?: string;
  }> {
    return this.ctx.call('ListKeys', { principal: request.principal }, () => {
      const limit = integerMember(request.limit ?? 100, 'limit', 1, 1000);
      const after = decodeMarker(request.marker, isKeyId);
      const { rows, ...more } = pageOf(
        this.ctx.storage.listKeys(after, limit + 1),
        limit,
        (r) => r.keyId,
      );
      const keys = rows
        .filter((row) => this.ctx.loadKey(row.keyId) !== undefined)
        .map((row) => ({ keyId: row.keyId, keyArn: this.ctx.arnOf(row) }));
      return { keys, ...more };
    });
  }

  enableKey(keyId: string, principal?: string): Promise<void> {
    return this.switchKey('EnableKey', keyId, KeyState.Enabled, principal);
  }

  disableKey(keyId: string, principal?: string): Promise<void> {
    return this.switchKey('DisableKey', keyId, KeyState.Disabled, principal);
  }

  /** EnableKey and DisableKey: customer managed keys not pending deletion only. */
  private switchKey(
    operation: 'EnableKey' | 'DisableKey',
    keyId: string,
    state: typeof KeyState.Enabled | typeof KeyState.Disabled,
    principal: string | undefined,
  ): Promise<void> {
    return this.ctx.call(operation, { keyId, principal }, (record) => {
      this.ctx.updateKey(keyId, record, `kms:${operation}`, (key) => {
        this.ctx.requireCustomerManaged(key, `kms:${operation}`, record.principal);
        this.ctx.requireNotPendingDeletion(key);
        key.keyState = state;
      });
    });
  }

  scheduleKeyDeletion(
    keyId: string,
    pendingWindowInDays = 30,
    principal?: string,
  ): Promise<ScheduleKeyDeletionResult> {
    return this.ctx.call('ScheduleKeyDeletion', { keyId, principal }, (record) => {
      const days = integerMember(pendingWindowInDays, 'pendingWindowInDays', 7, 30);
      const key = this.ctx.updateKey(keyId, record, 'kms:ScheduleKeyDeletion', (key) => {
        this.ctx.requireCustomerManaged(key, 'kms:ScheduleKeyDeletion', record.principal);
        this.ctx.requireNotPendingDeletion(key);
        key.keyState = KeyState.PendingDeletion;
        key.deletionDate = this.ctx.clock.now() + days * DAY_MS;
        key.pendingWindowInDays = days;
      });
      // AWS returns the key ARN in KeyId here, whatever form the request used.
      return {
        keyId: this.ctx.arnOf(key),
        deletionDate: new Date(key.deletionDate!),
        keyState: 'PendingDeletion',
        pendingWindowInDays: days,
      };
    });
  }

  /** Stops a scheduled deletion; the key ends `Disabled`, and KeyId is its ARN, as in KMS. */
  cancelKeyDeletion(keyId: string, principal?: string): Promise<{ keyId: string }> {
    return this.ctx.call('CancelKeyDeletion', { keyId, principal }, (record) => {
      const key = this.ctx.updateKey(keyId, record, 'kms:CancelKeyDeletion', (key) => {
        this.ctx.requireCustomerManaged(key, 'kms:CancelKeyDeletion', record.principal);
        if (key.keyState !== KeyState.PendingDeletion) {
          throw kmsError('keyNotPendingDeletion', {
            arn: this.ctx.arnOf(key),
            state: key.keyState,
          });
        }
        key.keyState = KeyState.Disabled;
        delete key.deletionDate;
        delete key.pendingWindowInDays;
      });
      return { keyId: this.ctx.arnOf(key) };
    });
  }

  updateKeyDescription(keyId: string, description: string, principal?: string): Promise<void> {
    return this.ctx.call('UpdateKeyDescription', { keyId, principal }, (record) => {
      const text = validateDescription(description);
      this.ctx.updateKey(keyId, record, 'kms:UpdateKeyDescription', (key) => {
        this.ctx.requireCustomerManaged(key, 'kms:UpdateKeyDescription', record.principal);
        this.ctx.requireNotPendingDeletion(key);
        key.description = text;
      });
    });
  }

  getKeyPolicy(keyId: string, principal?: string): Promise<string> {
    return this.ctx.call('GetKeyPolicy', { keyId, principal }, (record) => {
      const key = this.ctx.resolveKey(keyId, record);
      this.ctx.authorize(key, record, 'kms:GetKeyPolicy');
      return key.policy;
    });
  }

  putKeyPolicy(keyId: string, policy: string, principal?: string): Promise<void> {
    return this.ctx.call('PutKeyPolicy', { keyId, principal }, (record) => {
      this.ctx.statementsOf(policy);
      this.ctx.updateKey(keyId, record, 'kms:PutKeyPolicy', (key) => {
        this.ctx.requireCustomerManaged(key, 'kms:PutKeyPolicy', record.principal);
        key.policy = policy;
      });
    });
  }

  /** Every key has one policy, `default`; pagination exists for AWS's shape only. */
  listKeyPolicies(keyId: string, principal?: string): Promise<{ policyNames: string[] }> {
    return this.ctx.call('ListKeyPolicies', { keyId, principal }, (record) => {
      const key = this.ctx.resolveKey(keyId, record);
      this.ctx.authorize(key, record, 'kms:ListKeyPolicies');
      return { policyNames: [KEY_POLICY_NAME] };
    });
  }
}
