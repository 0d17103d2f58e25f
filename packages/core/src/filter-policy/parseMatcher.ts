import { describeValue } from '../errors/SealbusError.js';
import { FILTER_NUMBER_MAX_MAGNITUDE, toFilterNumber } from './filterNumber.js';
import { filterPolicyError, isPlainObject } from './filterPolicyError.js';
import type { FilterMatcher, NumericBound } from './types.js';

/** The operator keywords of a match expression, as SNS spells them. */
export const MATCH_OPERATORS = [
  'prefix',
  'suffix',
  'equals-ignore-case',
  'anything-but',
  'numeric',
  'exists',
] as const;

const MATCH_VALUE_HINT =
  'a match value must be a string, a number, true, false, null or an object like {"prefix": "abc"}';

/** Compiles one element of a key's value list; `where` names the key for error messages. */
export function parseMatcher(rule: unknown, where: string): FilterMatcher {
  if (typeof rule === 'string' || typeof rule === 'boolean' || rule === null) {
    return { kind: 'exact', value: rule };
  }
  if (typeof rule === 'number') {
    return { kind: 'exactNumber', value: parsePolicyNumber(rule, 'exact number match', where) };
  }
  if (!isPlainObject(rule)) {
    throw filterPolicyError(
      `unsupported match value ${describeValue(rule)}; ${MATCH_VALUE_HINT}`,
      where,
    );
  }
  const entries = Object.entries(rule);
  if (entries.length !== 1) {
    throw filterPolicyError(
      `a match expression must have exactly one operator, got ${entries.length} (${describeValue(rule)})`,
      where,
    );
  }
  const [operator, operand] = entries[0]!;
  switch (operator) {
    case 'prefix':
      return { kind: 'prefix', value: requireString(operand, operator, where) };
    case 'suffix':
      return { kind: 'suffix', value: requireString(operand, operator, where) };
    case 'equals-ignore-case':
      return {
        kind: 'equalsIgnoreCase',
        value: requireString(operand, operator, where).toLowerCase(),
      };
    case 'anything-but':
      return parseAnythingBut(operand, where);
    case 'exists':
      if (typeof operand !== 'boolean') {
        throw filterPolicyError(
          `exists match pattern must be either true or false, got ${describeValue(operand)}`,
          where,
        );
      }
      return { kind: 'exists', value: operand };
    case 'numeric':
      return parseNumeric(operand, where);
    default:
      throw filterPolicyError(
        `unrecognized match type ${JSON.stringify(operator)}; use one of ${MATCH_OPERATORS.join(', ')}`,
        where,
      );
  }
}

function requireString(operand: unknown, operator: string, where: string): string {
  if (typeof operand !== 'string') {
    throw filterPolicyError(
      `${operator} match pattern must be a string, got ${describeValue(operand)}`,
      where,
    );
  }
  return operand;
}

/** A number of the policy: finite and within the ±1e9 SNS compares. */
function parsePolicyNumber(value: unknown, context: string, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw filterPolicyError(`${context} needs a finite number, got ${describeValue(value)}`, where);
  }
  if (Math.abs(value) > FILTER_NUMBER_MAX_MAGNITUDE) {
    throw filterPolicyError(
      `${context} value ${value} is outside the supported range -1000000000 to 1000000000`,
      where,
    );
  }
  return toFilterNumber(value);
}

function parseAnythingBut(operand: unknown, where: string): FilterMatcher {
  if (isPlainObject(operand)) {
    const entries = Object.entries(operand);
    const [inner, pattern] = entries[0] ?? [];
    if (entries.length !== 1 || (inner !== 'prefix' && inner !== 'suffix')) {
      throw filterPolicyError(
        `unsupported anything-but pattern ${describeValue(operand)}; use {"prefix": "..."} or {"suffix": "..."}`,
        where,
      );
    }
    const value = requireString(pattern, `anything-but ${inner}`, where);
    return { kind: inner === 'prefix' ? 'anythingButPrefix' : 'anythingButSuffix', value };
  }
  const excluded = Array.isArray(operand) ? operand : [operand];
  if (excluded.length === 0) {
    throw filterPolicyError('anything-but list must not be empty', where);
  }
  const strings = new Set<string>();
  const numbers = new Set<number>();
  for (const value of excluded) {
    if (typeof value === 'string') {
      strings.add(value);
    } else if (typeof value === 'number') {
      numbers.add(parsePolicyNumber(value, 'anything-but', where));
    } else {
      throw filterPolicyError(
        `anything-but values must be strings or numbers, got ${describeValue(value)}`,
        where,
      );
    }
  }
  return { kind: 'anythingBut', strings, numbers };
}

const LOWER_OPERATORS = new Set(['>', '>=']);
const UPPER_OPERATORS = new Set(['<', '<=']);
const NUMERIC_HINT = 'use ["=", 5], [">", 0], ["<=", 150] or a range like [">", 0, "<=", 150]';

function parseNumeric(operand: unknown, where: string): FilterMatcher {
  if (!Array.isArray(operand) || (operand.length !== 2 && operand.length !== 4)) {
    throw filterPolicyError(
      `numeric match must be an array of 2 or 4 elements, got ${describeValue(operand)}; ${NUMERIC_HINT}`,
      where,
    );
  }
  const [operator, first, upperOperator, second] = operand as unknown[];
  if (operator === '=' && operand.length === 2) {
    const bound = { value: parsePolicyNumber(first, 'numeric =', where), inclusive: true };
    return { kind: 'numeric', lower: bound, upper: bound };
  }
  const isLower = typeof operator === 'string' && LOWER_OPERATORS.has(operator);
  const isUpper = typeof operator === 'string' && UPPER_OPERATORS.has(operator);
  if (operand.length === 2 && (isLower || isUpper)) {
    const bound = toBound(operator as string, first, where);
    return isLower ? { kind: 'numeric', lower: bound } : { kind: 'numeric', upper: bound };
  }
  if (
    operand.length === 4 &&
    isLower &&
    typeof upperOperator === 'string' &&
    UPPER_OPERATORS.has(upperOperator)
  ) {
    const lower = toBound(operator as string, first, where);
    const upper = toBound(upperOperator, second, where);
    if (lower.value >= upper.value) {
      throw filterPolicyError(
        `numeric range bottom ${String(first)} must be less than top ${String(second)}`,
        where,
      );
    }
    return { kind: 'numeric', lower, upper };
  }
  throw filterPolicyError(
    `unrecognized numeric expression ${describeValue(operand)}; ${NUMERIC_HINT}`,
    where,
  );
}

function toBound(operator: string, value: unknown, where: string): NumericBound {
  return {
    value: parsePolicyNumber(value, `numeric ${operator}`, where),
    inclusive: operator.endsWith('='),
  };
}
