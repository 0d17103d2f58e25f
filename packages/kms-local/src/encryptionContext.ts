import { describeValue, type EncryptionContext, KmsValidationError } from '@sealbus/core';

/** Checks that a context is a flat map of strings, as KMS requires. */
export function validateEncryptionContext(context: unknown, field: string): EncryptionContext {
  if (context === undefined) return {};
  if (typeof context !== 'object' || context === null || Array.isArray(context)) {
    throw new KmsValidationError(
      `${field} must be an object of string keys and string values, got ${describeValue(context)}.`,
      { field },
    );
  }
  for (const [key, value] of Object.entries(context)) {
    if (key.length === 0 || typeof value !== 'string') {
      throw new KmsValidationError(
        `${field} entry ${describeValue(key)} must have a non-empty key and a string value, got ${describeValue(value)}.`,
        { field },
      );
    }
  }
  return context as EncryptionContext;
}

/**
 * Canonical bytes of a context: pair count, then pairs sorted by key, each key and value
 * length-prefixed, so no two different contexts share an encoding.
 */
export function canonicalEncryptionContext(context: EncryptionContext): Buffer {
  const encoder = new TextEncoder();
  const keys = Object.keys(context).sort();
  const parts: Buffer[] = [u32(keys.length)];
  for (const key of keys) {
    const keyBytes = encoder.encode(key);
    const valueBytes = encoder.encode(context[key] ?? '');
    parts.push(
      u32(keyBytes.length),
      Buffer.from(keyBytes),
      u32(valueBytes.length),
      Buffer.from(valueBytes),
    );
  }
  return Buffer.concat(parts);
}

function u32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(value);
  return buffer;
}
