import { isSealbusError } from '@sealbus/core';

/** A one-line reason for a thrown value: `Name (code): message`, without stack or payload. */
export function describeError(error: unknown): string {
  if (isSealbusError(error)) return `${error.name} (${error.code}): ${error.message}`;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return `non-error thrown: ${typeof error}`;
}
