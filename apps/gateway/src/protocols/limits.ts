import { InvalidParameterValueError } from '@sealbus/core';

/**
 * Bounds on the shape of a request, far above what any valid SQS, SNS or KMS request needs, so
 * that a hostile body costs bounded work and never exhausts the stack (docs/gateway.md).
 */
export const REQUEST_LIMITS = {
  /**
   * Query parameters per request. The largest valid requests (a batch of 10 entries with 10
   * message attributes each, or 50 tags) carry under 600.
   */
  maxQueryParameters: 1000,
  /** Dotted segments of one Query key; the deepest valid key has 8 (`PublishBatchRequestEntries.member.1.MessageAttributes.entry.1.Value.StringValue`). */
  maxQueryKeySegments: 16,
  /** Nesting of JSON objects and arrays; the deepest valid input nests 5. */
  maxJsonDepth: 32,
  /** JSON values (objects, arrays, members, elements) in one body; valid inputs stay under 1,000. */
  maxJsonValues: 10_000,
} as const;

/**
 * Checks depth and size of a JSON text in one linear pass, before `JSON.parse` builds anything:
 * a body nested 100,000 deep must be refused, not overflow the stack of whoever walks it.
 */
export function checkJsonLimits(text: string): void {
  let depth = 0;
  let values = 1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > REQUEST_LIMITS.maxJsonDepth) {
        throw new InvalidParameterValueError(
          `the JSON request body nests deeper than ${REQUEST_LIMITS.maxJsonDepth} levels; no operation input is that deep`,
          { field: 'body' },
        );
      }
    } else if (c === 0x7d || c === 0x5d) depth--;
    else if (c === 0x2c || c === 0x3a) {
      values++;
      if (values > REQUEST_LIMITS.maxJsonValues) {
        throw new InvalidParameterValueError(
          `the JSON request body holds more than ${REQUEST_LIMITS.maxJsonValues} values; no operation input is that large`,
          { field: 'body' },
        );
      }
    }
  }
}

export function checkQueryParameterCount(count: number): void {
  if (count > REQUEST_LIMITS.maxQueryParameters) {
    throw new InvalidParameterValueError(
      `the request carries ${count} Query parameters; at most ${REQUEST_LIMITS.maxQueryParameters} are accepted`,
      { field: 'body' },
    );
  }
}

export function checkQueryKeySegments(segments: number, index: number): void {
  if (segments > REQUEST_LIMITS.maxQueryKeySegments) {
    throw new InvalidParameterValueError(
      `Query parameter ${index} has ${segments} dotted segments; at most ${REQUEST_LIMITS.maxQueryKeySegments} are accepted`,
      { field: 'body' },
    );
  }
}
