import { expect } from 'vitest';

/** Matches a thrown error by class and `field`, and optionally its message (a string is exact). */
export function fieldError(
  errorClass: abstract new (...args: never) => Error,
  field: string,
  message?: RegExp | string,
) {
  const text = typeof message === 'string' ? message : message && expect.stringMatching(message);
  return expect.objectContaining({
    constructor: errorClass,
    field,
    ...(text ? { message: text } : {}),
  });
}
