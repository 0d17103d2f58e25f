import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  type Clock,
  type EncryptionContext,
  isSealbusError,
  KeyManager,
  type KeyMetadata,
  KeyState,
  type KeyUsage,
  KmsInternalError,
  kmsAliasArn,
  kmsKeyArn,
} from '@sealbus/core';
import { validateEncryptionContext } from '../encryptionContext.js';
import { kmsError } from '../errors/kmsErrorTable.js';
import {
  DEFAULT_KEY_POLICY,
  isAllowed,
  type PolicyStatement,
  parseKeyPolicy,
} from '../keyPolicy.js';
import { type KmsLocation, parseKeyReference } from '../keyReference.js';
import {
  validateGrantTokens,
  validateOnBehalfOf,
  validatePrincipal,
} from '../requestValidation.js';
import type { AliasRecord, GrantRecord, KeyRecord, KmsStorage } from '../storage/KmsStorage.js';
import { KEY_SPEC_INFO } from './keySpecs.js';

export const DAY_MS = 86_400_000;
export const DEFAULT_ROTATION_PERIOD_DAYS = 365;

const AWS_MANAGED_ALIASES: Readonly<Record<string, string>> = {
  'alias/aws/sqs': 'Default key that protects my SQS messages when no other key is defined',
  'alias/aws/sns': 'Default key that protects my SNS topics when no other key is defined',
};

/** What one call records in the audit log; filled in as the call resolves its key. */
export interface CallRecord {
  keyArn?: string;
  principal: string;
  onBehalfOf?: string;
  encryptionContext?: EncryptionContext;
  destinationKeyArn?: string;
  destinationEncryptionContext?: EncryptionContext;
}

/** The parts of a request every call looks at before its own work. */
export interface CallRequest {
  keyId?: string | undefined;
  principal?: string | undefined;
  /** Recorded in the audit entry only; see `DecryptRequest.onBehalfOf`. */
  onBehalfOf?: string | undefined;
  context?: EncryptionContext | undefined;
  grantTokens?: readonly string[] | undefined;
}

export function hashGrantToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The one call context every KMS operation module shares: it runs a call (validate, work,
 * audit), loads keys applying the clock (deletion, rotation), authorizes by key policy and
 * grants, and checks key states and usages. Operation modules hold no state of their own.
 */
export class KmsContext {
  readonly rootPrincipal: string;
  private readonly policyCache = new Map<string, PolicyStatement[]>();
  private closed = false;

  constructor(
    readonly location: KmsLocation,
    readonly clock: Clock,
    readonly storage: KmsStorage,
  ) {
    this.rootPrincipal = `arn:aws:iam::${location.accountId}:root`;
  }

  /**
   * Runs one API call and records one audit entry with its outcome. `work` fills in the key
   * ARN once it has resolved the key; a key named in the request is recorded even if the call
   * fails before that.
   */
  async call<T>(
    operation: string,
    request: CallRequest,
    work: (record: CallRecord) => T | Promise<T>,
  ): Promise<T> {
    this.assertOpen();
    const record: CallRecord = { principal: request.principal ?? this.rootPrincipal };
    try {
      validatePrincipal(request.principal);
      if (request.onBehalfOf !== undefined)
        record.onBehalfOf = validateOnBehalfOf(request.onBehalfOf);
      if ('context' in request)
        record.encryptionContext = validateEncryptionContext(request.context, 'context');
      const peeked = request.keyId === undefined ? undefined : this.peekArn(request.keyId);
      if (peeked !== undefined) record.keyArn = peeked;
      this.checkGrantTokens(request.grantTokens);
      const result = await work(record);
      this.assertOpen();
      this.audit(operation, record, undefined);
      return result;
    } catch (error) {
      if (!this.closed) this.audit(operation, record, error);
      throw error;
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.storage.close();
  }

  assertOpen(): void {
    if (this.closed)
      throw new KmsInternalError('This LocalKms is closed; open a new one to make KMS calls.');
  }

  /**
   * Grants take effect at once here, so a token adds no permission; it must still be one this
   * KMS issued for a grant that exists, as AWS refuses unknown tokens.
   */
  private checkGrantTokens(tokens: readonly string[] | undefined): void {
    for (const token of validateGrantTokens(tokens)) {
      if (this.storage.getGrantByTokenHash(hashGrantToken(token)) === undefined) {
        throw kmsError('invalidGrantToken', {}, { field: 'GrantTokens' });
      }
    }
  }

  private audit(operation: string, record: CallRecord, error: unknown): void {
    this.storage.appendAudit({
      eventTime: new Date(this.clock.now()),
      operation,
      ...(record.keyArn === undefined ? {} : { keyArn: record.keyArn }),
      principal: record.principal,
      ...(record.onBehalfOf === undefined ? {} : { onBehalfOf: record.onBehalfOf }),
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

  /** Best-effort key ARN for the audit, without side effects or errors. */
  peekArn(keyRef: string): string | undefined {
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
  loadKey(keyId: string): KeyRecord | undefined {
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
        this.addNextMaterial(keyId, 'AUTOMATIC');
        current.nextRotationDate =
          now + (current.rotationPeriodInDays ?? DEFAULT_ROTATION_PERIOD_DAYS) * DAY_MS;
        this.storage.putKey(current);
        return current;
      });
    }
    return key;
  }

  resolveKey(
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
        throw kmsError(
          'aliasNotFound',
          { aliasArn: kmsAliasArn(parsed.aliasName, this.location) },
          { field: 'KeyId' },
        );
      }
      keyId = alias.targetKeyId;
    }
    const arn = kmsKeyArn(keyId, this.location);
    record.keyArn = arn;
    const key = this.loadKey(keyId);
    if (key === undefined) throw kmsError('keyNotFound', { arn }, { field: 'KeyId' });
    return key;
  }

