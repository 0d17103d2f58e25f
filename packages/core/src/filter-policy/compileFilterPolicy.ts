import { describeValue } from '../errors/SealbusError.js';
import { InvalidParameterError } from '../errors/sns.js';
import type { FilterPolicyScope } from '../types/attributes.js';
import { filterPolicyError, isPlainObject } from './filterPolicyError.js';
import { MATCH_OPERATORS, parseMatcher } from './parseMatcher.js';
import type {
  CompiledFilterPolicy,
  FilterCondition,
  FilterConjunction,
  FilterMatcher,
} from './types.js';

/** The documented SNS filter-policy limits. */
export const FILTER_POLICY_LIMITS = {
  /** Keys per policy; for `MessageBody` only top-level keys count, per `$or` alternative. */
  maxKeys: 5,
  /** Product of the value counts (times key depth for `MessageBody`), summed over `$or` branches. */
  maxCombinations: 150,
  /** UTF-8 size of the policy JSON. */
  maxPolicyBytes: 256 * 1024,
} as const;

const SCOPES: readonly FilterPolicyScope[] = ['MessageAttributes', 'MessageBody'];
const OR_KEY = '$or';
const OPERATOR_KEYS: ReadonlySet<string> = new Set(MATCH_OPERATORS);

/** A validated policy object before the `$or` expansion. */
interface PolicyNode {
  readonly entries: readonly PolicyEntry[];
}

type PolicyEntry =
  | { readonly kind: 'values'; readonly key: string; readonly matchers: readonly FilterMatcher[] }
  | { readonly kind: 'nested'; readonly key: string; readonly node: PolicyNode }
  | { readonly kind: 'or'; readonly branches: readonly PolicyNode[] };

/**
 * Validates an SNS subscription filter policy and compiles it for {@link matchesFilterPolicy}.
 * Accepts the policy object or its JSON text.
 *
 * @throws InvalidParameterError (field `FilterPolicy`) for malformed JSON, unknown operators,
 *   bad operands, nesting under `MessageAttributes`, more than 5 keys, more than 150
 *   combinations or a policy over 256 KB; (field `FilterPolicyScope`) for an unknown scope.
 */
export function compileFilterPolicy(
  policy: object | string,
  scope: FilterPolicyScope = 'MessageAttributes',
): CompiledFilterPolicy {
  if (!SCOPES.includes(scope)) {
    throw new InvalidParameterError(
      `Invalid parameter: FilterPolicyScope: ${describeValue(scope)} is not one of ${SCOPES.join(', ')}`,
      { field: 'FilterPolicyScope' },
    );
  }
  const root = typeof policy === 'string' ? parsePolicyJson(policy) : policy;
  if (!isPlainObject(root)) {
    throw filterPolicyError(`the policy must be a JSON object, got ${describeValue(root)}`);
  }
  const tree = parseNode(root, [], 1, scope);
  let verbatim = root;
  if (typeof policy !== 'string') {
    // The tree walk has rejected every non-JSON value, so serialising is safe here; the copy
    // keeps the compiled policy independent of later changes to the caller's object.
    const json = JSON.stringify(root);
    checkSize(json);
    verbatim = JSON.parse(json) as Record<string, unknown>;
  }
  const combinations = countCombinations(tree, 1, scope);
  if (combinations > FILTER_POLICY_LIMITS.maxCombinations) {
    throw filterPolicyError(
      `filter policy is too complex: ${combinations} combinations, the limit is ${FILTER_POLICY_LIMITS.maxCombinations}; use fewer values per key or fewer $or branches`,
    );
  }
  const alternatives = expand(tree, []);
  for (const alternative of alternatives) checkKeyCount(alternative, scope);
  return {
    scope,
    policy: verbatim,
    alternatives,
    combinations,
  };
}

function parsePolicyJson(text: string): unknown {
  checkSize(text);
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw filterPolicyError(`the policy is not valid JSON (${reason})`);
  }
}

function checkSize(json: string): void {
  const bytes = new TextEncoder().encode(json).byteLength;
  if (bytes > FILTER_POLICY_LIMITS.maxPolicyBytes) {
    throw filterPolicyError(
      `the policy is ${bytes} bytes, the limit is ${FILTER_POLICY_LIMITS.maxPolicyBytes} bytes (256 KB)`,
    );
  }
}

/** `where` labels, e.g. `finding.region` or `$or[1].source`. */
function label(path: readonly string[]): string {
  return path.join('.');
}

