import { kmsAliasArn, kmsKeyArn } from '@sealbus/core';
import { kmsError } from '../errors/kmsErrorTable.js';
import { validateUserAliasName } from '../keyReference.js';
import type { CallRecord, KmsContext } from '../kms/KmsContext.js';
import { decodeMarker, pageOf } from '../pagination.js';
import { integerMember } from '../requestValidation.js';
import type { AliasRecord, KeyRecord } from '../storage/KmsStorage.js';

export interface AliasListEntry {
  aliasName: string;
  aliasArn: string;
  targetKeyId: string;
  creationDate: Date;
  lastUpdatedDate: Date;
}

/** CreateAlias, UpdateAlias, DeleteAlias and ListAliases. */
export class AliasOperations {
  constructor(private readonly ctx: KmsContext) {}

  createAlias(aliasName: string, targetKeyId: string, principal?: string): Promise<void> {
    return this.ctx.call('CreateAlias', { keyId: targetKeyId, principal }, (record) => {
      validateUserAliasName(aliasName);
      const key = this.aliasTarget(targetKeyId, record, 'kms:CreateAlias');
      this.ctx.storage.transaction(() => {
        if (this.ctx.storage.getAlias(aliasName) !== undefined) {
          throw kmsError(
            'aliasExists',
            { aliasArn: kmsAliasArn(aliasName, this.ctx.location) },
            { field: 'AliasName' },
          );
        }
        const now = this.ctx.clock.now();
        this.ctx.storage.putAlias({
          aliasName,
          targetKeyId: key.keyId,
          creationDate: now,
          lastUpdatedDate: now,
        });
      });
    });
  }

  updateAlias(aliasName: string, targetKeyId: string, principal?: string): Promise<void> {
    return this.ctx.call('UpdateAlias', { keyId: targetKeyId, principal }, (record) => {
      validateUserAliasName(aliasName);
      const key = this.aliasTarget(targetKeyId, record, 'kms:UpdateAlias');
      this.ctx.storage.transaction(() => {
        const alias = this.requireAlias(aliasName);
        const current = this.ctx.storage.getKey(alias.targetKeyId);
        // KMS moves an alias only between keys of the same type and usage.
        if (
          current !== undefined &&
          (current.keySpec !== key.keySpec || current.keyUsage !== key.keyUsage)
        ) {
          throw kmsError(
            'invalidParameter',
            {
              detail: `The new target key ${this.ctx.arnOf(key)} (${key.keySpec}, ${key.keyUsage}) must have the same key spec and usage as the current one (${current.keySpec}, ${current.keyUsage}).`,
            },
            { field: 'TargetKeyId' },
          );
        }
        this.ctx.storage.putAlias({
          ...alias,
          targetKeyId: key.keyId,
          lastUpdatedDate: this.ctx.clock.now(),
        });
      });
    });
  }

  deleteAlias(aliasName: string, principal?: string): Promise<void> {
    return this.ctx.call('DeleteAlias', { principal }, (record) => {
      validateUserAliasName(aliasName);
      this.ctx.storage.transaction(() => {
        const alias = this.requireAlias(aliasName);
        record.keyArn = kmsKeyArn(alias.targetKeyId, this.ctx.location);
        const key = this.ctx.storage.getKey(alias.targetKeyId);
        if (key !== undefined) this.ctx.authorize(key, record, 'kms:DeleteAlias');
        this.ctx.storage.deleteAlias(aliasName);
      });
    });
  }

  listAliases(
    request: { keyId?: string; limit?: number; marker?: string; principal?: string } = {},
  ): Promise<{ aliases: AliasListEntry[]; truncated: boolean; nextMarker?: string }> {
    return this.ctx.call(
      'ListAliases',
      { keyId: request.keyId, principal: request.principal },
      (record) => {
        const limit = integerMember(request.limit ?? 50, 'limit', 1, 100);
        const after = decodeMarker(request.marker, (name) => name.startsWith('alias/'));
        const targetKeyId =
          request.keyId === undefined
            ? undefined
            : this.ctx.resolveKey(request.keyId, record).keyId;
        const fetched = this.ctx.storage.listAliases(after, limit + 1, targetKeyId);
        const { rows, ...more } = pageOf(fetched, limit, (alias) => alias.aliasName);
        const aliases = rows
          .filter((alias) => this.ctx.loadKey(alias.targetKeyId) !== undefined)
          .map((alias) => ({
            aliasName: alias.aliasName,
            aliasArn: kmsAliasArn(alias.aliasName, this.ctx.location),
            targetKeyId: alias.targetKeyId,
            creationDate: new Date(alias.creationDate),
            lastUpdatedDate: new Date(alias.lastUpdatedDate),
          }));
        return { aliases, ...more };
      },
    );
  }

  private aliasTarget(targetKeyId: string, record: CallRecord, action: string): KeyRecord {
    const key = this.ctx.resolveKey(targetKeyId, record);
    this.ctx.authorize(key, record, action);
    this.ctx.requireCustomerManaged(key, action, record.principal);
    this.ctx.requireNotPendingDeletion(key);
    return key;
  }

  private requireAlias(aliasName: string): AliasRecord {
    const alias = this.ctx.storage.getAlias(aliasName);
    if (alias === undefined) {
      throw kmsError(
        'aliasNotFound',
        { aliasArn: kmsAliasArn(aliasName, this.ctx.location) },
        { field: 'AliasName' },
      );
    }
    return alias;
  }
}
