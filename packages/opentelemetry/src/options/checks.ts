import { describeValue, InvalidParameterValueError } from '@sealbus/core';

/**
 * Refuses option keys this package does not know, naming the closest known key: JavaScript
 * callers have no types to catch `tracerprovider` for `tracerProvider`.
 */
export function rejectUnknownKeys(
  where: string,
  given: object | undefined,
  known: readonly string[],
): void {
  if (given === undefined) return;
  if (given === null || typeof given !== 'object' || Array.isArray(given)) {
    throw new InvalidParameterValueError(
      `${where} must be an object; got ${describeValue(given)}.`,
      {
        field: where,
      },
    );
  }
  for (const key of Object.keys(given)) {
    if (known.includes(key)) continue;
    const closest = closestKey(key, known);
    throw new InvalidParameterValueError(
      `${where} has no option ${describeValue(key)}${closest === undefined ? '.' : `; did you mean ${closest}?`} Known options: ${known.join(', ')}.`,
      { field: key },
    );
  }
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

function closestKey(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(key.length / 3)) + 1;
  for (const candidate of known) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length]!;
}
