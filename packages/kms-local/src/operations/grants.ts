import { randomBytes } from 'node:crypto';
import { type EncryptionContext, type GrantInfo, kmsKeyArn } from '@sealbus/core';
import { validateEncryptionContext } from '../encryptionContext.js';
import { constraintError, kmsError, wireValue } from '../errors/kmsErrorTable.js';
import { type CallRecord, hashGrantToken, type KmsContext } from '../kms/KmsContext.js';
import { decodeMarker, pageOf } from '../pagination.js';
import { enumMember, integerMember, validatePrincipal } from '../requestValidation.js';
import type { GrantRecord, KeyRecord } from '../storage/KmsStorage.js';

export const GRANT_OPERATIONS = [
  'Decrypt',
  'Encrypt',
  'GenerateDataKey',
  'GenerateDataKeyWithoutPlaintext',
  'ReEncryptFrom',
  'ReEncryptTo',
  'Sign',
  'Verify',
  'GetPublicKey',
  'CreateGrant',
  'RetireGrant',
  'DescribeKey',
  'GenerateDataKeyPair',
  'GenerateDataKeyPairWithoutPlaintext',
  'GenerateMac',
  'VerifyMac',
] as const;
export type GrantOperation = (typeof GRANT_OPERATIONS)[number];

/** Operations that take an encryption context; only these may carry grant constraints. */
const CONTEXT_OPERATIONS: ReadonlySet<string> = new Set([
  'Decrypt',
  'Encrypt',
  'GenerateDataKey',
  'GenerateDataKeyWithoutPlaintext',
  'ReEncryptFrom',
  'ReEncryptTo',
  'GenerateDataKeyPair',
  'GenerateDataKeyPairWithoutPlaintext',
  'CreateGrant',
  'RetireGrant',
]);

/** KMS quota: grants per KMS key. */
export const MAX_GRANTS_PER_KEY = 50_000;

export interface GrantConstraints {
  encryptionContextSubset?: EncryptionContext;
  encryptionContextEquals?: EncryptionContext;
}

export interface CreateGrantRequest {
  keyId: string;
  granteePrincipal: string;
  operations: GrantOperation[];
  retiringPrincipal?: string;
  constraints?: GrantConstraints;
  name?: string;
  principal?: string;
  grantTokens?: string[];
}

/** A ListGrants entry: the backend-neutral `GrantInfo` (`keyId` is the key ARN) and what only the local KMS keeps. */
export interface GrantListEntry extends GrantInfo {
  issuingAccount: string;
  operations: GrantOperation[];
  constraints?: GrantConstraints;
}

export interface GrantPage {
  grants: GrantListEntry[];
  truncated: boolean;
  nextMarker?: string;
}

const GRANT_ID = /^[0-9a-f]{64}$/;

/** CreateGrant, ListGrants, ListRetirableGrants, RetireGrant and RevokeGrant. */
export class GrantOperations {
  constructor(private readonly ctx: KmsContext) {}

  /** Grants take effect at once; the token may be passed as a grant token all the same. */
  createGrant(request: CreateGrantRequest): Promise<{ grantId: string; grantToken: string }> {
    return this.ctx.call('CreateGrant', request, (record) => {
      const grant = this.validateGrant(request);
      const key = this.ctx.usableKey(request.keyId, record, 'kms:CreateGrant');
      this.requireSubsetOfOwnGrants(key, record.principal, grant.operations);
      // Standard base64 as AWS's tokens are: base64url could start with '-', which a shell user's
      // `sealbus keys retire-grant "$TOKEN"` would hand to the CLI as an option.
      const token = randomBytes(48).toString('base64');
      return this.ctx.storage.transaction(() => {
        if (this.ctx.storage.countGrants(key.keyId) >= MAX_GRANTS_PER_KEY) {
          throw kmsError('grantLimit', { arn: this.ctx.arnOf(key), limit: MAX_GRANTS_PER_KEY });
        }
        const grantId = randomBytes(32).toString('hex');
        this.ctx.storage.putGrant({
          ...grant,
          grantId,
          grantTokenHash: hashGrantToken(token),
          keyId: key.keyId,
          issuingAccount: this.ctx.rootPrincipal,
          creationDate: this.ctx.clock.now(),
        });
        return { grantId, grantToken: token };
      });
    });
  }

