import {
  type Clock,
  describeValue,
  type KeyMetadata,
  type KeyProvider,
  KmsValidationError,
  systemClock,
} from '@sealbus/core';
import { KmsContext } from './kms/KmsContext.js';
import { AliasOperations } from './operations/aliases.js';
import { EncryptionOperations } from './operations/encryption.js';
import { GrantOperations } from './operations/grants.js';
import { KeyLifecycleOperations } from './operations/keyLifecycle.js';
import { type KeyRotationStatus, RotationOperations } from './operations/rotation.js';
import { SigningOperations } from './operations/signing.js';
import { TagOperations } from './operations/tags.js';
import { integerInRange } from './requestValidation.js';
import type { AuditEntry, KmsStorage } from './storage/KmsStorage.js';
import { MemoryKmsStorage } from './storage/MemoryKmsStorage.js';

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

export const DEFAULT_LOCAL_KMS_OPTIONS = {
  region: 'us-east-1',
  accountId: '000000000000',
} as const;

export interface AuditLogQuery {
  keyArn?: string;
  since?: Date;
  /** Only entries older than this one (`AuditEntry.id`): the next page of a newest-first list. */
  beforeId?: number;
  /** Only calls that succeeded (`ok`) or that KMS refused or failed (`error`). */
  result?: 'ok' | 'error';
  /** The most recent `limit` matches are returned, oldest first. @defaultValue 1000 */
  limit?: number;
  operation?: string;
}

/** One key as an operator's view shows it: `keyInventory` reads it without a KMS call. */
export interface KeyInventoryEntry {
  metadata: KeyMetadata;
  /** Alias names pointing at the key, by name. */
  aliases: string[];
  rotation: KeyRotationStatus;
  /** The key policy document. */
  policy: string;
}

/** Keys read per storage call by `keyInventory`. */
const INVENTORY_BATCH = 500;
/** The AWS KMS quota on aliases per key. */
const MAX_ALIASES_PER_KEY = 50;

function auditResult(value: string): 'ok' | 'error' {
  if (value === 'ok' || value === 'error') return value;
  throw new KmsValidationError(`result must be "ok" or "error"; got ${describeValue(value)}.`, {
    field: 'result',
  });
}

/**
 * A local KMS modelled on AWS KMS: symmetric, RSA, elliptic-curve and HMAC keys, aliases (with
 * `alias/aws/sqs` and `alias/aws/sns` created on first use), key states, rotation, key policies,
 * grants, tags and an audit log, in memory or SQLite (`openSqliteKms` of
 * `@sealbus/kms-local/sqlite`). Every `keyId` accepts a key id, key ARN, alias name or alias ARN.
 * The operations live in one module per group; this class is their public face and shares one
 * call context between them.
 */
export class LocalKms implements KeyProvider {
  private readonly ctx: KmsContext;
  private readonly keys: KeyLifecycleOperations;
  private readonly aliases: AliasOperations;
  private readonly encryption: EncryptionOperations;
  private readonly signing: SigningOperations;
  private readonly grants: GrantOperations;
  private readonly tags: TagOperations;
  private readonly rotation: RotationOperations;

  constructor(options: LocalKmsOptions = {}) {
    const region = options.region ?? DEFAULT_LOCAL_KMS_OPTIONS.region;
    const accountId = options.accountId ?? DEFAULT_LOCAL_KMS_OPTIONS.accountId;
    if (!/^[a-z0-9-]+$/.test(region)) {
      throw new KmsValidationError(
        `region ${describeValue(region)} must be a region name such as us-east-1.`,
        { field: 'region' },
      );
    }
    if (!/^\d{12}$/.test(accountId)) {
      throw new KmsValidationError(`accountId ${describeValue(accountId)} must be 12 digits.`, {
        field: 'accountId',
      });
    }
    this.ctx = new KmsContext(
      { region, accountId },
      options.clock ?? systemClock,
      options.storage ?? new MemoryKmsStorage(),
    );
    this.keys = new KeyLifecycleOperations(this.ctx);
    this.aliases = new AliasOperations(this.ctx);
    this.encryption = new EncryptionOperations(this.ctx);
    this.signing = new SigningOperations(this.ctx, this.encryption);
    this.grants = new GrantOperations(this.ctx);
    this.tags = new TagOperations(this.ctx);
    this.rotation = new RotationOperations(this.ctx);
  }

