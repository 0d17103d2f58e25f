import { describeValue, InvalidParameterValueError } from '@sealbus/core';

/** Throws unless `value` is an integer in [min, max]; the message names the option. */
export function checkInteger(field: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidParameterValueError(
      `${field} must be an integer from ${min} to ${max}; got ${describeValue(value)}.`,
      { field },
    );
  }
  return value;
}

/** Throws unless `value` is a finite number in [min, max]. */
export function checkNumber(field: string, value: number, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new InvalidParameterValueError(
      `${field} must be a number from ${min} to ${max}; got ${describeValue(value)}.`,
      { field },
    );
  }
  return value;
}

export function checkOneOf<T extends string>(field: string, value: T, allowed: readonly T[]): T {
  if (!allowed.includes(value)) {
    throw new InvalidParameterValueError(
      `${field} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}; got ${describeValue(value)}.`,
      { field },
    );
  }
  return value;
}