  listGrants(request: {
    keyId: string;
    grantId?: string;
    granteePrincipal?: string;
    limit?: number;
    marker?: string;
    principal?: string;
  }): Promise<GrantPage> {
    return this.ctx.call('ListGrants', request, (record) => {
      const limit = integerMember(request.limit ?? 50, 'limit', 1, 100);
      const after = decodeMarker(request.marker, (id) => GRANT_ID.test(id));
      const key = this.ctx.resolveKey(request.keyId, record);
      this.ctx.authorize(key, record, 'kms:ListGrants');
      const fetched =
        request.grantId === undefined
          ? this.ctx.storage.listGrants(key.keyId, after, limit + 1, request.granteePrincipal)
          : [this.ctx.storage.getGrant(request.grantId)].filter(
              (g): g is GrantRecord => g?.keyId === key.keyId,
            );
      const { rows, ...more } = pageOf(fetched, limit, (g) => g.grantId);
      return { grants: rows.map((g) => this.entryOf(g)), ...more };
    });
  }

  /** Needs no key: lists what `retiringPrincipal` may retire, across keys. */
  listRetirableGrants(request: {
    retiringPrincipal: string;
    limit?: number;
    marker?: string;
    principal?: string;
  }): Promise<GrantPage> {
    return this.ctx.call('ListRetirableGrants', { principal: request.principal }, () => {
      validateGrantPrincipal(request.retiringPrincipal, 'retiringPrincipal');
      const limit = integerMember(request.limit ?? 50, 'limit', 1, 100);
      const after = decodeMarker(request.marker, (id) => GRANT_ID.test(id));
      const fetched = this.ctx.storage.listRetirableGrants(
        request.retiringPrincipal,
        after,
        limit + 1,
      );
      const { rows, ...more } = pageOf(fetched, limit, (g) => g.grantId);
      return { grants: rows.map((g) => this.entryOf(g)), ...more };
    });
  }

  /**
   * The retiring principal, a grantee whose grant includes RetireGrant, or the account may
   * retire a grant, named by its token or by key and grant id.
   */
  retireGrant(request: {
    grantToken?: string;
    keyId?: string;
    grantId?: string;
    principal?: string;
  }): Promise<void> {
    return this.ctx.call(
      'RetireGrant',
      { keyId: request.keyId, principal: request.principal },
      (record) => {
        const grant = this.findGrantToRetire(request, record);
        const { principal } = record;
        const mayRetire =
          principal === grant.retiringPrincipal ||
          principal === this.ctx.rootPrincipal ||
          (principal === grant.granteePrincipal && grant.operations.includes('RetireGrant'));
        if (!mayRetire) {
          throw kmsError('accessDenied', {
            principal,
            action: 'kms:RetireGrant',
            arn: kmsKeyArn(grant.keyId, this.ctx.location),
          });
        }
        this.ctx.storage.deleteGrant(grant.grantId);
      },
    );
  }

  revokeGrant(keyId: string, grantId: string, principal?: string): Promise<void> {
    return this.ctx.call('RevokeGrant', { keyId, principal }, (record) => {
      validateGrantId(grantId);
      const key = this.ctx.resolveKey(keyId, record);
      this.ctx.authorize(key, record, 'kms:RevokeGrant');
      const grant = this.ctx.storage.getGrant(grantId);
      if (grant === undefined || grant.keyId !== key.keyId) {
        throw kmsError('grantNotFound', { grantId }, { field: 'GrantId' });
      }
      this.ctx.storage.deleteGrant(grantId);
    });
  }

  /**
   * A principal that may create grants only through a grant can pass on no more than its own
   * grants with CreateGrant allow (KMS developer guide, "Grant constraints" / CreateGrant).
   */
  private requireSubsetOfOwnGrants(
    key: KeyRecord,
    principal: string,
    operations: readonly string[],
  ): void {
    if (this.ctx.policyAllows(key, principal, 'kms:CreateGrant')) return;
    const own = this.ctx.grantedOperations(key.keyId, principal, 'CreateGrant');
    const beyond = operations.filter((op) => !own.has(op));
    if (beyond.length > 0) {
      throw kmsError('accessDenied', {
        principal,
        action: `kms:CreateGrant (for ${beyond.join(', ')})`,
        arn: this.ctx.arnOf(key),
      });
    }
  }

