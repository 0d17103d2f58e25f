import { integerInRange } from '../requestValidation.js';
import type {
  AliasRecord,
  AuditEntry,
  AuditQuery,
  GrantRecord,
  KeyMaterial,
  KeyRecord,
  KmsStorage,
  MaterialVersion,
} from './KmsStorage.js';

export interface MemoryKmsStorageOptions {
  /** The audit log keeps this many most recent entries. @defaultValue 100_000 */
  maxAuditEntries?: number;
}

export const DEFAULT_MAX_AUDIT_ENTRIES = 100_000;

/** Keeps everything in process memory; the default storage of `new LocalKms()`. */
export class MemoryKmsStorage implements KmsStorage {
  private readonly keys = new Map<string, KeyRecord>();
  private readonly materials = new Map<string, (KeyMaterial & MaterialVersion)[]>();
  private readonly grants = new Map<string, GrantRecord>();
  private readonly aliases = new Map<string, AliasRecord>();
  private readonly audit: AuditEntry[] = [];
  private readonly maxAuditEntries: number;
  private nextAuditId = 1;

  constructor(options: MemoryKmsStorageOptions = {}) {
    this.maxAuditEntries = integerInRange(
      options.maxAuditEntries ?? DEFAULT_MAX_AUDIT_ENTRIES,
      1,
      Number.MAX_SAFE_INTEGER,
      'maxAuditEntries',
    );
  }

  transaction<T>(fn: () => T): T {
    return fn();
  }

  getKey(keyId: string): KeyRecord | undefined {
    const key = this.keys.get(keyId);
    return key === undefined ? undefined : structuredClone(key);
  }

  putKey(key: KeyRecord): void {
    this.keys.set(key.keyId, structuredClone(key));
  }

  deleteKey(keyId: string): void {
    this.keys.delete(keyId);
    for (const { material } of this.materials.get(keyId) ?? []) material.fill(0);
    this.materials.delete(keyId);
    for (const [name, alias] of this.aliases)
      if (alias.targetKeyId === keyId) this.aliases.delete(name);
    for (const [id, grant] of this.grants) if (grant.keyId === keyId) this.grants.delete(id);
  }

  listKeys(afterKeyId: string | undefined, limit: number): KeyRecord[] {
    return [...this.keys.keys()]
      .sort()
      .filter((id) => afterKeyId === undefined || id > afterKeyId)
      .slice(0, limit)
      .map((id) => structuredClone(this.keys.get(id)!));
  }

  addMaterial(keyId: string, material: KeyMaterial & Omit<MaterialVersion, 'version'>): void {
    const list = this.materials.get(keyId) ?? [];
    list.push({ ...material, material: new Uint8Array(material.material) });
    this.materials.set(keyId, list);
  }

  materialVersions(keyId: string): MaterialVersion[] {
    return (this.materials.get(keyId) ?? [])
      .map(({ material: _secret, ...version }) => version)
      .sort((a, b) => a.version - b.version);
  }

  getMaterial(keyId: string, version: number): Uint8Array | undefined {
    return this.materials.get(keyId)?.find((m) => m.version === version)?.material;
  }

  latestMaterial(keyId: string): KeyMaterial | undefined {
    const list = this.materials.get(keyId);
    return list?.reduce((a, b) => (b.version > a.version ? b : a));
  }

  getAlias(aliasName: string): AliasRecord | undefined {
    const alias = this.aliases.get(aliasName);
    return alias === undefined ? undefined : { ...alias };
  }

  putAlias(alias: AliasRecord): void {
    this.aliases.set(alias.aliasName, { ...alias });
  }

  deleteAlias(aliasName: string): void {
    this.aliases.delete(aliasName);
  }

  listAliases(
    afterAliasName: string | undefined,
    limit: number,
    targetKeyId?: string,
  ): AliasRecord[] {
    return [...this.aliases.values()]
      .filter((a) => afterAliasName === undefined || a.aliasName > afterAliasName)
      .filter((a) => targetKeyId === undefined || a.targetKeyId === targetKeyId)
      .sort((a, b) => (a.aliasName < b.aliasName ? -1 : a.aliasName > b.aliasName ? 1 : 0))
      .slice(0, limit)
      .map((a) => ({ ...a }));
  }

  putGrant(grant: GrantRecord): void {
    this.grants.set(grant.grantId, structuredClone(grant));
  }

  getGrant(grantId: string): GrantRecord | undefined {
    const grant = this.grants.get(grantId);
    return grant === undefined ? undefined : structuredClone(grant);
  }

  getGrantByTokenHash(tokenHash: string): GrantRecord | undefined {
    for (const grant of this.grants.values()) {
      if (grant.grantTokenHash === tokenHash) return structuredClone(grant);
    }
    return undefined;
  }

  deleteGrant(grantId: string): void {
    this.grants.delete(grantId);
  }

  listGrants(
    keyId: string,
    afterGrantId: string | undefined,
    limit: number,
    granteePrincipal?: string,
  ): GrantRecord[] {
    return this.sortedGrants(
      (g) =>
        g.keyId === keyId &&
        (granteePrincipal === undefined || g.granteePrincipal === granteePrincipal),
      afterGrantId,
      limit,
    );
  }

  listRetirableGrants(
    retiringPrincipal: string,
    afterGrantId: string | undefined,
    limit: number,
  ): GrantRecord[] {
    return this.sortedGrants((g) => g.retiringPrincipal === retiringPrincipal, afterGrantId, limit);
  }

  countGrants(keyId: string): number {
    let count = 0;
    for (const grant of this.grants.values()) if (grant.keyId === keyId) count++;
    return count;
  }

  private sortedGrants(
    matches: (grant: GrantRecord) => boolean,
    afterGrantId: string | undefined,
    limit: number,
  ): GrantRecord[] {
    return [...this.grants.values()]
      .filter((g) => matches(g) && (afterGrantId === undefined || g.grantId > afterGrantId))
      .sort((a, b) => (a.grantId < b.grantId ? -1 : 1))
      .slice(0, limit)
      .map((g) => structuredClone(g));
  }

  appendAudit(entry: Omit<AuditEntry, 'id'>): void {
    this.audit.push({ ...entry, id: this.nextAuditId++ });
    // Trim in batches so a long-running process neither grows without bound nor shifts per call.
    if (this.audit.length >= this.maxAuditEntries + Math.ceil(this.maxAuditEntries / 10)) {
      this.audit.splice(0, this.audit.length - this.maxAuditEntries);
    }
  }

  queryAudit(query: AuditQuery): AuditEntry[] {
    const matching = this.audit.filter(
      (e) =>
        (query.keyArn === undefined ||
          e.keyArn === query.keyArn ||
          e.destinationKeyArn === query.keyArn) &&
        (query.operation === undefined || e.operation === query.operation) &&
        (query.beforeId === undefined || e.id < query.beforeId) &&
        (query.result === undefined || e.result === query.result) &&
        (query.since === undefined || e.eventTime.getTime() >= query.since.getTime()),
    );
    return matching.slice(Math.max(0, matching.length - query.limit)).map((e) => ({ ...e }));
  }

  close(): void {
    for (const list of this.materials.values()) for (const { material } of list) material.fill(0);
    this.materials.clear();
  }
}
