import { UnsupportedOperationError } from '@sealbus/core';
import type { BackendKind } from './BackendConfig.js';

/** What `npm install` needs for each backend; they are optional peer dependencies. */
export const BACKEND_PACKAGES: Readonly<Record<BackendKind, readonly string[]>> = {
  memory: ['@sealbus/memory'],
  sqlite: ['@sealbus/sqlite'],
  aws: ['@sealbus/aws', '@aws-sdk/client-kms'],
};

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
export async function loadBackendModule<T>(
  backend: BackendKind,
  load: () => Promise<T>,
): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const missing = missingPackage(error);
    if (missing === undefined) throw error;
    throw new UnsupportedOperationError(
      `The ${backend} backend needs ${missing}, which is not installed. Run: npm install ${BACKEND_PACKAGES[backend].join(' ')}`,
      { field: 'backend', cause: error },
    );
  }
}
