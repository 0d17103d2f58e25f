import { describeValue } from '../errors/SealbusError.js';

/** An error class taking a message and the field it is about. */
export type FieldErrorClass = new (message: string, options: { field: string }) => Error;

/** Reads an integer attribute, throwing `error` unless it lies in `[min, max]`. */
export function integerInRange(
  error: FieldErrorClass,
  field: string,
  value: unknown,
  min: number,
  max: number,
  unit: string,
): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new error(
      `${field} must be an integer from ${min} to ${max}${unit ? ` ${unit}` : ''}; got ${describeValue(value)}`,
      { field },
    );
  }
  return value;
}

export function booleanValue(error: FieldErrorClass, field: string, value: unknown): boolean {
  if (typeof value !== 'boolean') {
    throw new error(`${field} must be true or false; got ${describeValue(value)}`, { field });
  }
  return value;
}

export function oneOf<T extends string>(
  error: FieldErrorClass,
  field: string,
  value: unknown,
  allowed: readonly T[],
): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new error(`${field} must be one of ${allowed.join(', ')}; got ${describeValue(value)}`, {
      field,
    });
  }
  return value as T;
}

export function stringValue(error: FieldErrorClass, field: string, value: unknown): string {
  if (typeof value !== 'string') {
    throw new error(`${field} must be a string; got ${describeValue(value)}`, { field });
  }
  return value;
}

/** A policy given as an object or as its JSON text; returns the object. */
export function jsonObject(
  error: FieldErrorClass,
  field: string,
  value: unknown,
): Record<string, unknown> {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      throw new error(`${field} must be a JSON object; got ${describeValue(value)}`, { field });
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new error(`${field} must be a JSON object; got ${describeValue(value)}`, { field });
  }
  return parsed as Record<string, unknown>;
}

/** A policy document stored verbatim: must be the text of a JSON object. */
export function policyDocument(error: FieldErrorClass, field: string, value: unknown): string {
  jsonObject(error, field, stringValue(error, field, value));
  return value as string;
}

/** The wire form of a boolean attribute (`'true'`/`'false'`, any case); other text passes through. */
export function parseBooleanString(value: string): boolean | string {
  const lower = value.toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : value;
}

/** The wire form of an integer attribute; text that is not an integer passes through for the validator to reject. */
export function parseIntegerString(value: string): number | string {
  return /^[+-]?\d{1,15}$/.test(value.trim()) ? Number(value.trim()) : value;
}

/** Stable JSON: object keys sorted, so equal values compare equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>)
            .filter(([, inner]) => inner !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

/** Names of `keys` whose values differ between `a` and `b` (compared as canonical JSON). */
export function differingKeys<T extends object>(a: T, b: T, keys: Iterable<keyof T>): string[] {
  const differing: string[] = [];
  for (const key of keys) {
    if (canonicalJson(a[key]) !== canonicalJson(b[key])) differing.push(String(key));
  }
  return differing;
}