  // ---- keys: lifecycle, descriptions, policies ----
  readonly createKey: KeyLifecycleOperations['createKey'] = (r) => this.keys.createKey(r);
  readonly describeKey: (keyId: string, principal?: string) => Promise<KeyMetadata> = (k, p) =>
    this.keys.describeKey(k, p);
  readonly listKeys: KeyLifecycleOperations['listKeys'] = (r) => this.keys.listKeys(r);
  readonly enableKey: KeyLifecycleOperations['enableKey'] = (k, p) => this.keys.enableKey(k, p);
  readonly disableKey: KeyLifecycleOperations['disableKey'] = (k, p) => this.keys.disableKey(k, p);
  readonly scheduleKeyDeletion: KeyLifecycleOperations['scheduleKeyDeletion'] = (k, d, p) =>
    this.keys.scheduleKeyDeletion(k, d, p);
  readonly cancelKeyDeletion: KeyLifecycleOperations['cancelKeyDeletion'] = (k, p) =>
    this.keys.cancelKeyDeletion(k, p);
  readonly updateKeyDescription: KeyLifecycleOperations['updateKeyDescription'] = (k, d, p) =>
    this.keys.updateKeyDescription(k, d, p);
  readonly getKeyPolicy: KeyLifecycleOperations['getKeyPolicy'] = (k, p) =>
    this.keys.getKeyPolicy(k, p);
  readonly putKeyPolicy: KeyLifecycleOperations['putKeyPolicy'] = (k, policy, p) =>
    this.keys.putKeyPolicy(k, policy, p);
  readonly listKeyPolicies: KeyLifecycleOperations['listKeyPolicies'] = (k, p) =>
    this.keys.listKeyPolicies(k, p);

  // ---- aliases ----
  readonly createAlias: AliasOperations['createAlias'] = (a, k, p) =>
    this.aliases.createAlias(a, k, p);
  readonly updateAlias: AliasOperations['updateAlias'] = (a, k, p) =>
    this.aliases.updateAlias(a, k, p);
  readonly deleteAlias: AliasOperations['deleteAlias'] = (a, p) => this.aliases.deleteAlias(a, p);
  readonly listAliases: AliasOperations['listAliases'] = (r) => this.aliases.listAliases(r);

  // ---- symmetric and RSA encryption, data keys, random ----
  readonly generateDataKey: EncryptionOperations['generateDataKey'] = (r) =>
    this.encryption.generateDataKey(r);
  readonly generateDataKeyWithoutPlaintext: EncryptionOperations['generateDataKeyWithoutPlaintext'] =
    (r) => this.encryption.generateDataKeyWithoutPlaintext(r);
  readonly generateRandom: EncryptionOperations['generateRandom'] = (n, p) =>
    this.encryption.generateRandom(n, p);
  readonly encrypt: EncryptionOperations['encrypt'] = (r) => this.encryption.encrypt(r);
  readonly decrypt: EncryptionOperations['decrypt'] = (r) => this.encryption.decrypt(r);
  readonly reEncrypt: EncryptionOperations['reEncrypt'] = (r) => this.encryption.reEncrypt(r);

  // ---- signatures, public keys, MACs, data key pairs ----
  readonly sign: SigningOperations['sign'] = (r) => this.signing.sign(r);
  readonly verify: SigningOperations['verify'] = (r) => this.signing.verify(r);
  readonly getPublicKey: SigningOperations['getPublicKey'] = (k, p, t) =>
    this.signing.getPublicKey(k, p, t);
  readonly generateMac: SigningOperations['generateMac'] = (r) => this.signing.generateMac(r);
  readonly verifyMac: SigningOperations['verifyMac'] = (r) => this.signing.verifyMac(r);
  readonly generateDataKeyPair: SigningOperations['generateDataKeyPair'] = (r) =>
    this.signing.generateDataKeyPair(r);
  readonly generateDataKeyPairWithoutPlaintext: SigningOperations['generateDataKeyPairWithoutPlaintext'] =
    (r) => this.signing.generateDataKeyPairWithoutPlaintext(r);

