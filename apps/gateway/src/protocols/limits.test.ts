import { InvalidParameterValueError } from '@sealbus/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formTree, requestFormPairs } from './form.js';
import { checkJsonLimits, REQUEST_LIMITS } from './limits.js';

describe('checkJsonLimits', () => {
  it('accepts every JSON value within the depth limit, whatever its strings hold', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), (value) => {
        expect(() => checkJsonLimits(JSON.stringify(value))).not.toThrow();
      }),
    );
  });

  it('refuses nesting beyond the limit in one pass, however deep (no stack involved)', () => {
    expect(() => checkJsonLimits('['.repeat(REQUEST_LIMITS.maxJsonDepth))).not.toThrow();
    expect(() => checkJsonLimits('['.repeat(REQUEST_LIMITS.maxJsonDepth + 1))).toThrow(
      `nests deeper than ${REQUEST_LIMITS.maxJsonDepth} levels`,
    );
    expect(() => checkJsonLimits(`${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`)).toThrow(
      InvalidParameterValueError,
    );
    // Brackets inside strings, escaped quotes included, are text.
    expect(() => checkJsonLimits(JSON.stringify({ a: `\\"${'['.repeat(1000)}` }))).not.toThrow();
  });

  it('refuses more values than any operation input holds', () => {
    const many = JSON.stringify({ Entries: new Array(REQUEST_LIMITS.maxJsonValues).fill(0) });
    expect(() => checkJsonLimits(many)).toThrow(`more than ${REQUEST_LIMITS.maxJsonValues} values`);
  });
});

describe('Query parameter limits', () => {
  const form = (body: string) => ({
    query: '',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: Buffer.from(body),
  });

  it('refuses more parameters than any valid request carries', () => {
    const params = (n: number) => Array.from({ length: n }, (_, i) => `P${i}=x`).join('&');
    expect(requestFormPairs(form(params(REQUEST_LIMITS.maxQueryParameters)))).toHaveLength(
      REQUEST_LIMITS.maxQueryParameters,
    );
    expect(() => requestFormPairs(form(params(REQUEST_LIMITS.maxQueryParameters + 1)))).toThrow(
      `at most ${REQUEST_LIMITS.maxQueryParameters} are accepted`,
    );
  });

  it('refuses keys with more dotted segments than any shape has', () => {
    expect(() => formTree([['A.'.repeat(REQUEST_LIMITS.maxQueryKeySegments) + 'x', 'v']])).toThrow(
      `Query parameter 1 has ${REQUEST_LIMITS.maxQueryKeySegments + 1} dotted segments`,
    );
  });
});
