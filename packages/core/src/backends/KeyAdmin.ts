import type { KeyMetadata } from '../types/keys.js';

export interface KeyListPage {
  keys: { keyId: string; keyArn: string }[];
  truncated: boolean;
  nextMarker?: string;
}

export interface AliasEntry {
  aliasName: string;
  aliasArn: string;
  targetKeyId: string;
}

export interface AliasListPage {
  aliases: AliasEntry[];
  truncated: boolean;
  nextMarker?: string;
}

export interface RotationStatus {
  keyId: string;
  keyRotationEnabled: boolean;
  rotationPeriodInDays?: number;
  nextRotationDate?: Date;
}

export interface DeletionSchedule {
  keyId: string;
  deletionDate: Date;
  pendingWindowInDays: number;
}

export interface PublicKeyInfo {
  keyArn: string;
  /** DER SubjectPublicKeyInfo. */
  publicKey: Uint8Array;
  keySpec: string;
  keyUsage: string;
}

export interface GrantInfo {
  keyId: string;
  grantId: string;
  name?: string;
  creationDate: Date;
  granteePrincipal: string;
  retiringPrincipal?: string;
  operations: string[];
}

export interface GrantListPage {
  grants: GrantInfo[];
  truncated: boolean;
  nextMarker?: string;
}

export interface CreateGrantInput {
  keyId: string;
  granteePrincipal: string;
  operations: string[];
  retiringPrincipal?: string;
  name?: string;
}

/**
 * The KMS key-management calls the CLI makes, in KMS's names. `LocalKms` implements it as is;
 * the aws backend adapts AWS KMS to it. Every `keyId` accepts a key id, key ARN, alias name or
 * alias ARN.
 */
export interface KeyAdmin {
  createKey(request: {
    description?: string;
    policy?: string;
    /** @defaultValue `'SYMMETRIC_DEFAULT'` */
    keySpec?: string;
    /** @defaultValue the key spec's usage (`ENCRYPT_DECRYPT` for symmetric and RSA keys) */
    keyUsage?: string;
    tags?: Record<string, string>;
  }): Promise<KeyMetadata>;
  describeKey(keyId: string): Promise<KeyMetadata>;
  listKeys(request?: { limit?: number; marker?: string }): Promise<KeyListPage>;
  listAliases(request?: {
    keyId?: string;
    limit?: number;
    marker?: string;
  }): Promise<AliasListPage>;
  createAlias(aliasName: string, targetKeyId: string): Promise<void>;
  updateAlias(aliasName: string, targetKeyId: string): Promise<void>;
  deleteAlias(aliasName: string): Promise<void>;
  enableKey(keyId: string): Promise<void>;
  disableKey(keyId: string): Promise<void>;
  rotateKey(keyId: string): Promise<{ keyId: string }>;
  enableKeyRotation(keyId: string, rotationPeriodInDays?: number): Promise<void>;
  disableKeyRotation(keyId: string): Promise<void>;
  getKeyRotationStatus(keyId: string): Promise<RotationStatus>;
  scheduleKeyDeletion(keyId: string, pendingWindowInDays?: number): Promise<DeletionSchedule>;
  cancelKeyDeletion(keyId: string): Promise<{ keyId: string }>;
  getKeyPolicy(keyId: string): Promise<string>;
  putKeyPolicy(keyId: string, policy: string): Promise<void>;
  getPublicKey(keyId: string): Promise<PublicKeyInfo>;
  /** KMS Sign of a RAW message with a SIGN_VERIFY key; `principal` applies on local backends. */
  sign(request: {
    keyId: string;
    message: Uint8Array;
    signingAlgorithm: string;
    principal?: string;
  }): Promise<{ keyArn: string; signature: Uint8Array }>;
  createGrant(request: CreateGrantInput): Promise<{ grantId: string; grantToken: string }>;
  listGrants(request: { keyId: string; limit?: number; marker?: string }): Promise<GrantListPage>;
  revokeGrant(keyId: string, grantId: string): Promise<void>;
  retireGrant(request: { grantToken?: string; keyId?: string; grantId?: string }): Promise<void>;
  tagResource(keyId: string, tags: Record<string, string>): Promise<void>;
  untagResource(keyId: string, tagKeys: string[]): Promise<void>;
  listResourceTags(keyId: string): Promise<Record<string, string>>;
}

/** Every item of a `Marker`-paginated KMS list call, page after page. */
async function allMarkerPages<T>(
  fetchPage: (request: { marker?: string }) => Promise<{
    items: readonly T[];
    truncated: boolean;
    nextMarker?: string;
  }>,
): Promise<T[]> {
  const items: T[] = [];
  let marker: string | undefined;
  do {
    const page = await fetchPage(marker === undefined ? {} : { marker });
    items.push(...page.items);
    marker = page.truncated ? page.nextMarker : undefined;
  } while (marker !== undefined);
  return items;
}

/** Every page of `listKeys`. */
export function listAllKeys(admin: KeyAdmin): Promise<KeyListPage['keys']> {
  return allMarkerPages(async (request) => {
    const page = await admin.listKeys(request);
    return { ...page, items: page.keys };
  });
}

/** Every page of `listAliases`. */
export function listAllAliases(admin: KeyAdmin): Promise<AliasEntry[]> {
  return allMarkerPages(async (request) => {
    const page = await admin.listAliases(request);
    return { ...page, items: page.aliases };
  });
}

/** Every page of `listGrants`. */
export function listAllGrants(admin: KeyAdmin, keyId: string): Promise<GrantInfo[]> {
  return allMarkerPages(async (request) => {
    const page = await admin.listGrants({ keyId, ...request });
    return { ...page, items: page.grants };
  });
}
