import { describeValue, KmsMalformedPolicyDocumentError } from '@sealbus/core';
import { IamWildcard, type MatchMeter } from './IamWildcard.js';

/** One statement of a key policy, normalised to lists. */
export interface PolicyStatement {
  readonly effect: 'Allow' | 'Deny';
  /** `*` matches every principal; any other value only itself (IAM has no partial principal wildcards). */
  readonly principals: readonly string[];
  /** Action patterns such as `kms:*`, `kms:Decrypt`, `kms:ReEncrypt*`. */
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  /** `actions` and `resources` compiled when the policy is parsed, so checks never recompile. */
  readonly compiled: {
    readonly actions: readonly IamWildcard[];
    readonly resources: readonly IamWildcard[];
  };
}

export const POLICY_MAX_LENGTH = 32_768;

/** The policy of a key created without one: every principal may do everything (local development). */
export const DEFAULT_KEY_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Id: 'key-default-1',
  Statement: [
    {
      Sid: 'Allow all principals (sealbus local default)',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: 'kms:*',
      Resource: '*',
    },
  ],
});

const VERSIONS = new Set(['2012-10-17', '2008-10-17']);
const STATEMENT_KEYS = new Set(['Sid', 'Effect', 'Principal', 'Action', 'Resource']);

/**
 * Parses an IAM-style key policy. Only what this KMS can evaluate is accepted: `Condition`,
 * `NotAction`, `NotPrincipal` and `NotResource` are rejected rather than silently ignored,
 * because ignoring them would grant more than the author meant.
 */
export function parseKeyPolicy(policy: string): PolicyStatement[] {
  if (typeof policy !== 'string' || policy.length === 0 || policy.length > POLICY_MAX_LENGTH) {
    throw malformed(
      `policy must be a JSON string of 1-${POLICY_MAX_LENGTH} characters, got ${describeValue(policy)}.`,
    );
  }
  let document: unknown;
  try {
    document = JSON.parse(policy);
  } catch {
    throw malformed('policy is not valid JSON; pass a JSON policy document.');
  }
  if (!isObject(document)) throw malformed('policy must be a JSON object with a "Statement" list.');
  if (document['Version'] !== undefined && !VERSIONS.has(document['Version'] as string)) {
    throw malformed(
      `policy Version ${describeValue(document['Version'])} is not "2012-10-17" or "2008-10-17".`,
    );
  }
  const raw = document['Statement'];
  const statements = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  if (statements.length === 0) throw malformed('policy has no Statement; add at least one.');
  return statements.map((statement, index) => parseStatement(statement, index));
}

function parseStatement(statement: unknown, index: number): PolicyStatement {
  const where = `policy Statement[${index}]`;
  if (!isObject(statement)) throw malformed(`${where} must be an object.`);
  for (const key of Object.keys(statement)) {
    if (!STATEMENT_KEYS.has(key)) {
      throw malformed(
        `${where} uses "${key}", which local KMS does not evaluate; use only Sid, Effect, Principal, Action and Resource.`,
      );
    }
  }
  const effect = statement['Effect'];
  if (effect !== 'Allow' && effect !== 'Deny') {
    throw malformed(`${where}.Effect must be "Allow" or "Deny", got ${describeValue(effect)}.`);
  }
  const actions = stringList(statement['Action'], `${where}.Action`);
  const resources = stringList(statement['Resource'] ?? '*', `${where}.Resource`);
  return {
    effect,
    principals: parsePrincipal(statement['Principal'], where),
    actions,
    resources,
    compiled: {
      actions: actions.map((a) => new IamWildcard(a, { ignoreCase: true })),
      resources: resources.map((r) => new IamWildcard(r, { ignoreCase: false })),
    },
  };
}

function parsePrincipal(principal: unknown, where: string): string[] {
  if (principal === '*') return ['*'];
  if (!isObject(principal) || principal['AWS'] === undefined) {
    throw malformed(
      `${where}.Principal must be "*" or {"AWS": "*" | arn | [arns]}, got ${describeValue(principal)}.`,
    );
  }
  const principals = stringList(principal['AWS'], `${where}.Principal.AWS`);
  // IAM refuses a wildcard inside a principal ("*" alone means everyone): accepting one would
  // silently match nobody, or everybody if it were treated as a pattern.
  const partial = principals.find((p) => p !== '*' && /[*?]/.test(p));
  if (partial !== undefined) {
    throw malformed(
      `${where}.Principal.AWS ${describeValue(partial)} has a wildcard inside it; IAM allows only "*" alone (every principal) or whole ARNs.`,
    );
  }
  return principals;
}

function stringList(value: unknown, where: string): string[] {
  const list = typeof value === 'string' ? [value] : value;
  if (
    !Array.isArray(list) ||
    list.length === 0 ||
    !list.every((v) => typeof v === 'string' && v.length > 0)
  ) {
    throw malformed(
      `${where} must be a non-empty string or list of strings, got ${describeValue(value)}.`,
    );
  }
  return list as string[];
}

/**
 * IAM evaluation: an explicit Deny wins, otherwise some Allow must match; no match denies.
 * Actions and resources match with `*`/`?` wildcards as `IamWildcard` describes; `meter`
 * counts the comparisons (tests bound the work of a check with it).
 */
export function isAllowed(
  statements: readonly PolicyStatement[],
  principal: string,
  action: string,
  resourceArn: string,
  meter?: MatchMeter,
): boolean {
  let allowed = false;
  for (const statement of statements) {
    const applies =
      statement.principals.some((p) => p === '*' || p === principal) &&
      statement.compiled.actions.some((pattern) => pattern.matches(action, meter)) &&
      statement.compiled.resources.some((pattern) => pattern.matches(resourceArn, meter));
    if (!applies) continue;
    if (statement.effect === 'Deny') return false;
    allowed = true;
  }
  return allowed;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function malformed(message: string): KmsMalformedPolicyDocumentError {
  return new KmsMalformedPolicyDocumentError(message, { field: 'Policy' });
}
