import { integerInRange } from '../requestValidation.js';
import type {
  AliasRecord,
  AuditEntry,
  AuditQuery,
  KeyMaterial,
  KeyRecord,
  KmsStorage,
} from './KmsStorage.js';

export interface MemoryKmsStorageOptions {
  /** The audit log keeps this many most recent entries. @defaultValue 100_000 */
  maxAuditEntries?: number;
}

export const DEFAULT_MAX_AUDIT_ENTRIES = 100_000;

/** Keeps everything in process memory; the default storage of `new LocalKms()`. */
export class MemoryKmsStorage implements KmsStorage {
  private readonly keys = new Map<string, KeyRecord>();
  private readonly materials = new Map<string, KeyMaterial[]>();
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
  }

  listKeys(afterKeyId: string | undefined, limit: number): KeyRecord[] {
    return [...this.keys.keys()]
      .sort()
      .filter((id) => afterKeyId === undefined || id > afterKeyId)
      .slice(0, limit)
      .map((id) => structuredClone(this.keys.get(id)!));
  }

  addMaterial(keyId: string, material: KeyMaterial): void {
    const list = this.materials.get(keyId) ?? [];
    list.push({ version: material.version, material: new Uint8Array(material.material) });
    this.materials.set(keyId, list);
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
