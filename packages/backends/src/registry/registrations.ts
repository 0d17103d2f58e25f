import type { EngineBroker } from '@sealbus/broker-engine';
import type { BackendDescriptor } from '@sealbus/core';
import type { LocalKms } from '@sealbus/kms-local';

/** The internals of a local backend: stored-message inspection and the local KMS. */
export interface LocalBackendParts {
  readonly engine: EngineBroker;
  readonly kms: LocalKms;
}

/** A backend as the registry sees it: any config, local parts of the one local kind. */
export type RegisteredBackend = BackendDescriptor<unknown, LocalBackendParts>;

/** What a backend's `./backend` entry point exports. */
export interface BackendModule {
  readonly backend: RegisteredBackend;
}

/** How to reach a backend's descriptor, whose package may not be installed. */
export interface BackendRegistration {
  /** What `npm install` needs for it, named when the import fails. */
  readonly packages: readonly string[];
  /** Imports the package's light `./backend` entry point. */
  readonly load: () => Promise<BackendModule>;
}

/**
 * One registration. Typing `load` here checks the module against `BackendModule` without
 * naming it in this package's declarations, so installs without the backend still typecheck.
 */
function registration(
  packages: readonly string[],
  load: () => Promise<BackendModule>,
): BackendRegistration {
  return { packages, load };
}

/**
 * Every backend, one line each; the key is the descriptor's `kind`. Adding a backend: export a
 * descriptor as `backend` from the package's `./backend` entry point and add its line here.
 */
export const BACKENDS = {
  memory: registration(['@sealbus/memory'], () => import('@sealbus/memory/backend')),
  sqlite: registration(['@sealbus/sqlite'], () => import('@sealbus/sqlite/backend')),
  postgres: registration(['@sealbus/postgres', 'pg'], () => import('@sealbus/postgres/backend')),
  aws: registration(['@sealbus/aws'], () => import('@sealbus/aws/backend')),
};

export type BackendKind = keyof typeof BACKENDS;
export const BACKEND_KINDS = Object.keys(BACKENDS) as readonly BackendKind[];
export const DEFAULT_BACKEND: BackendKind = 'sqlite';

export function isBackendKind(value: string): value is BackendKind {
  return Object.hasOwn(BACKENDS, value);
}
