import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../errors/sns.js';
import type { FilterPolicyScope } from '../types/attributes.js';
import type { MessageAttributes } from '../types/messages.js';
import { compileFilterPolicy } from './compileFilterPolicy.js';
import { matchesFilterPolicy } from './matchesFilterPolicy.js';

const SCOPES: FilterPolicyScope[] = ['MessageAttributes', 'MessageBody'];

/** Numbers SNS compares exactly: within ±1e9 with at most five decimals. */
const filterNumber = fc
  .integer({ min: -100_000_000_000_000, max: 100_000_000_000_000 })
  .map((scaled) => scaled / 100_000);

const keyName = fc.constantFrom('a', 'b', 'c', 'price', '$or', 'prefix', 'numeric', 'exists');
const operator = fc.constantFrom(
  'prefix',
  'suffix',
  'equals-ignore-case',
  'anything-but',
  'numeric',
  'exists',
  'contains',
  '$or',
);
const numericOperand = fc.array(
  fc.oneof(fc.constantFrom('=', '<', '<=', '>', '>=', '!'), fc.double(), filterNumber),
  {
    maxLength: 5,
  },
);

/** Policy-shaped JSON: mostly valid structure with random operators and operands. */
const policyLike = fc.letrec((tie) => ({
  operand: fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    numericOperand,
    fc.record({ prefix: fc.jsonValue({ maxDepth: 1 }) }),
  ),
  matchValue: fc.oneof(
    fc.string(),
    filterNumber,
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.dictionary(operator, tie('operand'), { minKeys: 1, maxKeys: 2 }),
    fc.jsonValue({ maxDepth: 1 }),
  ),
  node: fc.dictionary(
    keyName,
    fc.oneof(
      { depthSize: 'small' },
      fc.array(tie('matchValue'), { maxLength: 4 }),
      fc.array(tie('node'), { minLength: 1, maxLength: 3 }),
      tie('node'),
      fc.jsonValue({ maxDepth: 1 }),
    ),
    { maxKeys: 7 },
  ),
})).node;

function expectOnlyTypedErrors(policy: object | string, scope: FilterPolicyScope): void {
  try {
    const compiled = compileFilterPolicy(policy, scope);
    // A compiled policy must also evaluate without throwing, whatever the message.
    matchesFilterPolicy(compiled, { body: '{"a": [1, "x", {"b": null}]}', messageAttributes: {} });
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidParameterError);
  }
}

function attributesOf(values: Record<string, string | number>): MessageAttributes {
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [
      name,
      typeof value === 'number'
        ? { dataType: 'Number', stringValue: String(value) }
        : { dataType: 'String', stringValue: value },
    ]),
  );
}

describe('filter policy properties', () => {
  it('compile throws nothing but InvalidParameterError on random JSON', () => {
    fc.assert(
      fc.property(
        fc.oneof(policyLike, fc.jsonValue()),
        fc.constantFrom(...SCOPES),
        (policy, scope) => {
          expectOnlyTypedErrors(policy as object, scope);
        },
      ),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string()), fc.constantFrom(...SCOPES), (text, scope) => {
        expectOnlyTypedErrors(text, scope);
      }),
      { numRuns: 300 },
    );
  });

  it('an exact-value policy built from a message always matches that message', () => {
    const value = fc.oneof(fc.string(), filterNumber);
    const message = fc.dictionary(fc.string({ minLength: 1 }), value, { minKeys: 1, maxKeys: 5 });
    fc.assert(
      fc.property(message, (values) => {
        const policy = Object.fromEntries(Object.entries(values).map(([key, v]) => [key, [v]]));
        const compiled = compileFilterPolicy(policy);
        expect(matchesFilterPolicy(compiled, { messageAttributes: attributesOf(values) })).toBe(
          true,
        );
      }),
    );
    const leaf = fc.oneof(fc.string(), filterNumber, fc.boolean(), fc.constant(null));
    const body = fc.dictionary(fc.string({ minLength: 1 }), leaf, { minKeys: 1, maxKeys: 5 });
    fc.assert(
      fc.property(body, fc.string({ minLength: 1 }), (leaves, outer) => {
        const policy = {
          [outer]: Object.fromEntries(Object.entries(leaves).map(([key, v]) => [key, [v]])),
        };
        const compiled = compileFilterPolicy(policy, 'MessageBody');
        expect(matchesFilterPolicy(compiled, { body: JSON.stringify({ [outer]: leaves }) })).toBe(
          true,
        );
      }),
    );
  });

  it('anything-but a value never matches that value', () => {
    const value = fc.oneof(fc.string(), filterNumber);
    fc.assert(
      fc.property(
        value,
        fc.array(value, { maxLength: 4 }),
        fc.boolean(),
        (excluded, others, asList) => {
          const operand = asList ? [...others, excluded] : excluded;
          const policy = { key: [{ 'anything-but': operand }] };
          const attributes = attributesOf({ key: excluded });
          expect(
            matchesFilterPolicy(compileFilterPolicy(policy), { messageAttributes: attributes }),
          ).toBe(false);
          const body = JSON.stringify({ key: excluded });
          expect(matchesFilterPolicy(compileFilterPolicy(policy, 'MessageBody'), { body })).toBe(
            false,
          );
        },
      ),
    );
  });

  it('numeric ranges agree with a direct comparison', () => {
    const lowerOperator = fc.constantFrom('>', '>=');
    const upperOperator = fc.constantFrom('<', '<=');
    const compare = (op: string, x: number, bound: number): boolean =>
      op === '>'
        ? x > bound
        : op === '>='
          ? x >= bound
          : op === '<'
            ? x < bound
            : op === '<='
              ? x <= bound
              : x === bound;
    fc.assert(
      fc.property(
        lowerOperator,
        filterNumber,
        upperOperator,
        filterNumber,
        fc.oneof(filterNumber, fc.integer({ min: -1000, max: 1000 })),
        (low, a, high, b, x) => {
          fc.pre(a < b);
          const range = compileFilterPolicy({ n: [{ numeric: [low, a, high, b] }] });
          const expected = compare(low, x, a) && compare(high, x, b);
          const attributes = attributesOf({ n: x });
          expect(matchesFilterPolicy(range, { messageAttributes: attributes })).toBe(expected);
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.constantFrom('=', '<', '<=', '>', '>='),
        filterNumber,
        filterNumber,
        (op, bound, x) => {
          const single = compileFilterPolicy({ n: [{ numeric: [op, bound] }] }, 'MessageBody');
          expect(matchesFilterPolicy(single, { body: JSON.stringify({ n: x }) })).toBe(
            compare(op, x, bound),
          );
          expect(matchesFilterPolicy(single, { body: JSON.stringify({ n: bound }) })).toBe(
            compare(op, bound, bound),
          );
        },
      ),
    );
  });
});