  /** Resolves, authorizes and checks the state of a key a call is about to use. */
  usableKey(keyRef: string, record: CallRecord, action: string): KeyRecord {
    const key = this.resolveKey(keyRef, record, { createAwsManaged: true });
    this.authorize(key, record, action);
    this.requireUsable(key);
    return key;
  }

  /** Creates the AWS managed key of `alias/aws/sqs` or `alias/aws/sns` once, even across processes. */
  private createAwsManagedKey(aliasName: string): AliasRecord {
    // 32 random bytes, drawn before the write lock so the lock is held only for the writes.
    const material = newSymmetricMaterial();
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
        keyUsage: 'ENCRYPT_DECRYPT',
        keySpec: 'SYMMETRIC_DEFAULT',
      };
      this.insertKey(key, material);
      const alias = { aliasName, targetKeyId: key.keyId, creationDate: now, lastUpdatedDate: now };
      this.storage.putAlias(alias);
      return alias;
    });
  }

  insertKey(key: KeyRecord, material: Uint8Array): void {
    this.storage.putKey(key);
    this.storage.addMaterial(key.keyId, {
      version: 1,
      material,
      createdAt: key.creationDate,
    });
    material.fill(0);
  }

  addNextMaterial(keyId: string, rotationType: 'AUTOMATIC' | 'ON_DEMAND'): void {
    const version = (this.storage.latestMaterial(keyId)?.version ?? 0) + 1;
    const material = newSymmetricMaterial();
    this.storage.addMaterial(keyId, {
      version,
      material,
      createdAt: this.clock.now(),
      rotationType,
    });
    material.fill(0);
  }

  /** Read-modify-write of one key under the storage's write lock. */
  updateKey(
    keyRef: string,
    record: CallRecord,
    action: string,
    change: (key: KeyRecord) => void,
  ): KeyRecord {
    const resolved = this.resolveKey(keyRef, record);
    this.authorize(resolved, record, action);
    return this.storage.transaction(() => {
      const key = this.loadKey(resolved.keyId);
      if (key === undefined) {
        throw kmsError('keyNotFound', { arn: this.arnOf(resolved) }, { field: 'KeyId' });
      }
      change(key);
      this.storage.putKey(key);
      return key;
    });
  }

  statementsOf(policy: string): PolicyStatement[] {
    let statements = this.policyCache.get(policy);
    if (statements === undefined) {
      statements = parseKeyPolicy(policy);
      if (this.policyCache.size >= 256) this.policyCache.clear();
      this.policyCache.set(policy, statements);
    }
    return statements;
  }

  /**
   * IAM-style: an explicit Deny in the key policy wins; otherwise the key policy or a grant
   * for this principal, operation and encryption context must allow the action.
   */
  authorize(key: KeyRecord, record: CallRecord, action: string): void {
    const arn = this.arnOf(key);
    const { principal } = record;
    const statements = this.statementsOf(key.policy);
    const denies = statements
      .filter((statement) => statement.effect === 'Deny')
      .map((statement) => ({ ...statement, effect: 'Allow' as const }));
    if (isAllowed(denies, principal, action, arn)) {
      throw kmsError('explicitDeny', { principal, action, arn });
    }
    if (isAllowed(statements, principal, action, arn)) return;
    if (this.grantAllows(key.keyId, principal, action, record.encryptionContext ?? {})) return;
    throw kmsError('accessDenied', { principal, action, arn });
  }

  /** Whether the key policy alone (no grant) allows `action`: some rules depend on it. */
  policyAllows(key: KeyRecord, principal: string, action: string): boolean {
    return isAllowed(this.statementsOf(key.policy), principal, action, this.arnOf(key));
  }

  /** The operations `principal`'s grants on a key allow, for grants that include `operation`. */
  grantedOperations(keyId: string, principal: string, operation: string): Set<string> {
    const operations = new Set<string>();
    for (const grant of this.storage.listGrants(keyId, undefined, 50_000, principal)) {
      if (grant.operations.includes(operation))
        for (const op of grant.operations) operations.add(op);
    }
    return operations;
  }

  private grantAllows(
    keyId: string,
    principal: string,
    action: string,
    context: EncryptionContext,
  ): boolean {
    const operation = action.replace(/^kms:/, '');
    // A principal holds few grants on one key; read them all (bounded by the grant quota).
    return this.storage
      .listGrants(keyId, undefined, 50_000, principal)
      .some((grant) => grant.operations.includes(operation) && constraintsHold(grant, context));
  }

  /** Cryptographic operations (and rotation changes) need an Enabled key. */
  requireUsable(key: KeyRecord): void {
    if (key.keyState === KeyState.Disabled) {
      throw kmsError('keyDisabled', { arn: this.arnOf(key) });
    }
    this.requireNotPendingDeletion(key);
  }

  requireNotPendingDeletion(key: KeyRecord): void {
    if (key.keyState === KeyState.PendingDeletion) {
      throw kmsError('keyPendingDeletion', { arn: this.arnOf(key) });
    }
  }

  /** A key used for what its usage does not allow, as KMS reports it. */
  requireUsage(key: KeyRecord, usage: KeyUsage, operation: string): void {
    if (key.keyUsage !== usage) {
      throw kmsError('invalidKeyUsage', {
        arn: this.arnOf(key),
        usage: key.keyUsage,
        operation,
      });
    }
  }

  /**
   * AWS managed keys are managed by AWS alone: their key policy grants account principals only
   * use and read access, so KMS answers management calls with AccessDenied.
   */
  requireCustomerManaged(key: KeyRecord, action: string, principal: string): void {
    if (key.keyManager !== KeyManager.CUSTOMER) {
      throw kmsError('awsManagedKey', { principal, action, arn: this.arnOf(key) });
    }
  }

  arnOf(key: { keyId: string }): string {
    return kmsKeyArn(key.keyId, this.location);
  }

  /** The material of one version; its absence means damaged storage, never a user error. */
  latestMaterial(key: KeyRecord): { version: number; material: Uint8Array } {
    const latest = this.storage.latestMaterial(key.keyId);
    if (latest === undefined) {
      throw kmsError('internal', {
        detail: `Key ${this.arnOf(key)} has no key material; the KMS storage is damaged.`,
      });
    }
    return latest;
  }

  metadataOf(key: KeyRecord): KeyMetadata {
    const info = KEY_SPEC_INFO[key.keySpec];
    return {
      keyId: key.keyId,
      arn: this.arnOf(key),
      awsAccountId: this.location.accountId,
      creationDate: new Date(key.creationDate),
      enabled: key.keyState === KeyState.Enabled,
      keyState: key.keyState,
      description: key.description,
      keyUsage: key.keyUsage,
      keySpec: key.keySpec,
      keyManager: key.keyManager,
      origin: 'AWS_KMS',
      encryptionAlgorithms: key.keyUsage === 'ENCRYPT_DECRYPT' ? info.encryptionAlgorithms : [],
      ...(key.keyUsage === 'SIGN_VERIFY' ? { signingAlgorithms: info.signingAlgorithms } : {}),
      ...(key.keyUsage === 'GENERATE_VERIFY_MAC' ? { macAlgorithms: info.macAlgorithms } : {}),
      multiRegion: false,
      ...(key.deletionDate === undefined ? {} : { deletionDate: new Date(key.deletionDate) }),
      ...(key.pendingWindowInDays === undefined
        ? {}
        : { pendingDeletionWindowInDays: key.pendingWindowInDays }),
    };
  }
}

/** Symmetric material is plain random bytes, so it is made synchronously, unlike key pairs. */
function newSymmetricMaterial(): Uint8Array {
  return new Uint8Array(randomBytes(KEY_SPEC_INFO.SYMMETRIC_DEFAULT.size));
}

export function constraintsHold(grant: GrantRecord, context: EncryptionContext): boolean {
  const { encryptionContextEquals: equals, encryptionContextSubset: subset } =
    grant.constraints ?? {};
  if (equals !== undefined) {
    const keys = Object.keys(context);
    if (keys.length !== Object.keys(equals).length) return false;
    if (keys.some((k) => equals[k] !== context[k])) return false;
  }
  if (subset !== undefined && Object.entries(subset).some(([k, v]) => context[k] !== v)) {
    return false;
  }
  return true;
}
