import { randomBytes, randomUUID } from 'node:crypto';
import {
  type Clock,
  type DecryptRequest,
  describeValue,
  type EncryptionContext,
  type GenerateDataKeyRequest,
  isSealbusError,
  KeyManager,
  type KeyMetadata,
  type KeyProvider,
  KeyState,
  KmsAccessDeniedError,
  KmsAlreadyExistsError,
  KmsDisabledError,
  KmsIncorrectKeyError,
  KmsInternalError,
  KmsInvalidCiphertextError,
  KmsInvalidStateError,
  KmsNotFoundError,
  KmsValidationError,
  kmsAliasArn,
  kmsKeyArn,
  systemClock,
} from '@sealbus/core';
import {
  BLOB_MAX_PLAINTEXT,
  openCiphertextBlob,
  parseCiphertextBlob,
  sealCiphertextBlob,
} from './ciphertextBlob.js';
import { validateEncryptionContext } from './encryptionContext.js';
import {
  DEFAULT_KEY_POLICY,
  isAllowed,
  type PolicyStatement,
  parseKeyPolicy,
} from './keyPolicy.js';
import {
  isKeyId,
  type KmsLocation,
  parseKeyReference,
  validateUserAliasName,
} from './keyReference.js';
import { decodeMarker, pageOf } from './pagination.js';
import {
  type DataKeySpec,
  dataKeyLength,
  integerInRange,
  validateDescription,
  validateKeyKind,
  validatePrincipal,
  validateTags,
} from './requestValidation.js';
import type { AliasRecord, AuditEntry, KeyRecord, KmsStorage } from './storage/KmsStorage.js';
import { MemoryKmsStorage } from './storage/MemoryKmsStorage.js';
import { sqliteRootKeySource } from './storage/rootKey.js';
import { SqliteKmsStorage } from './storage/SqliteKmsStorage.js';

export interface LocalKmsOptions {
  /** @defaultValue `'us-east-1'` */
  region?: string;
  /** @defaultValue `'000000000000'` */
  accountId?: string;
  /** Time source for creation dates, deletion windows, rotation and the audit log. @defaultValue `systemClock` */
  clock?: Clock;
  /** Where keys live. @defaultValue a new `MemoryKmsStorage` */
  storage?: KmsStorage;
}

export interface LocalKmsSqliteOptions extends LocalKmsOptions {
  /** The SQLite database file (created if missing), or `:memory:` (then a throwaway root key). */
  path: string;
  /**
   * The root key file, created with mode 0600 together with a new database; a missing file is
   * never replaced for an existing one. @defaultValue `${path}.root-key`
   */
  rootKeyPath?: string;
  /** The 32-byte root key itself, instead of a file. */
  rootKey?: Uint8Array;
}

export const DEFAULT_LOCAL_KMS_OPTIONS = {
  region: 'us-east-1',
  accountId: '000000000000',
} as const;

/** What the fault hook sees of each call, before the call does anything. */
export interface KmsCall {
  operation: string;
  keyArn?: string;
  principal?: string;
}
export type KmsFaultHook = (call: KmsCall) => void | Promise<void>;

export interface CreateKeyRequest {
  description?: string;
  policy?: string;
  keyUsage?: string;
  keySpec?: string;
  tags?: Record<string, string>;
  principal?: string;
}

export interface DataKeyRequest extends GenerateDataKeyRequest {
  /** 1-1024; exclusive with `keySpec`. */
  numberOfBytes?: number;
  /** @defaultValue `'AES_256'` when `numberOfBytes` is not set either. */
  keySpec?: DataKeySpec;
}

export interface EncryptRequest {
  keyId: string;
  /** 1-4096 bytes. */
  plaintext: Uint8Array;
  context?: EncryptionContext;
  principal?: string;
}

export interface ReEncryptRequest {
  ciphertextBlob: Uint8Array;
  sourceContext?: EncryptionContext;
  /** When set, the blob must belong to this key (`KmsIncorrectKeyError` otherwise). */
  sourceKeyId?: string;
  destinationKeyId: string;
  destinationContext?: EncryptionContext;
  principal?: string;
}

export interface AliasListEntry {
  aliasName: string;
  aliasArn: string;
  targetKeyId: string;
  creationDate: Date;
  lastUpdatedDate: Date;
}

export interface KeyRotationStatus {
  /** The key ARN. */
  keyId: string;
  keyRotationEnabled: boolean;
  rotationPeriodInDays?: number;
  nextRotationDate?: Date;
}

export interface ScheduleKeyDeletionResult {
  /** The key ARN. */
  keyId: string;
  deletionDate: Date;
  keyState: 'PendingDeletion';
  pendingWindowInDays: number;
}

