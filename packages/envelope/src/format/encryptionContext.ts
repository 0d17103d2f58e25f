import { describeValue, type EncryptionContext, InvalidParameterValueError } from '@sealbus/core';

const MAX_FIELD_BYTES = 0xffff;

function invalidContext(detail: string): InvalidParameterValueError {
  return new InvalidParameterValueError(
    `encryption context ${detail}; pass an object of string keys to string values`,
    { field: 'context' },
  );
}

/** Returns `value` if it is a string; throws `InvalidParameterValueError` naming the entry otherwise. */
export function checkContextValue(name: string, value: unknown): string {
  if (typeof value !== 'string') {
    throw invalidContext(
      `value of ${describeValue(name)} is ${describeValue(value)}, not a string`,
    );
  }
  return value;
}

/** Throws unless `context` is a non-null object. */
export function checkContextObject(context: unknown): asserts context is EncryptionContext {
  if (typeof context !== 'object' || context === null) {
    throw invalidContext(`is ${describeValue(context)}`);
  }
}

/**
 * A string that identifies a context for cache lookups: pair count, then keys in sorted order
 * with their values, every part length-prefixed so no two contexts share a key. Cheaper than
 * `canonicalContextBytes`, so the hot path uses it and only a cache miss encodes bytes.
 */
export function contextCacheKey(context: EncryptionContext): string {
  checkContextObject(context);
  const keys = Object.keys(context);
  if (keys.length > 1) keys.sort();
  let key = `${keys.length}|`;
  for (const name of keys) {
    const value = context[name];
    if (typeof value !== 'string') {
      throw invalidContext(
        `value of ${describeValue(name)} is ${describeValue(value)}, not a string`,
      );
    }
    key += `${name.length}:${name}${value.length}:${value}`;
  }
  return key;
}

/**
 * The canonical encoding bound into every envelope's AAD: uint16 pair count, then for each
 * pair sorted by the UTF-8 bytes of its key: uint16 key length, key, uint16 value length,
 * value (big-endian, UTF-8). Length prefixes make `{a: "bc"}` and `{ab: "c"}` differ.
 */
export function canonicalContextBytes(context: EncryptionContext): Buffer {
  contextCacheKey(context);
  const pairs = Object.keys(context).map((name) => {
    const key = Buffer.from(name, 'utf8');
    const value = Buffer.from(context[name] as string, 'utf8');
    if (key.byteLength > MAX_FIELD_BYTES || value.byteLength > MAX_FIELD_BYTES) {
      throw invalidContext(
        `entry ${describeValue(name)} has a ${Math.max(key.byteLength, value.byteLength)}-byte key or value, more than ${MAX_FIELD_BYTES}`,
      );
    }
    return { key, value };
  });
  if (pairs.length > MAX_FIELD_BYTES) {
    throw invalidContext(`has ${pairs.length} entries, more than ${MAX_FIELD_BYTES}`);
  }
  pairs.sort((a, b) => Buffer.compare(a.key, b.key));
  let size = 2;
  for (const pair of pairs) size += 4 + pair.key.byteLength + pair.value.byteLength;
  const out = Buffer.alloc(size);
  let offset = out.writeUInt16BE(pairs.length, 0);
  for (const pair of pairs) {
    offset = out.writeUInt16BE(pair.key.byteLength, offset);
    out.set(pair.key, offset);
    offset += pair.key.byteLength;
    offset = out.writeUInt16BE(pair.value.byteLength, offset);
    out.set(pair.value, offset);
    offset += pair.value.byteLength;
  }
  return out;
}