  private findGrantToRetire(
    request: { grantToken?: string; keyId?: string; grantId?: string },
    record: CallRecord,
  ): GrantRecord {
    if (request.grantToken !== undefined) {
      const grant = this.ctx.storage.getGrantByTokenHash(
        hashGrantToken(String(request.grantToken)),
      );
      if (grant === undefined) throw kmsError('invalidGrantToken', {}, { field: 'GrantToken' });
      record.keyArn = kmsKeyArn(grant.keyId, this.ctx.location);
      return grant;
    }
    if (request.keyId === undefined || request.grantId === undefined) {
      throw kmsError(
        'invalidParameter',
        { detail: 'Either GrantToken or both KeyId and GrantId must be specified.' },
        { field: 'GrantToken' },
      );
    }
    validateGrantId(request.grantId);
    const key = this.ctx.resolveKey(request.keyId, record);
    const grant = this.ctx.storage.getGrant(request.grantId);
    if (grant === undefined || grant.keyId !== key.keyId) {
      throw kmsError('grantNotFound', { grantId: request.grantId }, { field: 'GrantId' });
    }
    return grant;
  }

  private validateGrant(
    request: CreateGrantRequest,
  ): Pick<
    GrantRecord,
    'granteePrincipal' | 'operations' | 'name' | 'retiringPrincipal' | 'constraints'
  > {
    validateGrantPrincipal(request.granteePrincipal, 'granteePrincipal');
    if (request.retiringPrincipal !== undefined) {
      validateGrantPrincipal(request.retiringPrincipal, 'retiringPrincipal');
    }
    if (!Array.isArray(request.operations) || request.operations.length === 0) {
      throw constraintError(
        'operations',
        wireValue(request.operations),
        'Member must have length greater than or equal to 1',
      );
    }
    const operations = [
      ...new Set(request.operations.map((op) => enumMember(op, 'operations', GRANT_OPERATIONS))),
    ];
    if (
      request.name !== undefined &&
      (typeof request.name !== 'string' || !/^[a-zA-Z0-9:/_-]{1,256}$/.test(request.name))
    ) {
      throw constraintError(
        'name',
        wireValue(request.name),
        'Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$',
      );
    }
    const constraints = validateConstraints(request.constraints, operations);
    return {
      granteePrincipal: request.granteePrincipal,
      operations,
      ...(request.name === undefined ? {} : { name: request.name }),
      ...(request.retiringPrincipal === undefined
        ? {}
        : { retiringPrincipal: request.retiringPrincipal }),
      ...(constraints === undefined ? {} : { constraints }),
    };
  }

  private entryOf(grant: GrantRecord): GrantListEntry {
    return {
      keyId: kmsKeyArn(grant.keyId, this.ctx.location),
      grantId: grant.grantId,
      ...(grant.name === undefined ? {} : { name: grant.name }),
      creationDate: new Date(grant.creationDate),
      granteePrincipal: grant.granteePrincipal,
      ...(grant.retiringPrincipal === undefined
        ? {}
        : { retiringPrincipal: grant.retiringPrincipal }),
      issuingAccount: grant.issuingAccount,
      operations: grant.operations as GrantOperation[],
      ...(grant.constraints === undefined ? {} : { constraints: grant.constraints }),
    };
  }
}

function validateGrantPrincipal(value: unknown, member: string): void {
  validatePrincipal(value);
  if (typeof value !== 'string' || value.length > 256) {
    throw constraintError(
      member,
      wireValue(value),
      'Member must have length less than or equal to 256 and greater than or equal to 1',
    );
  }
}

function validateGrantId(grantId: unknown): void {
  if (typeof grantId !== 'string' || !GRANT_ID.test(grantId)) {
    throw kmsError('invalidGrantId', { grantId: wireValue(grantId) }, { field: 'GrantId' });
  }
}

function validateConstraints(
  constraints: GrantConstraints | undefined,
  operations: readonly string[],
): GrantRecord['constraints'] {
  if (constraints === undefined) return undefined;
  const subset =
    constraints.encryptionContextSubset === undefined
      ? undefined
      : validateEncryptionContext(constraints.encryptionContextSubset, 'encryptionContextSubset');
  const equals =
    constraints.encryptionContextEquals === undefined
      ? undefined
      : validateEncryptionContext(constraints.encryptionContextEquals, 'encryptionContextEquals');
  if (subset === undefined && equals === undefined) return undefined;
  const unconstrainable = operations.filter((op) => !CONTEXT_OPERATIONS.has(op));
  if (unconstrainable.length > 0) {
    throw kmsError(
      'invalidParameter',
      {
        detail: `Grant constraints apply only to operations that take an encryption context; remove them or the operations ${unconstrainable.join(', ')}.`,
      },
      { field: 'Constraints' },
    );
  }
  return {
    ...(subset === undefined ? {} : { encryptionContextSubset: { ...subset } }),
    ...(equals === undefined ? {} : { encryptionContextEquals: { ...equals } }),
  };
}