function parseNode(
  object: Record<string, unknown>,
  where: readonly string[],
  depth: number,
  scope: FilterPolicyScope,
): PolicyNode {
  const entries: PolicyEntry[] = [];
  for (const [key, value] of Object.entries(object)) {
    const keyWhere = [...where, key];
    if (key === OR_KEY && isOrArray(value)) {
      const branches = value.map((branch, index) => {
        const branchWhere = [...where, `${OR_KEY}[${index}]`];
        if (Object.keys(branch).length === 0) {
          throw filterPolicyError(
            'an $or branch must contain at least one key',
            label(branchWhere),
          );
        }
        return parseNode(branch, branchWhere, depth, scope);
      });
      entries.push({ kind: 'or', branches });
    } else if (Array.isArray(value)) {
      if (value.length === 0) {
        throw filterPolicyError(
          'empty arrays are not allowed; list at least one value',
          label(keyWhere),
        );
      }
      const matchers = value.map((rule) => parseMatcher(rule, label(keyWhere)));
      entries.push({ kind: 'values', key, matchers });
    } else if (isPlainObject(value)) {
      entries.push({ kind: 'nested', key, node: parseNested(value, keyWhere, depth, scope) });
    } else {
      throw filterPolicyError(
        `the value of a key must be an array of match values${scope === 'MessageBody' ? ' or a nested object' : ''}, got ${describeValue(value)}`,
        label(keyWhere),
      );
    }
  }
  return { entries };
}

function parseNested(
  value: Record<string, unknown>,
  where: readonly string[],
  depth: number,
  scope: FilterPolicyScope,
): PolicyNode {
  if (scope === 'MessageAttributes') {
    throw filterPolicyError(
      'filter policy scope MessageAttributes does not support nested filter policy; use FilterPolicyScope MessageBody to filter on nested keys',
      label(where),
    );
  }
  if (Object.keys(value).length === 0) {
    throw filterPolicyError('a nested object must contain at least one key', label(where));
  }
  // Every key below this level adds at least its depth to the combinations, so a policy nested
  // deeper than the combination limit can never be valid; stopping here bounds the recursion.
  if (depth + 1 > FILTER_POLICY_LIMITS.maxCombinations) {
    throw filterPolicyError(
      `filter policy is too complex: nesting deeper than ${FILTER_POLICY_LIMITS.maxCombinations} levels exceeds the ${FILTER_POLICY_LIMITS.maxCombinations} combinations limit`,
      label(where),
    );
  }
  return parseNode(value, where, depth + 1, scope);
}

/**
 * SNS treats `$or` as the OR operator only for an array of at least two objects none of whose
 * keys is a match operator; anything else is an ordinary key named `$or`.
 */
function isOrArray(value: unknown): value is Record<string, unknown>[] {
  return (
    Array.isArray(value) &&
    value.length >= 2 &&
    value.every(
      (branch) =>
        isPlainObject(branch) && Object.keys(branch).every((key) => !OPERATOR_KEYS.has(key)),
    )
  );
}

/**
 * The SNS complexity: values multiply across keys (AND), `$or` branches add up, and for
 * `MessageBody` each key's value count is multiplied by the key's nesting depth.
 */
function countCombinations(node: PolicyNode, depth: number, scope: FilterPolicyScope): number {
  let product = 1;
  for (const entry of node.entries) {
    if (entry.kind === 'values') {
      product *= entry.matchers.length * (scope === 'MessageBody' ? depth : 1);
    } else if (entry.kind === 'nested') {
      product *= countCombinations(entry.node, depth + 1, scope);
    } else {
      product *= entry.branches.reduce(
        (sum, branch) => sum + countCombinations(branch, depth, scope),
        0,
      );
    }
  }
  return product;
}

/** Distributes `$or` over the AND of keys; the result is bounded by the combinations limit. */
function expand(node: PolicyNode, path: readonly string[]): FilterConjunction[] {
  let alternatives: FilterCondition[][] = [[]];
  for (const entry of node.entries) {
    let choices: FilterConjunction[];
    if (entry.kind === 'values') {
      choices = [[{ path: [...path, entry.key], matchers: entry.matchers }]];
    } else if (entry.kind === 'nested') {
      choices = expand(entry.node, [...path, entry.key]);
    } else {
      choices = entry.branches.flatMap((branch) => expand(branch, path));
    }
    alternatives = alternatives.flatMap((alternative) =>
      choices.map((choice) => [...alternative, ...choice]),
    );
  }
  return alternatives;
}

function checkKeyCount(alternative: FilterConjunction, scope: FilterPolicyScope): void {
  const keys = new Set(alternative.map((condition) => condition.path[0]));
  if (keys.size > FILTER_POLICY_LIMITS.maxKeys) {
    const counted = scope === 'MessageBody' ? 'top-level keys' : 'keys';
    throw filterPolicyError(
      `filter policy can not have more than ${FILTER_POLICY_LIMITS.maxKeys} ${counted}, got ${keys.size} (${[...keys].join(', ')}); split the subscription or use fewer keys`,
    );
  }
}
