import { describeValue } from '../errors/SealbusError.js';
import { FIFO_SUFFIX, isFifoName } from './names.js';

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

/** How a queue or topic marks itself FIFO: a flag given only at creation plus a `.fifo` name. */
export interface FifoFlagRule {
  /** `FifoQueue` or `FifoTopic`. */
  flag: string;
  /** `queue` or `topic`, for messages. */
  kind: string;
  /** The request field holding the name: `QueueName` or `Name`. */
  nameField: string;
  name: string;
  requested: boolean | undefined;
  /** The flag of the existing resource on an update. */
  existing: boolean | undefined;
  /** Thrown when an update tries to change the flag. */
  changeError: FieldErrorClass;
  /** Thrown when the flag and the name's `.fifo` suffix disagree at creation. */
  nameError: FieldErrorClass;
}

/** The FIFO flag after creation/update rules: fixed after creation, agreeing with the name. */
export function resolveFifoFlag(rule: FifoFlagRule): boolean {
  const { flag, kind, nameField, name, requested, existing } = rule;
  if (existing !== undefined) {
    if (requested !== undefined && requested !== existing) {
      throw new rule.changeError(
        `${flag} can only be set when a ${kind} is created; ${describeValue(name)} has ${flag}=${existing}, got ${requested}. Create a new ${kind} instead`,
        { field: flag },
      );
    }
    return existing;
  }
  const fifo = requested === true;
  if (fifo !== isFifoName(name)) {
    throw new rule.nameError(
      fifo
        ? `A FIFO ${kind}'s ${nameField} must end in ${FIFO_SUFFIX}; got ${describeValue(name)} with ${flag}=true`
        : `${nameField} ending in ${FIFO_SUFFIX} needs ${flag}=true (a standard ${kind}'s name cannot end in ${FIFO_SUFFIX}); got ${describeValue(name)}`,
      { field: nameField },
    );
  }
  return fifo;
}

/** The attributes actually given (undefined values dropped), after checking `input` is an object. */
export function definedAttributes(
  error: FieldErrorClass,
  kind: string,
  input: unknown,
): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new error(
      `Attributes must be an object of ${kind} attributes; got ${describeValue(input)}`,
      {
        field: 'Attributes',
      },
    );
  }
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
}

/** Whether two attribute sets hold the same values under the same names. */
export function sameAttributes<T extends object>(a: T, b: T): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof T>;
  return differingKeys(a, b, keys).length === 0;
}
