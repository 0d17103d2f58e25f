import { expect } from 'vitest';

/** Matches a thrown error by class and `field`, and optionally its message. */
export function fieldError(
  errorClass: abstract new (...args: never) => Error,
  field: string,
  message?: RegExp,
) {
  return expect.objectContaining({
    constructor: errorClass,
    field,
    ...(message ? { message: expect.stringMatching(message) } : {}),
  });
}
