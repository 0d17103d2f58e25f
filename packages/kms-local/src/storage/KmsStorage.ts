import type { EncryptionContext, KeyManager, KeyState } from '@sealbus/core';

/** A CMK as stored; times are epoch milliseconds. Key material lives in separate records. */
export interface KeyRecord {
  keyId: string;
  description: string;
  keyManager: KeyManager;
  creationDate: number;
  keyState: KeyState;
  deletionDate?: number;
  pendingWindowInDays?: number;
  policy: string;
  tags: Record<string, string>;
  rotationEnabled: boolean;
  rotationPeriodInDays?: number;
  nextRotationDate?: number;
}

export interface KeyMaterial {
  version: number;
  /** 32 bytes of AES-256 key; storages that persist it wrap it first. */
  material: Uint8Array;
}

export interface AliasRecord {
  aliasName: string;
  targetKeyId: string;
  creationDate: number;
  lastUpdatedDate: number;
}

/** One audited call. Never holds key material or plaintext. */
export interface AuditEntry {
  /** Increasing sequence number within one storage. */
  id: number;
  eventTime: Date;
  /** The KMS API name, e.g. `GenerateDataKey`, `Decrypt`, `ScheduleKeyDeletion`. */
  operation: string;
  keyArn?: string;
  principal: string;
  encryptionContext?: EncryptionContext;
  /** ReEncrypt only: the key and context the ciphertext was re-encrypted under. */
  destinationKeyArn?: string;
  destinationEncryptionContext?: EncryptionContext;
  result: 'ok' | 'error';
  /** The AWS error code when `result` is `error`, e.g. `KMS.DisabledException`. */
  errorCode?: string;
}

export interface AuditQuery {
  /** Matches `keyArn` or `destinationKeyArn`. */
  keyArn?: string;
  since?: Date;
  operation?: string;
  /** Only entries whose `id` is below this. */
  beforeId?: number;
  result?: 'ok' | 'error';
  /** The most recent `limit` matching entries are returned, oldest first. */
  limit: number;
}

/**
 * Persistence of the local KMS. Synchronous because both implementations are (memory,
 * better-sqlite3); `transaction` runs its function atomically against other writers,
 * including other processes on the same SQLite file.
 */
export interface KmsStorage {
  transaction<T>(fn: () => T): T;
  getKey(keyId: string): KeyRecord | undefined;
  putKey(key: KeyRecord): void;
  /** Removes the key with its material and the aliases pointing at it. */
  deleteKey(keyId: string): void;
  /** Keys ordered by key id, starting after `afterKeyId`. */
  listKeys(afterKeyId: string | undefined, limit: number): KeyRecord[];
  addMaterial(keyId: string, material: KeyMaterial): void;
  getMaterial(keyId: string, version: number): Uint8Array | undefined;
  latestMaterial(keyId: string): KeyMaterial | undefined;
  getAlias(aliasName: string): AliasRecord | undefined;
  putAlias(alias: AliasRecord): void;
  deleteAlias(aliasName: string): void;
  /** Aliases ordered by name, starting after `afterAliasName`, optionally only those of one key. */
  listAliases(
    afterAliasName: string | undefined,
    limit: number,
    targetKeyId?: string,
  ): AliasRecord[];
  appendAudit(entry: Omit<AuditEntry, 'id'>): void;
  queryAudit(query: AuditQuery): AuditEntry[];
  close(): void;
}