export interface AuditLogQuery {
  keyArn?: string;
  since?: Date;
  /** The most recent `limit` matches are returned, oldest first. @defaultValue 1000 */
  limit?: number;
  operation?: string;
}

const DAY_MS = 86_400_000;

/** The key a blob names, for the fault hook and audit before the call validates anything. */
function blobKeyId(blob: Uint8Array): string | undefined {
  try {
    return parseCiphertextBlob(blob).keyId;
  } catch {
    return undefined;
  }
}
const DEFAULT_ROTATION_PERIOD_DAYS = 365;
const AWS_MANAGED_ALIASES: Readonly<Record<string, string>> = {
  'alias/aws/sqs': 'Default key that protects my SQS messages when no other key is defined',
  'alias/aws/sns': 'Default key that protects my SNS topics when no other key is defined',
};

/** What one call records in the audit log; filled in as the call resolves its key. */
interface CallRecord {
  keyArn?: string;
  principal: string;
  encryptionContext?: EncryptionContext;
  destinationKeyArn?: string;
  destinationEncryptionContext?: EncryptionContext;
}

/**
 * A local KMS modelled on AWS KMS: symmetric CMKs, aliases (with `alias/aws/sqs` and
 * `alias/aws/sns` created on first use), key states, rotation, key policies and an audit log,
 * in memory or SQLite. Every `keyId` accepts a key id, key ARN, alias name or alias ARN.
 */
export class LocalKms implements KeyProvider {
  private readonly location: KmsLocation;
  private readonly clock: Clock;
  private readonly storage: KmsStorage;
  private readonly rootPrincipal: string;
  private readonly policyCache = new Map<string, PolicyStatement[]>();
  private faultHook: KmsFaultHook | undefined;
  private closed = false;

  constructor(options: LocalKmsOptions = {}) {
    const region = options.region ?? DEFAULT_LOCAL_KMS_OPTIONS.region;
    const accountId = options.accountId ?? DEFAULT_LOCAL_KMS_OPTIONS.accountId;
    if (!/^[a-z0-9-]+$/.test(region)) {
      throw new KmsValidationError(
        `region ${describeValue(region)} must be a region name such as us-east-1.`,
        {
          field: 'region',
        },
      );
    }
    if (!/^\d{12}$/.test(accountId)) {
      throw new KmsValidationError(`accountId ${describeValue(accountId)} must be 12 digits.`, {
        field: 'accountId',
      });
    }
    this.location = { region, accountId };
    this.clock = options.clock ?? systemClock;
    this.storage = options.storage ?? new MemoryKmsStorage();
    this.rootPrincipal = `arn:aws:iam::${accountId}:root`;
  }

  /**
   * Opens (or creates) a KMS on a SQLite file; synchronous. Key material is wrapped with the
   * root key from `rootKey` or the file `rootKeyPath`, which is created (mode 0600) only
   * together with a new database (see `SqliteKmsStorageOptions.rootKeyPath`).
   */
  static openSqlite(options: LocalKmsSqliteOptions): LocalKms {
    const storage = new SqliteKmsStorage({
      path: options.path,
      ...sqliteRootKeySource(options.path, options),
    });
    try {
      return new LocalKms({ ...options, storage });
    } catch (error) {
      storage.close();
      throw error;
    }
  }

  /** Installs a hook run before every call; throw from it to simulate throttling or outages. */
  setFaultHook(hook?: KmsFaultHook): void {
    this.faultHook = hook;
  }

  // ---- key management ----

  createKey(request: CreateKeyRequest = {}): Promise<KeyMetadata> {
    return this.call('CreateKey', { principal: request.principal }, (record) => {
      validateKeyKind(request.keyUsage, request.keySpec);
      const description = validateDescription(request.description);
      const tags = validateTags(request.tags);
      const policy = request.policy ?? DEFAULT_KEY_POLICY;
      this.statementsOf(policy);
      const key: KeyRecord = {
        keyId: randomUUID(),
        description,
        keyManager: KeyManager.CUSTOMER,
        creationDate: this.clock.now(),
        keyState: KeyState.Enabled,
        policy,
        tags,
        rotationEnabled: false,
      };
      record.keyArn = this.arnOf(key);
      this.storage.transaction(() => this.insertKey(key));
      return this.metadataOf(key);
    });
  }

  describeKey(keyId: string, principal?: string): Promise<KeyMetadata> {
    return this.call('DescribeKey', { keyId, principal }, (record) => {
      const key = this.resolveKey(keyId, record, { createAwsManaged: true });
      this.authorize(key, record.principal, 'kms:DescribeKey');
      return this.metadataOf(key);
    });
  }

