export {
  BLOB_HEADER_LENGTH,
  BLOB_MAX_PLAINTEXT,
  BLOB_VERSION,
  type ParsedCiphertextBlob,
  parseCiphertextBlob,
} from './ciphertextBlob.js';
export type { MessageType } from './crypto/signing.js';
export { canonicalEncryptionContext } from './encryptionContext.js';
export {
  KMS_ERRORS,
  type KmsErrorId,
  type KmsErrorParams,
  type KmsTextPlaceholders,
  kmsError,
} from './errors/kmsErrorTable.js';
export { type KmsCall, type KmsFaultHook, withFaults } from './faults.js';
export { IamWildcard, type MatchMeter } from './IamWildcard.js';
export {
  DEFAULT_KEY_POLICY,
  isAllowed,
  type PolicyStatement,
  parseKeyPolicy,
} from './keyPolicy.js';
export type { KmsLocation } from './keyReference.js';
export {
  DATA_KEY_PAIR_SPECS,
  type DataKeyPairSpec,
  KEY_SPEC_INFO,
  type KeySpecInfo,
} from './kms/keySpecs.js';
export {
  type AuditLogQuery,
  DEFAULT_LOCAL_KMS_OPTIONS,
  type KeyInventoryEntry,
  LocalKms,
  type LocalKmsOptions,
} from './LocalKms.js';
export type { AliasListEntry } from './operations/aliases.js';
export {
  type DataKeyRequest,
  type DecryptOptions,
  ENCRYPTION_ALGORITHMS,
  type EncryptionAlgorithm,
  type EncryptRequest,
  type ReEncryptRequest,
} from './operations/encryption.js';
export {
  type CreateGrantRequest,
  GRANT_OPERATIONS,
  type GrantConstraints,
  type GrantListEntry,
  type GrantOperation,
  type GrantPage,
  MAX_GRANTS_PER_KEY,
} from './operations/grants.js';
export {
  type CreateKeyRequest,
  KEY_POLICY_NAME,
  type ScheduleKeyDeletionResult,
} from './operations/keyLifecycle.js';
export type { KeyRotationEntry, KeyRotationStatus } from './operations/rotation.js';
export {
  type DataKeyPairRequest,
  type DataKeyPairResult,
  MAC_ALGORITHMS,
  type MacAlgorithm,
  type MacRequest,
  type PublicKeyResult,
  SIGNING_ALGORITHMS,
  type SigningAlgorithm,
  type SignRequest,
  type VerifyRequest,
} from './operations/signing.js';
export { DATA_KEY_SPEC_BYTES, type DataKeySpec, MAX_TAGS } from './requestValidation.js';
export type {
  AliasRecord,
  AuditEntry,
  AuditQuery,
  GrantRecord,
  KeyMaterial,
  KeyRecord,
  KmsStorage,
  MaterialVersion,
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
export { checkRootKey, sqliteRootKeySource } from './storage/rootKey.js';
export {
  type KmsRootKeySource,
  type KmsSql,
  SqlKmsStorage,
} from './storage/SqlKmsStorage.js';
