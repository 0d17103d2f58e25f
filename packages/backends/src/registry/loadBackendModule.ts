import { InternalFailureError, UnsupportedOperationError } from '@sealbus/core';
import {
  BACKEND_KINDS,
  BACKENDS,
  type BackendKind,
  type RegisteredBackend,
} from './registrations.js';

function missingPackage(error: unknown): string | undefined {
  if (!(error instanceof Error) || (error as { code?: unknown }).code !== 'ERR_MODULE_NOT_FOUND') {
    return undefined;
  }
  return /Cannot find (?:package|module) '([^']+)'/.exec(error.message)?.[1];
}

/**
 * Runs a backend's dynamic `import()`, turning a missing optional peer dependency into an error
 * that names the backend and the install command, instead of Node's resolution error.
 */
export async function loadBackendModule<T>(kind: BackendKind, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const missing = missingPackage(error);
    if (missing === undefined) throw error;
    throw new UnsupportedOperationError(
      `The ${kind} backend needs ${missing}, which is not installed. Run: npm install ${BACKENDS[kind].packages.join(' ')}`,
      { field: 'backend', cause: error },
    );
  }
}

/** The descriptor of a registered backend, its package imported on first use. */
export async function loadBackend(kind: BackendKind): Promise<RegisteredBackend> {
  const { backend } = await loadBackendModule(kind, BACKENDS[kind].load);
  // A registration line pointing at the wrong package would open the wrong backend.
  if (backend.kind !== kind) {
    throw new InternalFailureError(
      `The ${kind} registration loaded the ${backend.kind} backend; fix its line in BACKENDS.`,
    );
  }
  return backend;
}

/** The descriptors of every backend whose package is installed, in registration order. */
export async function installedBackends(): Promise<RegisteredBackend[]> {
  const loaded = await Promise.all(
    BACKEND_KINDS.map((kind) =>
      loadBackend(kind).catch((error: unknown) => {
        if (error instanceof UnsupportedOperationError) return undefined;
        throw error;
      }),
    ),
  );
  return loaded.filter((backend) => backend !== undefined);
}