  listKeys(request: { limit?: number; marker?: string } = {}): Promise<{
    keys: { keyId: string; keyArn: string }[];
    truncated: boolean;
    nextMarker?: string;
  }> {
    return this.call('ListKeys', {}, () => {
      const limit = integerInRange(request.limit ?? 100, 1, 1000, 'limit');
      const after = decodeMarker(request.marker, isKeyId);
      const { rows, ...more } = pageOf(
        this.storage.listKeys(after, limit + 1),
        limit,
        (r) => r.keyId,
      );
      const keys = rows
        .filter((row) => this.loadKey(row.keyId) !== undefined)
        .map((row) => ({ keyId: row.keyId, keyArn: this.arnOf(row) }));
      return { keys, ...more };
    });
  }

  enableKey(keyId: string): Promise<void> {
    return this.switchKey('EnableKey', keyId, KeyState.Enabled);
  }

  disableKey(keyId: string): Promise<void> {
    return this.switchKey('DisableKey', keyId, KeyState.Disabled);
  }

  /** EnableKey and DisableKey: customer managed keys not pending deletion only. */
  private switchKey(
    operation: 'EnableKey' | 'DisableKey',
    keyId: string,
    state: typeof KeyState.Enabled | typeof KeyState.Disabled,
  ): Promise<void> {
    return this.call(operation, { keyId }, (record) => {
      this.updateKey(keyId, record, (key) => {
        this.requireCustomerManaged(key, operation, record.principal);
        this.requireNotPendingDeletion(key, operation);
        key.keyState = state;
      });
    });
  }

  scheduleKeyDeletion(keyId: string, pendingWindowInDays = 30): Promise<ScheduleKeyDeletionResult> {
    return this.call('ScheduleKeyDeletion', { keyId }, (record) => {
      const days = integerInRange(pendingWindowInDays, 7, 30, 'pendingWindowInDays');
      const key = this.updateKey(keyId, record, (key) => {
        this.requireCustomerManaged(key, 'ScheduleKeyDeletion', record.principal);
        this.requireNotPendingDeletion(key, 'ScheduleKeyDeletion');
        key.keyState = KeyState.PendingDeletion;
        key.deletionDate = this.clock.now() + days * DAY_MS;
        key.pendingWindowInDays = days;
      });
      return {
        keyId: this.arnOf(key),
        deletionDate: new Date(key.deletionDate!),
        keyState: 'PendingDeletion',
        pendingWindowInDays: days,
      };
    });
  }

  /** Stops a scheduled deletion; the key ends `Disabled`, as in KMS. */
  cancelKeyDeletion(keyId: string): Promise<{ keyId: string }> {
    return this.call('CancelKeyDeletion', { keyId }, (record) => {
      const key = this.updateKey(keyId, record, (key) => {
        this.requireCustomerManaged(key, 'CancelKeyDeletion', record.principal);
        if (key.keyState !== KeyState.PendingDeletion) {
          throw new KmsInvalidStateError(
            `${this.arnOf(key)} is ${key.keyState}, not pending deletion, so there is no deletion to cancel.`,
          );
        }
        key.keyState = KeyState.Disabled;
        delete key.deletionDate;
        delete key.pendingWindowInDays;
      });
      return { keyId: this.arnOf(key) };
    });
  }

  enableKeyRotation(
    keyId: string,
    rotationPeriodInDays = DEFAULT_ROTATION_PERIOD_DAYS,
  ): Promise<void> {
    return this.call('EnableKeyRotation', { keyId }, (record) => {
      const days = integerInRange(rotationPeriodInDays, 90, 2560, 'rotationPeriodInDays');
      this.updateKey(keyId, record, (key) => {
        this.requireCustomerManaged(key, 'EnableKeyRotation', record.principal);
        this.requireUsable(key);
        key.rotationEnabled = true;
        key.rotationPeriodInDays = days;
        key.nextRotationDate = this.clock.now() + days * DAY_MS;
      });
    });
  }

