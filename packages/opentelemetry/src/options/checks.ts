import { checkOptionKeys, describeValue, InvalidParameterValueError } from '@sealbus/core';

/**
 * Refuses option keys this package does not know, naming the closest known key: JavaScript
 * callers have no types to catch `tracerprovider` for `tracerProvider` (core's helper, as
 * every sealbus options object).
 */
export function rejectUnknownKeys(
  where: string,
  given: object | undefined,
  known: readonly string[],
): void {
  checkOptionKeys(given, { what: where, known: new Set(known) });
}

export function checkInteger(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidParameterValueError(
      `${field} must be an integer from ${min} to ${max}; got ${describeValue(value)}.`,
      { field },
    );
  }
  return value;
}

export function checkBoolean(field: string, value: unknown): boolean {
  if (typeof value !== 'boolean') {
    throw new InvalidParameterValueError(
      `${field} must be true or false; got ${describeValue(value)}.`,
      {
        field,
      },
    );
  }
  return value;
}

export function checkOneOf<T extends string>(
  field: string,
  value: unknown,
  allowed: readonly T[],
): T {
  if (!allowed.includes(value as T)) {
    throw new InvalidParameterValueError(
      `${field} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}; got ${describeValue(value)}.`,
      { field },
    );
  }
  return value as T;
}

/** A provider option must at least have the method this package calls on it. */
export function checkProvider<T>(field: string, value: unknown, method: string): T {
  if (
    value === null ||
    typeof value !== 'object' ||
    typeof (value as Record<string, unknown>)[method] !== 'function'
  ) {
    throw new InvalidParameterValueError(
      `${field} must be an OpenTelemetry provider with a ${method}() method; got ${describeValue(value)}.`,
      { field },
    );
  }
  return value as T;
}
