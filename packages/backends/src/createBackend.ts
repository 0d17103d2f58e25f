import type { BackendOpenDeps, Broker, KeyAdmin } from '@sealbus/core';
import type { LocalBackendParts } from './registry/registrations.js';
import {
  type BackendConfig,
  type BackendConfigInput,
  type BackendEnv,
  resolveBackendConfig,
} from './registry/resolveBackendConfig.js';
import { withClose } from './withClose.js';

/** A broker with its key administration, opened from a `BackendConfig`. */
export interface Backend {
  readonly config: BackendConfig;
  readonly broker: Broker;
  readonly keys: KeyAdmin;
  /** Set on backends with the `local` capability (memory, sqlite). */
  readonly local?: LocalBackendParts;
  /** One line naming what is open, e.g. `sqlite ./.sealbus/sealbus.db (local KMS in the same file)`. */
  readonly description: string;
  /** Closes the broker, then the key store. */
  close(): Promise<void>;
}

export interface BackendDeps extends BackendOpenDeps {
  /** Where `SEALBUS_BACKEND` and the backends' variables are read. @defaultValue process.env */
  readonly env?: BackendEnv;
}

/** Opens a configuration `resolveBackendConfig` checked. */
export async function openBackend(config: BackendConfig, deps: BackendDeps = {}): Promise<Backend> {
  const opened = await config.descriptor.open(config.options, deps);
  return {
    config,
    broker: opened.broker,
    keys: opened.keys,
    ...(opened.local === undefined ? {} : { local: opened.local }),
    description: config.descriptor.describe(config.options),
    close: () => opened.close(),
  };
}

/**
 * Opens the backend a configuration names, e.g. `memory` (everything in this process), `sqlite`
 * (messages and keys in one file, shared by every process that opens it) or `aws`.
 */
export async function createBackend(
  input: BackendConfigInput = {},
  deps: BackendDeps = {},
): Promise<Backend> {
  return openBackend(await resolveBackendConfig(input, deps.env ?? process.env), deps);
}

/**
 * `createBroker(config)`: the broker of a configuration, for application code that needs
 * nothing else. It is the backend's own broker; its `close` closes the key store too.
 */
export async function createBroker(
  input: BackendConfigInput = {},
  deps: BackendDeps = {},
): Promise<Broker> {
  const backend = await createBackend(input, deps);
  return withClose(backend.broker, () => backend.close());
}