  disableKeyRotation(keyId: string): Promise<void> {
    return this.call('DisableKeyRotation', { keyId }, (record) => {
      this.updateKey(keyId, record, (key) => {
        this.requireCustomerManaged(key, 'DisableKeyRotation', record.principal);
        this.requireUsable(key);
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
  getKeyRotationStatus(keyId: string): Promise<KeyRotationStatus> {
    return this.call('GetKeyRotationStatus', { keyId }, (record) => {
      const key = this.resolveKey(keyId, record);
      const arn = this.arnOf(key);
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
    });
  }

  /** On-demand rotation: new material for new ciphertexts; every older version still decrypts. */
  rotateKey(keyId: string): Promise<{ keyId: string }> {
    return this.call('RotateKeyOnDemand', { keyId }, (record) => {
      const key = this.resolveKey(keyId, record);
      this.requireCustomerManaged(key, 'RotateKeyOnDemand', record.principal);
      this.requireUsable(key);
      this.storage.transaction(() => this.addNextMaterial(key.keyId));
      return { keyId: this.arnOf(key) };
    });
  }

  getKeyPolicy(keyId: string): Promise<string> {
    return this.call('GetKeyPolicy', { keyId }, (record) => this.resolveKey(keyId, record).policy);
  }

  putKeyPolicy(keyId: string, policy: string): Promise<void> {
    return this.call('PutKeyPolicy', { keyId }, (record) => {
      this.statementsOf(policy);
      this.updateKey(keyId, record, (key) => {
        this.requireCustomerManaged(key, 'PutKeyPolicy', record.principal);
        key.policy = policy;
      });
    });
  }

  listResourceTags(keyId: string): Promise<Record<string, string>> {
    return this.call('ListResourceTags', { keyId }, (record) => ({
      ...this.resolveKey(keyId, record).tags,
    }));
  }

  // ---- aliases ----

  createAlias(aliasName: string, targetKeyId: string): Promise<void> {
    return this.call('CreateAlias', { keyId: targetKeyId }, (record) => {
      validateUserAliasName(aliasName);
      const key = this.aliasTarget(targetKeyId, record, 'CreateAlias');
      this.storage.transaction(() => {
        if (this.storage.getAlias(aliasName) !== undefined) {
          throw new KmsAlreadyExistsError(
            `An alias with the name ${kmsAliasArn(aliasName, this.location)} already exists; use updateAlias to point it at another key.`,
            { field: 'AliasName' },
          );
        }
        const now = this.clock.now();
        this.storage.putAlias({
          aliasName,
          targetKeyId: key.keyId,
          creationDate: now,
          lastUpdatedDate: now,
        });
      });
    });
  }

  updateAlias(aliasName: string, targetKeyId: string): Promise<void> {
    return this.call('UpdateAlias', { keyId: targetKeyId }, (record) => {
      validateUserAliasName(aliasName);
      const key = this.aliasTarget(targetKeyId, record, 'UpdateAlias');
      this.storage.transaction(() => {
        const alias = this.requireAlias(aliasName);
        this.storage.putAlias({
          ...alias,
          targetKeyId: key.keyId,
          lastUpdatedDate: this.clock.now(),
        });
      });
    });
  }

  deleteAlias(aliasName: string): Promise<void> {
    return this.call('DeleteAlias', {}, (record) => {
      validateUserAliasName(aliasName);
      this.storage.transaction(() => {
        const alias = this.requireAlias(aliasName);
        record.keyArn = kmsKeyArn(alias.targetKeyId, this.location);
        this.storage.deleteAlias(aliasName);
      });
    });
  }

  listAliases(
    request: { keyId?: string; limit?: number; marker?: string } = {},
  ): Promise<{ aliases: AliasListEntry[]; truncated: boolean; nextMarker?: string }> {
    return this.call('ListAliases', { keyId: request.keyId }, (record) => {
      const limit = integerInRange(request.limit ?? 50, 1, 100, 'limit');
      const after = decodeMarker(request.marker, (name) => name.startsWith('alias/'));
      const targetKeyId =
        request.keyId === undefined ? undefined : this.resolveKey(request.keyId, record).keyId;
      const fetched = this.storage.listAliases(after, limit + 1, targetKeyId);
      const { rows, ...more } = pageOf(fetched, limit, (alias) => alias.aliasName);
      const aliases = rows
        .filter((alias) => this.loadKey(alias.targetKeyId) !== undefined)
        .map((alias) => ({
          aliasName: alias.aliasName,
          aliasArn: kmsAliasArn(alias.aliasName, this.location),
          targetKeyId: alias.targetKeyId,
          creationDate: new Date(alias.creationDate),
          lastUpdatedDate: new Date(alias.lastUpdatedDate),
        }));
      return { aliases, ...more };
    });
  }

  // ---- cryptographic operations ----

  generateDataKey(
    request: DataKeyRequest,
  ): Promise<{ keyArn: string; plaintext: Uint8Array; ciphertextBlob: Uint8Array }> {
    return this.call('GenerateDataKey', request, (record) =>
      this.newDataKey(request, record, 'kms:GenerateDataKey'),
    );
  }

  generateDataKeyWithoutPlaintext(
    request: DataKeyRequest,
  ): Promise<{ keyArn: string; ciphertextBlob: Uint8Array }> {
    return this.call('GenerateDataKeyWithoutPlaintext', request, (record) => {
      const { plaintext, ...rest } = this.newDataKey(
        request,
        record,
        'kms:GenerateDataKeyWithoutPlaintext',
      );
      plaintext.fill(0);
      return rest;
    });
  }

  encrypt(request: EncryptRequest): Promise<{
    keyArn: string;
    ciphertextBlob: Uint8Array;
    encryptionAlgorithm: 'SYMMETRIC_DEFAULT';
  }> {
    return this.call('Encrypt', request, (record) => {
      const { plaintext } = request;
      if (
        !(plaintext instanceof Uint8Array) ||
        plaintext.length < 1 ||
        plaintext.length > BLOB_MAX_PLAINTEXT
      ) {
        throw new KmsValidationError(
          `plaintext must be 1-${BLOB_MAX_PLAINTEXT} bytes, got ${describeValue(plaintext)}; encrypt larger data with a data key.`,
          { field: 'Plaintext' },
        );
      }
      const key = this.usableKey(request.keyId, record, 'kms:Encrypt');
      const ciphertextBlob = this.sealWithLatest(key, plaintext, record.encryptionContext ?? {});
      return { keyArn: this.arnOf(key), ciphertextBlob, encryptionAlgorithm: 'SYMMETRIC_DEFAULT' };
    });
  }

  decrypt(
    request: DecryptRequest,
  ): Promise<{ keyArn: string; plaintext: Uint8Array; encryptionAlgorithm: 'SYMMETRIC_DEFAULT' }> {
    const keyId = request.keyId ?? blobKeyId(request.ciphertextBlob);
    return this.call('Decrypt', { ...request, keyId }, (record) => {
      const plaintext = this.openBlob(
        request.ciphertextBlob,
        request.keyId,
        record.encryptionContext ?? {},
        record,
        'kms:Decrypt',
      );
      return { keyArn: record.keyArn!, plaintext, encryptionAlgorithm: 'SYMMETRIC_DEFAULT' };
    });
  }

  /**
   * Decrypts under the source key and encrypts under the destination key without exposing the
   * plaintext. Needs `kms:ReEncryptFrom` on the source and `kms:ReEncryptTo` on the destination.
   * One audit entry names both keys and both contexts.
   */
  reEncrypt(request: ReEncryptRequest): Promise<{
    ciphertextBlob: Uint8Array;
    sourceKeyArn: string;
    keyArn: string;
    sourceEncryptionAlgorithm: 'SYMMETRIC_DEFAULT';
    destinationEncryptionAlgorithm: 'SYMMETRIC_DEFAULT';
  }> {
    const source = {
      keyId: request.sourceKeyId ?? blobKeyId(request.ciphertextBlob),
      principal: request.principal,
      context: request.sourceContext,
    };
    return this.call('ReEncrypt', source, (record) => {
      const destinationContext = validateEncryptionContext(
        request.destinationContext,
        'destinationContext',
      );
      record.destinationEncryptionContext = destinationContext;
      const plaintext = this.openBlob(
        request.ciphertextBlob,
        request.sourceKeyId,
        record.encryptionContext ?? {},
        record,
        'kms:ReEncryptFrom',
      );
      try {
        const destinationRecord: CallRecord = { principal: record.principal };
        try {
          const destination = this.usableKey(
            request.destinationKeyId,
            destinationRecord,
            'kms:ReEncryptTo',
          );
          return {
            ciphertextBlob: this.sealWithLatest(destination, plaintext, destinationContext),
            sourceKeyArn: record.keyArn!,
            keyArn: this.arnOf(destination),
            sourceEncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
            destinationEncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
          };
        } finally {
          if (destinationRecord.keyArn !== undefined) {
            record.destinationKeyArn = destinationRecord.keyArn;
          }
        }
      } finally {
        plaintext.fill(0);
      }
    });
  }

  // ---- audit and lifecycle ----

  /** Audited calls matching the query, oldest first; never contains key material or plaintext. */
  async auditLog(query: AuditLogQuery = {}): Promise<AuditEntry[]> {
    this.assertOpen();
    return this.storage.queryAudit({
      limit: integerInRange(query.limit ?? 1000, 1, 100_000, 'limit'),
      ...(query.keyArn === undefined ? {} : { keyArn: query.keyArn }),
      ...(query.since === undefined ? {} : { since: query.since }),
      ...(query.operation === undefined ? {} : { operation: query.operation }),
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.storage.close();
  }

  // ---- internals ----

  /**
   * Runs one API call: fault hook first (as a throttle would), then the work, then one audit
   * entry with the outcome. `work` fills in the key ARN once it has resolved the key.
   */
  private async call<T>(
    operation: string,
    request: {
      keyId?: string | undefined;
      principal?: string | undefined;
      context?: EncryptionContext | undefined;
    },
    work: (record: CallRecord) => T,
  ): Promise<T> {
    this.assertOpen();
    const record: CallRecord = { principal: request.principal ?? this.rootPrincipal };
    try {
      validatePrincipal(request.principal);
      if ('context' in request)
        record.encryptionContext = validateEncryptionContext(request.context, 'context');
      const peeked = request.keyId === undefined ? undefined : this.peekArn(request.keyId);
      if (peeked !== undefined) record.keyArn = peeked;
      await this.faultHook?.({
        operation,
        ...(peeked === undefined ? {} : { keyArn: peeked }),
        principal: record.principal,
      });
      this.assertOpen();
      const result = work(record);
      this.audit(operation, record, undefined);
      return result;
    } catch (error) {
      if (!this.closed) this.audit(operation, record, error);
      throw error;
    }
  }

  private audit(operation: string, record: CallRecord, error: unknown): void {
    this.storage.appendAudit({
      eventTime: new Date(this.clock.now()),
      operation,
      ...(record.keyArn === undefined ? {} : { keyArn: record.keyArn }),
      principal: typeof record.principal === 'string' ? record.principal : String(record.principal),
      ...(record.encryptionContext === undefined
        ? {}
        : { encryptionContext: record.encryptionContext }),
      ...(record.destinationKeyArn === undefined
        ? {}
        : { destinationKeyArn: record.destinationKeyArn }),
      ...(record.destinationEncryptionContext === undefined
        ? {}
        : { destinationEncryptionContext: record.destinationEncryptionContext }),
      ...(error === undefined
        ? { result: 'ok' as const }
        : {
            result: 'error' as const,
            errorCode: isSealbusError(error) ? error.code : 'KMS.KMSInternalException',
          }),
    });
  }

  private assertOpen(): void {
    if (this.closed)
      throw new KmsInternalError('This LocalKms is closed; open a new one to make KMS calls.');
  }

  /** Best-effort key ARN for the fault hook and audit, without side effects or errors. */
  private peekArn(keyRef: string): string | undefined {
    try {
      const parsed = parseKeyReference(this.location, keyRef);
      if (parsed.kind === 'key') return kmsKeyArn(parsed.keyId, this.location);
      const alias = this.storage.getAlias(parsed.aliasName);
      return alias === undefined ? undefined : kmsKeyArn(alias.targetKeyId, this.location);
    } catch {
      return undefined;
    }
  }

  /** Reads a key, applying what the clock says has happened: deletion and scheduled rotation. */
  private loadKey(keyId: string): KeyRecord | undefined {
    const key = this.storage.getKey(keyId);
    if (key === undefined) return undefined;
    const now = this.clock.now();
    if (
      key.keyState === KeyState.PendingDeletion &&
      key.deletionDate !== undefined &&
      key.deletionDate <= now
    ) {
      this.storage.transaction(() => this.storage.deleteKey(keyId));
      return undefined;
    }
    if (
      key.keyState === KeyState.Enabled &&
      key.rotationEnabled &&
      key.nextRotationDate !== undefined &&
      key.nextRotationDate <= now
    ) {
      return this.storage.transaction(() => {
        // Re-read inside the write lock: another process may have rotated already.
        const current = this.storage.getKey(keyId);
        if (current?.nextRotationDate === undefined || current.nextRotationDate > now)
          return current;
        this.addNextMaterial(keyId);
        current.nextRotationDate =
          now + (current.rotationPeriodInDays ?? DEFAULT_ROTATION_PERIOD_DAYS) * DAY_MS;
        this.storage.putKey(current);
        return current;
      });
    }
    return key;
  }

  private resolveKey(
    keyRef: string,
    record: CallRecord,
    options: { createAwsManaged?: boolean } = {},
  ): KeyRecord {
    const parsed = parseKeyReference(this.location, keyRef);
    let keyId: string;
    if (parsed.kind === 'key') {
      keyId = parsed.keyId;
    } else {
      const alias =
        this.storage.getAlias(parsed.aliasName) ??
        (options.createAwsManaged === true && parsed.aliasName in AWS_MANAGED_ALIASES
          ? this.createAwsManagedKey(parsed.aliasName)
          : undefined);
      if (alias === undefined) {
        throw new KmsNotFoundError(
          `Alias ${kmsAliasArn(parsed.aliasName, this.location)} is not found; create it with createAlias or use a key id.`,
          { field: 'KeyId' },
        );
      }
      keyId = alias.targetKeyId;
    }
    const arn = kmsKeyArn(keyId, this.location);
    record.keyArn = arn;
    const key = this.loadKey(keyId);
    if (key === undefined) {
      throw new KmsNotFoundError(
        `Key '${arn}' does not exist; check the key id or create a key with createKey.`,
        {
          field: 'KeyId',
        },
      );
    }
    return key;
  }

  /** Creates the AWS managed key of `alias/aws/sqs` or `alias/aws/sns` once, even across processes. */
  private createAwsManagedKey(aliasName: string): AliasRecord {
    return this.storage.transaction(() => {
      const existing = this.storage.getAlias(aliasName);
      if (existing !== undefined) return existing;
      const now = this.clock.now();
      const key: KeyRecord = {
        keyId: randomUUID(),
        description: AWS_MANAGED_ALIASES[aliasName] ?? '',
        keyManager: KeyManager.AWS,
        creationDate: now,
        keyState: KeyState.Enabled,
        policy: DEFAULT_KEY_POLICY,
        tags: {},
        rotationEnabled: true,
        rotationPeriodInDays: DEFAULT_ROTATION_PERIOD_DAYS,
        nextRotationDate: now + DEFAULT_ROTATION_PERIOD_DAYS * DAY_MS,
      };
      this.insertKey(key);
      const alias = { aliasName, targetKeyId: key.keyId, creationDate: now, lastUpdatedDate: now };
      this.storage.putAlias(alias);
      return alias;
    });
  }

  private insertKey(key: KeyRecord): void {
    this.storage.putKey(key);
    this.storage.addMaterial(key.keyId, { version: 1, material: randomBytes(32) });
  }

  private addNextMaterial(keyId: string): void {
    const version = (this.storage.latestMaterial(keyId)?.version ?? 0) + 1;
    this.storage.addMaterial(keyId, { version, material: randomBytes(32) });
  }

  /** Read-modify-write of one key under the storage's write lock. */
  private updateKey(
    keyRef: string,
    record: CallRecord,
    change: (key: KeyRecord) => void,
  ): KeyRecord {
    const { keyId } = this.resolveKey(keyRef, record);
    return this.storage.transaction(() => {
      const key = this.loadKey(keyId);
      if (key === undefined) {
        throw new KmsNotFoundError(`Key '${kmsKeyArn(keyId, this.location)}' does not exist.`, {
          field: 'KeyId',
        });
      }
      change(key);
      this.storage.putKey(key);
      return key;
    });
  }

  private aliasTarget(targetKeyId: string, record: CallRecord, operation: string): KeyRecord {
    const key = this.resolveKey(targetKeyId, record);
    this.requireCustomerManaged(key, operation, record.principal);
    this.requireNotPendingDeletion(key, operation);
    return key;
  }

  private requireAlias(aliasName: string): AliasRecord {
    const alias = this.storage.getAlias(aliasName);
    if (alias === undefined) {
      throw new KmsNotFoundError(`Alias ${kmsAliasArn(aliasName, this.location)} is not found.`, {
        field: 'AliasName',
      });
    }
    return alias;
  }

  private usableKey(keyRef: string, record: CallRecord, action: string): KeyRecord {
    const key = this.resolveKey(keyRef, record, { createAwsManaged: true });
    this.authorize(key, record.principal, action);
    this.requireUsable(key);
    return key;
  }

  private newDataKey(
    request: DataKeyRequest,
    record: CallRecord,
    action: string,
  ): { keyArn: string; plaintext: Uint8Array; ciphertextBlob: Uint8Array } {
    const length = dataKeyLength(request.keySpec, request.numberOfBytes);
    const key = this.usableKey(request.keyId, record, action);
    const plaintext = new Uint8Array(randomBytes(length));
    const ciphertextBlob = this.sealWithLatest(key, plaintext, record.encryptionContext ?? {});
    return { keyArn: this.arnOf(key), plaintext, ciphertextBlob };
  }

  private sealWithLatest(
    key: KeyRecord,
    plaintext: Uint8Array,
    context: EncryptionContext,
  ): Uint8Array {
    const latest = this.storage.latestMaterial(key.keyId);
    if (latest === undefined) {
      throw new KmsInternalError(
        `Key ${this.arnOf(key)} has no key material; the KMS storage is damaged.`,
      );
    }
    return sealCiphertextBlob(latest.material, key.keyId, latest.version, plaintext, context);
  }

  /** Shared by Decrypt and ReEncrypt: identify the key from the blob, check, authenticate. */
  private openBlob(
    blob: Uint8Array,
    expectedKeyRef: string | undefined,
    context: EncryptionContext,
    record: CallRecord,
    action: string,
  ): Uint8Array {
    const parsed = parseCiphertextBlob(blob);
    const blobArn = kmsKeyArn(parsed.keyId, this.location);
    if (expectedKeyRef !== undefined) {
      const expected = this.resolveKey(expectedKeyRef, record);
      if (expected.keyId !== parsed.keyId) {
        throw new KmsIncorrectKeyError(
          `The ciphertext was encrypted under ${blobArn}, not under the requested key ${this.arnOf(expected)}; omit keyId or pass the key the ciphertext names.`,
          { field: 'KeyId' },
        );
      }
    }
    const key = this.resolveKey(parsed.keyId, record);
    this.authorize(key, record.principal, action);
    this.requireUsable(key);
    const material = this.storage.getMaterial(key.keyId, parsed.materialVersion);
    if (material === undefined) {
      throw new KmsInvalidCiphertextError(
        `The ciphertext names key material version ${parsed.materialVersion} of ${blobArn}, which does not exist; the blob is corrupt.`,
        { field: 'CiphertextBlob' },
      );
    }
    return openCiphertextBlob(material, parsed, context);
  }

  private statementsOf(policy: string): PolicyStatement[] {
    let statements = this.policyCache.get(policy);
    if (statements === undefined) {
      statements = parseKeyPolicy(policy);
      if (this.policyCache.size >= 256) this.policyCache.clear();
      this.policyCache.set(policy, statements);
    }
    return statements;
  }

  private authorize(key: KeyRecord, principal: string, action: string): void {
    const arn = this.arnOf(key);
    if (!isAllowed(this.statementsOf(key.policy), principal, action, arn)) {
      throw new KmsAccessDeniedError(
        `User: ${principal} is not authorized to perform: ${action} on resource: ${arn}; the key policy does not allow it (or denies it). Grant ${action} to this principal with putKeyPolicy.`,
      );
    }
  }

  /** Cryptographic operations (and rotation changes) need an Enabled key. */
  private requireUsable(key: KeyRecord): void {
    if (key.keyState === KeyState.Disabled) {
      throw new KmsDisabledError(
        `${this.arnOf(key)} is disabled; enable it with enableKey or use another key.`,
      );
    }
    this.requireNotPendingDeletion(key, 'this operation');
  }

  private requireNotPendingDeletion(key: KeyRecord, operation: string): void {
    if (key.keyState === KeyState.PendingDeletion) {
      throw new KmsInvalidStateError(
        `${this.arnOf(key)} is pending deletion (deletion date ${new Date(key.deletionDate ?? 0).toISOString()}), so ${operation} is not allowed; cancel the deletion with cancelKeyDeletion first.`,
      );
    }
  }

  /**
   * AWS managed keys are managed by AWS alone: their key policy grants account principals only
   * use and read access, so KMS answers management calls with AccessDenied.
   */
  private requireCustomerManaged(key: KeyRecord, operation: string, principal: string): void {
    if (key.keyManager !== KeyManager.CUSTOMER) {
      throw new KmsAccessDeniedError(
        `User: ${principal} is not authorized to perform: kms:${operation} on resource: ${this.arnOf(key)}; it is an AWS managed key, which only AWS manages. Create your own key with createKey for this.`,
      );
    }
  }

  private arnOf(key: { keyId: string }): string {
    return kmsKeyArn(key.keyId, this.location);
  }

  private metadataOf(key: KeyRecord): KeyMetadata {
    return {
      keyId: key.keyId,
      arn: this.arnOf(key),
      awsAccountId: this.location.accountId,
      creationDate: new Date(key.creationDate),
      enabled: key.keyState === KeyState.Enabled,
      keyState: key.keyState,
      description: key.description,
      keyUsage: 'ENCRYPT_DECRYPT',
      keySpec: 'SYMMETRIC_DEFAULT',
      keyManager: key.keyManager,
      origin: 'AWS_KMS',
      encryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
      multiRegion: false,
      ...(key.deletionDate === undefined ? {} : { deletionDate: new Date(key.deletionDate) }),
      ...(key.pendingWindowInDays === undefined
        ? {}
        : { pendingDeletionWindowInDays: key.pendingWindowInDays }),
    };
  }
}
