import type { EncryptionContext, KeyManager, KeySpec, KeyState, KeyUsage } from '@sealbus/core';
import type { AliasRecord, AuditEntry, GrantRecord, KeyRecord } from './KmsStorage.js';

// Rows of the SQL KMS tables, shared by every SQL storage (SQLite, PostgreSQL) so both read and
// write the same columns the same way. Times are epoch milliseconds, JSON is stored as text.

export interface KeyRow {
  key_id: string;
  description: string;
  key_manager: string;
  creation_date: number;
  key_state: string;
  deletion_date: number | null;
  pending_window_days: number | null;
  policy: string;
  tags: string;
  rotation_enabled: number;
  rotation_period_days: number | null;
  next_rotation_date: number | null;
  key_usage: string;
  key_spec: string;
}

export interface GrantRow {
  grant_id: string;
  token_hash: string;
  key_id: string;
  name: string | null;
  grantee_principal: string;
  retiring_principal: string | null;
  issuing_account: string;
  operations: string;
  constraints: string | null;
  creation_date: number;
}

export interface AliasRow {
  alias_name: string;
  target_key_id: string;
  creation_date: number;
  last_updated_date: number;
}

export interface AuditRow {
  id: number;
  event_time: number;
  operation: string;
  key_arn: string | null;
  principal: string;
  /** Added by KMS migration 2. */
  on_behalf_of: string | null;
  encryption_context: string | null;
  destination_key_arn: string | null;
  destination_encryption_context: string | null;
  result: string;
  error_code: string | null;
}

/** The label bound as AAD when wrapping a material version, and its cache key. */
export function materialLabel(keyId: string, version: number): string {
  return `${keyId}#${version}`;
}

export function keyToRow(key: KeyRecord): KeyRow {
  return {
    key_id: key.keyId,
    description: key.description,
    key_manager: key.keyManager,
    creation_date: key.creationDate,
    key_state: key.keyState,
    deletion_date: key.deletionDate ?? null,
    pending_window_days: key.pendingWindowInDays ?? null,
    policy: key.policy,
    tags: JSON.stringify(key.tags),
    rotation_enabled: key.rotationEnabled ? 1 : 0,
    rotation_period_days: key.rotationPeriodInDays ?? null,
    next_rotation_date: key.nextRotationDate ?? null,
    key_usage: key.keyUsage,
    key_spec: key.keySpec,
  };
}

export function grantToRow(grant: GrantRecord): GrantRow {
  return {
    grant_id: grant.grantId,
    token_hash: grant.grantTokenHash,
    key_id: grant.keyId,
    name: grant.name ?? null,
    grantee_principal: grant.granteePrincipal,
    retiring_principal: grant.retiringPrincipal ?? null,
    issuing_account: grant.issuingAccount,
    operations: JSON.stringify(grant.operations),
    constraints: grant.constraints === undefined ? null : JSON.stringify(grant.constraints),
    creation_date: grant.creationDate,
  };
}

export function aliasToRow(alias: AliasRecord): AliasRow {
  return {
    alias_name: alias.aliasName,
    target_key_id: alias.targetKeyId,
    creation_date: alias.creationDate,
    last_updated_date: alias.lastUpdatedDate,
  };
}

/** The audit columns after `id`, in table order. */
export function auditToValues(
  entry: Omit<AuditEntry, 'id'>,
): [
  number,
  string,
  string | null,
  string,
  string | null,
  string | null,
  string | null,
  string | null,
  string,
  string | null,
] {
  return [
    entry.eventTime.getTime(),
    entry.operation,
    entry.keyArn ?? null,
    entry.principal,
    entry.onBehalfOf ?? null,
    entry.encryptionContext === undefined ? null : JSON.stringify(entry.encryptionContext),
    entry.destinationKeyArn ?? null,
    entry.destinationEncryptionContext === undefined
      ? null
      : JSON.stringify(entry.destinationEncryptionContext),
    entry.result,
    entry.errorCode ?? null,
  ];
}

export function auditFromRow(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    eventTime: new Date(row.event_time),
    operation: row.operation,
    ...(row.key_arn === null ? {} : { keyArn: row.key_arn }),
    principal: row.principal,
    ...(row.on_behalf_of === null ? {} : { onBehalfOf: row.on_behalf_of }),
    ...(row.encryption_context === null
      ? {}
      : { encryptionContext: JSON.parse(row.encryption_context) as EncryptionContext }),
    ...(row.destination_key_arn === null ? {} : { destinationKeyArn: row.destination_key_arn }),
    ...(row.destination_encryption_context === null
      ? {}
      : {
          destinationEncryptionContext: JSON.parse(
            row.destination_encryption_context,
          ) as EncryptionContext,
        }),
    result: row.result === 'ok' ? 'ok' : 'error',
    ...(row.error_code === null ? {} : { errorCode: row.error_code }),
  };
}

export function keyFromRow(row: KeyRow): KeyRecord {
  return {
    keyId: row.key_id,
    description: row.description,
    keyManager: row.key_manager as KeyManager,
    creationDate: row.creation_date,
    keyState: row.key_state as KeyState,
    ...(row.deletion_date === null ? {} : { deletionDate: row.deletion_date }),
    ...(row.pending_window_days === null ? {} : { pendingWindowInDays: row.pending_window_days }),
    policy: row.policy,
    tags: JSON.parse(row.tags) as Record<string, string>,
    rotationEnabled: row.rotation_enabled === 1,
    ...(row.rotation_period_days === null
      ? {}
      : { rotationPeriodInDays: row.rotation_period_days }),
    ...(row.next_rotation_date === null ? {} : { nextRotationDate: row.next_rotation_date }),
    keyUsage: row.key_usage as KeyUsage,
    keySpec: row.key_spec as KeySpec,
  };
}

export function grantFromRow(row: GrantRow): GrantRecord {
  return {
    grantId: row.grant_id,
    grantTokenHash: row.token_hash,
    keyId: row.key_id,
    ...(row.name === null ? {} : { name: row.name }),
    granteePrincipal: row.grantee_principal,
    ...(row.retiring_principal === null ? {} : { retiringPrincipal: row.retiring_principal }),
    issuingAccount: row.issuing_account,
    operations: JSON.parse(row.operations) as string[],
    ...(row.constraints === null
      ? {}
      : { constraints: JSON.parse(row.constraints) as GrantRecord['constraints'] }),
    creationDate: row.creation_date,
  };
}

export function aliasFromRow(row: AliasRow): AliasRecord {
  return {
    aliasName: row.alias_name,
    targetKeyId: row.target_key_id,
    creationDate: row.creation_date,
    lastUpdatedDate: row.last_updated_date,
  };
}
