export {
  type Backend,
  type BackendDeps,
  createBackend,
  createBroker,
  openBackend,
} from './createBackend.js';
export {
  type BackendFlag,
  backendFlags,
  backendInputFrom,
  backendUsage,
  parseArgsOptions,
} from './registry/backendFlags.js';
export { installedBackends, loadBackend } from './registry/loadBackendModule.js';
export {
  BACKEND_KINDS,
  BACKENDS,
  type BackendKind,
  type BackendModule,
  type BackendRegistration,
  DEFAULT_BACKEND,
  type LocalBackendParts,
  type RegisteredBackend,
} from './registry/registrations.js';
export { backendsWith, requireCapability } from './registry/requireCapability.js';
export {
  type BackendConfig,
  type BackendConfigInput,
  type BackendEnv,
  flagOf,
  resolveBackendConfig,
} from './registry/resolveBackendConfig.js';
export { withClose } from './withClose.js';
