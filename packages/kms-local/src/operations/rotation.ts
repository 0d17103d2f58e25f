import { KeyState } from '@sealbus/core';
import { kmsError } from '../errors/kmsErrorTable.js';
import { DAY_MS, DEFAULT_ROTATION_PERIOD_DAYS, type KmsContext } from '../kms/KmsContext.js';
import { integerMember } from '../requestValidation.js';
import type { KeyRecord } from '../storage/KmsStorage.js';

export interface KeyRotationStatus {
  /** The key ARN. */
  keyId: string;
  keyRotationEnabled: boolean;
  rotationPeriodInDays?: number;
  nextRotationDate?: Date;
}

export interface KeyRotationEntry {
  /** The key ARN. */
  keyId: string;
  rotationDate: Date;
  rotationType: 'AUTOMATIC' | 'ON_DEMAND';
}

/** EnableKeyRotation, DisableKeyRotation, GetKeyRotationStatus, RotateKeyOnDemand, ListKeyRotations. */
export class RotationOperations {
  constructor(private readonly ctx: KmsContext) {}

  enableKeyRotation(
    keyId: string,
    rotationPeriodInDays = DEFAULT_ROTATION_PERIOD_DAYS,
    principal?: string,
  ): Promise<void> {
    return this.ctx.call('EnableKeyRotation', { keyId, principal }, (record) => {
      const days = integerMember(rotationPeriodInDays, 'rotationPeriodInDays', 90, 2560);
      this.ctx.updateKey(keyId, record, 'kms:EnableKeyRotation', (key) => {
        this.requireRotatable(key, 'EnableKeyRotation', record.principal);
        key.rotationEnabled = true;
        key.rotationPeriodInDays = days;
        key.nextRotationDate = this.ctx.clock.now() + days * DAY_MS;
      });
    });
  }

  disableKeyRotation(keyId: string, principal?: string): Promise<void> {
    return this.ctx.call('DisableKeyRotation', { keyId, principal }, (record) => {
      this.ctx.updateKey(keyId, record, 'kms:DisableKeyRotation', (key) => {
        this.requireRotatable(key, 'DisableKeyRotation', record.principal);
        key.rotationEnabled = false;
        delete key.rotationPeriodInDays;
        delete key.nextRotationDate;
      });
    });
  }

  /**
   * As in KMS, a key pending deletion reports rotation as disabled (nothing rotates then);
   * cancelling the deletion brings back the configured rotation.
   */
  getKeyRotationStatus(keyId: string, principal?: string): Promise<KeyRotationStatus> {
    return this.ctx.call('GetKeyRotationStatus', { keyId, principal }, (record) => {
      const key = this.ctx.resolveKey(keyId, record);
      this.ctx.authorize(key, record, 'kms:GetKeyRotationStatus');
      return this.statusOf(key);
    });
  }

  /** A key's rotation status, as GetKeyRotationStatus reports it (also for the key inventory). */
  statusOf(key: KeyRecord): KeyRotationStatus {
    const arn = this.ctx.arnOf(key);
    if (!key.rotationEnabled || key.keyState === KeyState.PendingDeletion) {
      return { keyId: arn, keyRotationEnabled: false };
    }
    return {
      keyId: arn,
      keyRotationEnabled: true,
      ...(key.rotationPeriodInDays === undefined
        ? {}
        : { rotationPeriodInDays: key.rotationPeriodInDays }),
      ...(key.nextRotationDate === undefined
        ? {}
        : { nextRotationDate: new Date(key.nextRotationDate) }),
    };
  }

  /** On-demand rotation: new material for new ciphertexts; every older version still decrypts. */
  rotateKey(keyId: string, principal?: string): Promise<{ keyId: string }> {
    return this.ctx.call('RotateKeyOnDemand', { keyId, principal }, (record) => {
      const key = this.ctx.resolveKey(keyId, record);
      this.ctx.authorize(key, record, 'kms:RotateKeyOnDemand');
      this.requireRotatable(key, 'RotateKeyOnDemand', record.principal);
      this.ctx.storage.transaction(() => this.ctx.addNextMaterial(key.keyId, 'ON_DEMAND'));
      return { keyId: this.ctx.arnOf(key) };
    });
  }

  /** Every completed rotation, oldest first; the original material is not a rotation. */
  listKeyRotations(keyId: string, principal?: string): Promise<{ rotations: KeyRotationEntry[] }> {
    return this.ctx.call('ListKeyRotations', { keyId, principal }, (record) => {
      const key = this.ctx.resolveKey(keyId, record);
      this.ctx.authorize(key, record, 'kms:ListKeyRotations');
      this.requireSymmetric(key, 'ListKeyRotations');
      const arn = this.ctx.arnOf(key);
      const rotations = this.ctx.storage
        .materialVersions(key.keyId)
        .filter((v) => v.version > 1)
        .map((v) => ({
          keyId: arn,
          rotationDate: new Date(v.createdAt ?? key.creationDate),
          rotationType: v.rotationType ?? 'AUTOMATIC',
        }));
      return { rotations };
    });
  }

  private requireRotatable(key: KeyRecord, operation: string, principal: string): void {
    this.ctx.requireCustomerManaged(key, `kms:${operation}`, principal);
    this.requireSymmetric(key, operation);
    this.ctx.requireUsable(key);
  }

  /** KMS rotates symmetric encryption keys only. */
  private requireSymmetric(key: KeyRecord, operation: string): void {
    if (key.keySpec !== 'SYMMETRIC_DEFAULT') {
      throw kmsError('unsupportedForKeySpec', {
        arn: this.ctx.arnOf(key),
        keySpec: key.keySpec,
        operation,
      });
    }
  }
}