  // ---- grants ----
  readonly createGrant: GrantOperations['createGrant'] = (r) => this.grants.createGrant(r);
  readonly listGrants: GrantOperations['listGrants'] = (r) => this.grants.listGrants(r);
  readonly listRetirableGrants: GrantOperations['listRetirableGrants'] = (r) =>
    this.grants.listRetirableGrants(r);
  readonly retireGrant: GrantOperations['retireGrant'] = (r) => this.grants.retireGrant(r);
  readonly revokeGrant: GrantOperations['revokeGrant'] = (k, g, p) =>
    this.grants.revokeGrant(k, g, p);

  // ---- tags ----
  readonly tagResource: TagOperations['tagResource'] = (k, t, p) => this.tags.tagResource(k, t, p);
  readonly untagResource: TagOperations['untagResource'] = (k, t, p) =>
    this.tags.untagResource(k, t, p);
  readonly listResourceTags: TagOperations['listResourceTags'] = (k, p) =>
    this.tags.listResourceTags(k, p);

  // ---- rotation ----
  readonly enableKeyRotation: RotationOperations['enableKeyRotation'] = (k, d, p) =>
    this.rotation.enableKeyRotation(k, d, p);
  readonly disableKeyRotation: RotationOperations['disableKeyRotation'] = (k, p) =>
    this.rotation.disableKeyRotation(k, p);
  readonly getKeyRotationStatus: RotationOperations['getKeyRotationStatus'] = (k, p) =>
    this.rotation.getKeyRotationStatus(k, p);
  readonly rotateKey: RotationOperations['rotateKey'] = (k, p) => this.rotation.rotateKey(k, p);
  readonly listKeyRotations: RotationOperations['listKeyRotations'] = (k, p) =>
    this.rotation.listKeyRotations(k, p);

  // ---- audit and lifecycle ----

  /** Audited calls matching the query, oldest first; never contains key material or plaintext. */
  async auditLog(query: AuditLogQuery = {}): Promise<AuditEntry[]> {
    this.ctx.assertOpen();
    return this.ctx.storage.queryAudit({
      limit: integerInRange(query.limit ?? 1000, 1, 100_000, 'limit'),
      ...(query.keyArn === undefined ? {} : { keyArn: query.keyArn }),
      ...(query.since === undefined ? {} : { since: query.since }),
      ...(query.result === undefined ? {} : { result: auditResult(query.result) }),
      ...(query.beforeId === undefined
        ? {}
        : { beforeId: integerInRange(query.beforeId, 1, Number.MAX_SAFE_INTEGER, 'beforeId') }),
      ...(query.operation === undefined ? {} : { operation: query.operation }),
    });
  }

  /**
   * Every key with its aliases, rotation and policy, read from the store for an operator's view
   * such as the console. It is not a KMS API call, so it writes no audit entry: a page that
   * shows keys must not push the calls it is there to show out of the audit log.
   */
  async keyInventory(): Promise<KeyInventoryEntry[]> {
    this.ctx.assertOpen();
    const entries: KeyInventoryEntry[] = [];
    let after: string | undefined;
    for (;;) {
      const batch = this.ctx.storage.listKeys(after, INVENTORY_BATCH);
      for (const row of batch) {
        const key = this.ctx.loadKey(row.keyId);
        if (key === undefined) continue;
        entries.push({
          metadata: this.ctx.metadataOf(key),
          aliases: this.ctx.storage
            .listAliases(undefined, MAX_ALIASES_PER_KEY, key.keyId)
            .map((alias) => alias.aliasName),
          rotation: this.rotation.statusOf(key),
          policy: key.policy,
        });
      }
      if (batch.length < INVENTORY_BATCH) return entries;
      after = batch[batch.length - 1]!.keyId;
    }
  }

  /**
   * Checks that `principal` may perform `action` on a key (key policy, explicit denies, grants)
   * without using it, and records the check in the audit log as `AuthorizeKeyUse`. For hosts
   * that already hold plaintext a key protected (SNS deliveries recorded in memory): showing it
   * then never bypasses the key policy. Throws as the action would (`AccessDeniedException`,
   * `NotFoundException`).
   */
  async authorizeKeyUse(request: {
    keyId: string;
    action: `kms:${string}`;
    principal?: string;
    onBehalfOf?: string;
  }): Promise<void> {
    await this.ctx.call('AuthorizeKeyUse', request, (record) => {
      const key = this.ctx.resolveKey(request.keyId, record, { createAwsManaged: true });
      this.ctx.authorize(key, record, request.action);
    });
  }

  async close(): Promise<void> {
    this.ctx.close();
  }
}
