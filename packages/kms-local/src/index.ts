export {
  BLOB_HEADER_LENGTH,
  BLOB_MAX_PLAINTEXT,
  BLOB_VERSION,
  type ParsedCiphertextBlob,
  parseCiphertextBlob,
} from './ciphertextBlob.js';
export { canonicalEncryptionContext } from './encryptionContext.js';
export { IamWildcard, type MatchMeter } from './IamWildcard.js';
export {
  DEFAULT_KEY_POLICY,
  isAllowed,
  type PolicyStatement,
  parseKeyPolicy,
} from './keyPolicy.js';
export type { KmsLocation } from './keyReference.js';
export {
  type AliasListEntry,
  type AuditLogQuery,
  type CreateKeyRequest,
  type DataKeyRequest,
  DEFAULT_LOCAL_KMS_OPTIONS,
  type EncryptRequest,
  type KeyRotationStatus,
  type KmsCall,
  type KmsFaultHook,
  LocalKms,
  type LocalKmsOptions,
  type LocalKmsSqliteOptions,
  type ReEncryptRequest,
  type ScheduleKeyDeletionResult,
} from './LocalKms.js';
export { DATA_KEY_SPEC_BYTES, type DataKeySpec } from './requestValidation.js';
export type {
  AliasRecord,
  AuditEntry,
  AuditQuery,
  KeyMaterial,
  KeyRecord,
  KmsStorage,
} from './storage/KmsStorage.js';
export {
  DEFAULT_MAX_AUDIT_ENTRIES,
  MemoryKmsStorage,
  type MemoryKmsStorageOptions,
} from './storage/MemoryKmsStorage.js';
export {
  createPrivateFile,
  createPrivateParentDirectory,
  PRIVATE_DIRECTORY_MODE,
  PRIVATE_FILE_MODE,
} from './storage/privateFiles.js';
export { sqliteRootKeySource } from './storage/rootKey.js';
export { SqliteKmsStorage, type SqliteKmsStorageOptions } from './storage/SqliteKmsStorage.js';
