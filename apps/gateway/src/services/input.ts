import { describeValue, InvalidParameterValueError, MissingParameterError } from '@sealbus/core';

/**
 * Readers of action inputs: the JSON-model object a protocol decoded. Every reader names the
 * member in its error, so a client sees which parameter to fix.
 */
export type ActionInput = Readonly<Record<string, unknown>>;

export function requiredString(input: ActionInput, name: string): string {
  const value = optionalString(input, name);
  if (value === undefined || value === '') {
    throw new MissingParameterError(`The request must contain the parameter ${name}.`, {
      field: name,
    });
  }
  return value;
}

export function optionalString(input: ActionInput, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    throw new InvalidParameterValueError(`${name} must be a string; got ${describeValue(value)}`, {
      field: name,
    });
  }
  return value;
}

export function optionalInteger(
  input: ActionInput,
  name: string,
  range?: { min: number; max: number },
): number | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new InvalidParameterValueError(
      `${name} must be an integer; got ${describeValue(value)}`,
      { field: name },
    );
  }
  if (range !== undefined && (value < range.min || value > range.max)) {
    throw new InvalidParameterValueError(
      `Value ${value} for parameter ${name} is invalid. Reason: must be between ${range.min} and ${range.max}.`,
      { field: name },
    );
  }
  return value;
}

export function requiredInteger(input: ActionInput, name: string): number {
  const value = optionalInteger(input, name);
  if (value === undefined) {
    throw new MissingParameterError(`The request must contain the parameter ${name}.`, {
      field: name,
    });
  }
  return value;
}

export function optionalStringList(input: ActionInput, name: string): string[] | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw new InvalidParameterValueError(
      `${name} must be a list of strings; got ${describeValue(value)}`,
      { field: name },
    );
  }
  return value as string[];
}

export function optionalStringMap(
  input: ActionInput,
  name: string,
): Record<string, string> | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (
    typeof value !== 'object' ||
    Array.isArray(value) ||
    Object.values(value).some((item) => typeof item !== 'string')
  ) {
    throw new InvalidParameterValueError(
      `${name} must be a map of string values; got ${describeValue(value)}`,
      { field: name },
    );
  }
  return value as Record<string, string>;
}

/** A list of objects, e.g. batch `Entries`; each entry is read with the same readers. */
export function optionalObjectList(input: ActionInput, name: string): ActionInput[] | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (
    !Array.isArray(value) ||
    value.some((item) => typeof item !== 'object' || item === null || Array.isArray(item))
  ) {
    throw new InvalidParameterValueError(
      `${name} must be a list of objects; got ${describeValue(value)}`,
      { field: name },
    );
  }
  return value as ActionInput[];
}

export function optionalObject(input: ActionInput, name: string): ActionInput | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidParameterValueError(`${name} must be an object; got ${describeValue(value)}`, {
      field: name,
    });
  }
  return value as ActionInput;
}

/** A base64 blob member (JSON and Query both carry blobs as base64 text). */
export function optionalBlob(input: ActionInput, name: string): Uint8Array | undefined {
  const value = optionalString(input, name);
  if (value === undefined) return undefined;
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 === 1) {
    throw new InvalidParameterValueError(
      `${name} must be base64-encoded; got ${describeValue(value)}`,
      { field: name },
    );
  }
  return new Uint8Array(Buffer.from(value, 'base64'));
}

export function requiredBlob(input: ActionInput, name: string): Uint8Array {
  const value = optionalBlob(input, name);
  if (value === undefined) {
    throw new MissingParameterError(`The request must contain the parameter ${name}.`, {
      field: name,
    });
  }
  return value;
}

export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
