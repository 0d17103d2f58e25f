import type { EncryptionContext, KeyManager, KeySpec, KeyState, KeyUsage } from '@sealbus/core';

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
  /** Keys stored before asymmetric keys existed read back as symmetric encryption keys. */
  keyUsage: KeyUsage;
  keySpec: KeySpec;
}

export interface KeyMaterial {
  version: number;
  /**
   * The secret: 32 bytes of AES-256 key, the HMAC key, or the private key as PKCS#8 DER.
   * Storages that persist it wrap it under the root key first.
   */
  material: Uint8Array;
}

/** When and how a material version came to be, for ListKeyRotations; no secret in it. */
export interface MaterialVersion {
  version: number;
  /** Epoch ms; absent for material stored before versions were dated. */
  createdAt?: number;
  rotationType?: 'AUTOMATIC' | 'ON_DEMAND';
}

/** A KMS grant. The token is kept only as its SHA-256, as it is a bearer credential. */
export interface GrantRecord {
  grantId: string;
  grantTokenHash: string;
  keyId: string;
  name?: string;
  granteePrincipal: string;
  retiringPrincipal?: string;
  issuingAccount: string;
  operations: string[];
  constraints?: {
    encryptionContextSubset?: Record<string, string>;
    encryptionContextEquals?: Record<string, string>;
  };
  creationDate: number;
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
  /**
   * Whom the principal acted for, when the caller said (`DecryptRequest.onBehalfOf`): the
   * console records its signed-in session here, e.g. `session:3q2-7wQk1hZ0Xc9e`.
   */
  onBehalfOf?: string;
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
  /** Removes the key with its material, its grants and the aliases pointing at it. */
  deleteKey(keyId: string): void;
  /** Keys ordered by key id, starting after `afterKeyId`. */
  listKeys(afterKeyId: string | undefined, limit: number): KeyRecord[];
  addMaterial(keyId: string, material: KeyMaterial & Omit<MaterialVersion, 'version'>): void;
  /** Every material version of a key, oldest first, without unwrapping any. */
  materialVersions(keyId: string): MaterialVersion[];
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
  putGrant(grant: GrantRecord): void;
  getGrant(grantId: string): GrantRecord | undefined;
  getGrantByTokenHash(tokenHash: string): GrantRecord | undefined;
  deleteGrant(grantId: string): void;
  /** Grants of one key ordered by id, after `afterGrantId`, optionally of one grantee. */
  listGrants(
    keyId: string,
    afterGrantId: string | undefined,
    limit: number,
    granteePrincipal?: string,
  ): GrantRecord[];
  /** Grants a principal may retire, ordered by id, after `afterGrantId`. */
  listRetirableGrants(
    retiringPrincipal: string,
    afterGrantId: string | undefined,
    limit: number,
  ): GrantRecord[];
  countGrants(keyId: string): number;
  appendAudit(entry: Omit<AuditEntry, 'id'>): void;
  queryAudit(query: AuditQuery): AuditEntry[];
  close(): void;
}
