import { InvalidParameterError } from '../errors/sns.js';

/**
 * The error SNS answers for a bad filter policy: `InvalidParameter` on the `FilterPolicy` field,
 * with a message that says what is wrong and where (`at "a.b"`).
 */
export function filterPolicyError(problem: string, where?: string): InvalidParameterError {
  const location = where === undefined || where === '' ? '' : ` at ${JSON.stringify(where)}`;
  return new InvalidParameterError(`Invalid parameter: FilterPolicy: ${problem}${location}`, {
    field: 'FilterPolicy',
  });
}

/** A plain JSON object (not an array, not a class instance). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
