export {
  BACKEND_KINDS,
  type BackendConfig,
  type BackendConfigInput,
  type BackendEnv,
  type BackendKind,
  DEFAULT_BACKEND,
  DEFAULT_SQLITE_PATH,
  resolveBackendConfig,
} from './BackendConfig.js';
export {
  type AwsCredentials,
  type AwsCredentialValues,
  type Backend,
  type BackendDeps,
  createBackend,
  createBroker,
  type LocalBackendParts,
} from './createBackend.js';
export {
  type AliasEntry,
  type AliasListPage,
  type CreateGrantInput,
  type DeletionSchedule,
  type GrantInfo,
  type GrantListPage,
  type KeyAdmin,
  type KeyListPage,
  listAllAliases,
  listAllGrants,
  listAllKeys,
  type PublicKeyInfo,
  type RotationStatus,
} from './KeyAdmin.js';
