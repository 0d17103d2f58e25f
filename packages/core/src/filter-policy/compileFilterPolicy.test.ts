import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../errors/sns.js';
import type { FilterPolicyScope } from '../types/attributes.js';
import { compileFilterPolicy, FILTER_POLICY_LIMITS } from './compileFilterPolicy.js';

/** The InvalidParameterError a policy is rejected with. */
function rejection(policy: unknown, scope?: FilterPolicyScope): InvalidParameterError {
  try {
    compileFilterPolicy(policy as object, scope);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidParameterError);
    return error as InvalidParameterError;
  }
  throw new Error(`expected ${JSON.stringify(policy)} to be rejected`);
}

function values(count: number, prefix = 'v'): string[] {
  return Array.from({ length: count }, (_, index) => `${prefix}${index}`);
}

describe('compileFilterPolicy: accepted policies', () => {
  it('accepts the policy object or its JSON text and keeps it verbatim', () => {
    const policy = { store: ['example_corp'], price_usd: [{ numeric: ['>=', 100] }] };
    const fromObject = compileFilterPolicy(policy);
    const fromText = compileFilterPolicy(JSON.stringify(policy), 'MessageBody');
    expect(fromObject.scope).toBe('MessageAttributes');
    expect(fromObject.policy).toEqual(policy);
    expect(fromObject.policy).not.toBe(policy);
    expect(fromText.scope).toBe('MessageBody');
    expect(fromText.policy).toEqual(policy);
  });

  it('counts combinations as the SNS docs do: 3 x 1 x 2 = 6', () => {
    const policy = { key_a: values(3), key_b: values(1), key_c: values(2) };
    expect(compileFilterPolicy(policy).combinations).toBe(6);
  });

  it('multiplies by key depth for nested body policies: 3 x 4 x 2 x 3 = 72', () => {
    const policy = {
      key_a: { key_b: { key_c: values(4) } },
      key_d: { key_e: values(3) },
    };
    expect(compileFilterPolicy(policy, 'MessageBody').combinations).toBe(72);
  });

  it('adds up $or branches: source && (metricName || namespace) is 1 x (2 + 2)', () => {
    const policy = {
      source: ['aws.cloudwatch'],
      $or: [
        { metricName: ['CPUUtilization', 'ReadLatency'] },
        { namespace: ['AWS/EC2', 'AWS/ES'] },
      ],
    };
    const compiled = compileFilterPolicy(policy);
    expect(compiled.combinations).toBe(4);
    expect(compiled.alternatives).toHaveLength(2);
  });

  it('treats "$or" as a plain key when it is not an array of at least two keyword-free objects', () => {
    expect(compileFilterPolicy({ $or: ['a', 'b'] }).alternatives[0]![0]!.path).toEqual(['$or']);
    // A single object is no $or: it becomes a match expression with the unknown operator "a".
    expect(rejection({ $or: [{ a: ['x'] }] }, 'MessageBody').message).toContain(
      'unrecognized match type "a"',
    );
    const keywords = rejection({ $or: [{ numeric: 123 }, { prefix: 'abc' }] });
    expect(keywords.message).toContain('at "$or"');
  });

  it('accepts an empty policy, which filters nothing', () => {
    expect(compileFilterPolicy({}).alternatives).toEqual([[]]);
    expect(compileFilterPolicy('{}', 'MessageBody').combinations).toBe(1);
  });
});

describe('compileFilterPolicy: limits just inside and just outside', () => {
  it('5 keys pass, 6 keys fail', () => {
    const five = Object.fromEntries(values(5, 'k').map((key) => [key, ['x']]));
    expect(compileFilterPolicy(five).alternatives[0]).toHaveLength(5);
    const error = rejection({ ...five, k5: ['x'] });
    expect(error.message).toContain('more than 5 keys, got 6');
  });

  it('counts only top-level keys of a body policy (SNS docs example)', () => {
    const policy = {
      state: ['SUCCESS'],
      severity: [{ exists: true }],
      message: [{ exists: true }],
      finding: {
        standard_control: [{ exists: true }],
        region: [{ exists: true }],
        account: [{ exists: true }],
      },
    };
    expect(compileFilterPolicy(policy, 'MessageBody').alternatives[0]).toHaveLength(6);
    const six = { ...policy, a: [1], b: [2] };
    expect(rejection(six, 'MessageBody').message).toContain('more than 5 top-level keys, got 6');
  });

  it('counts keys per $or alternative', () => {
    const policy = {
      a: ['x'],
      b: ['x'],
      c: ['x'],
      $or: [
        { d: ['x'], e: ['x'] },
        { f: ['x'], g: ['x'] },
      ],
    };
    expect(compileFilterPolicy(policy).alternatives).toHaveLength(2);
    const tooMany = {
      ...policy,
      $or: [
        { d: ['x'], e: ['x'] },
        { f: ['x'], g: ['x'], h: ['x'] },
      ],
    };
    expect(rejection(tooMany).message).toContain('got 6 (a, b, c, f, g, h)');
  });

  it('150 combinations pass, 151 fail', () => {
    expect(compileFilterPolicy({ a: values(10), b: values(15) }).combinations).toBe(150);
    expect(compileFilterPolicy({ a: values(150) }).combinations).toBe(150);
    expect(rejection({ a: values(151) }).message).toContain('151 combinations, the limit is 150');
    const or150 = { $or: [{ a: values(75) }, { b: values(75) }] };
    expect(compileFilterPolicy(or150).combinations).toBe(150);
    expect(rejection({ $or: [{ a: values(75) }, { b: values(76) }] }).message).toContain(
      '151 combinations',
    );
  });

  it('the depth factor applies to body policies only', () => {
    const nested = { a: { b: values(75) } };
    expect(compileFilterPolicy(nested, 'MessageBody').combinations).toBe(150);
    expect(rejection({ a: { b: values(76) } }, 'MessageBody').message).toContain(
      '152 combinations',
    );
  });

  it('policies up to 256 KB pass, one byte more fails', () => {
    const overhead = JSON.stringify({ a: [''] }).length;
    const exact = JSON.stringify({
      a: ['x'.repeat(FILTER_POLICY_LIMITS.maxPolicyBytes - overhead)],
    });
    expect(exact.length).toBe(262_144);
    expect(compileFilterPolicy(exact).combinations).toBe(1);
    const over = JSON.stringify({
      a: ['x'.repeat(FILTER_POLICY_LIMITS.maxPolicyBytes - overhead + 1)],
    });
    expect(rejection(over).message).toContain('262145 bytes, the limit is 262144 bytes');
    expect(rejection(JSON.parse(over)).message).toContain('262145 bytes');
  });

  it('counts the size in UTF-8 bytes', () => {
    const overhead = JSON.stringify({ a: [''] }).length;
    // "é" is two bytes in UTF-8: half as many characters reach the same limit.
    const half = (FILTER_POLICY_LIMITS.maxPolicyBytes - overhead) / 2;
    expect(compileFilterPolicy({ a: ['é'.repeat(Math.floor(half))] }).combinations).toBe(1);
    expect(rejection({ a: ['é'.repeat(Math.floor(half) + 1)] }).message).toContain('bytes');
  });

  it('numbers from -1e9 to 1e9 pass, beyond fails', () => {
    expect(compileFilterPolicy({ p: [{ numeric: ['>=', -1e9, '<=', 1e9] }] }).combinations).toBe(1);
    expect(compileFilterPolicy({ p: [1e9, -1e9] }).combinations).toBe(2);
    expect(rejection({ p: [{ numeric: ['<', 1_000_000_001] }] }).message).toContain(
      'numeric < value 1000000001 is outside the supported range',
    );
    expect(rejection({ p: [-1_000_000_000.5] }).message).toContain('outside the supported range');
    expect(rejection({ p: [{ 'anything-but': [2e9] }] }).message).toContain('anything-but');
  });

  it('rejects nesting deeper than the combination limit allows without exhausting the stack', () => {
    let deep: Record<string, unknown> = { leaf: ['x'] };
    for (let level = 0; level < 10_000; level++) deep = { n: deep };
    expect(rejection(deep, 'MessageBody').message).toContain('nesting deeper than 150 levels');
    const text = `${'{"n":'.repeat(10_000)}{"leaf":["x"]}${'}'.repeat(10_000)}`;
    expect(rejection(text, 'MessageBody').message).toContain('too complex');
  });
});

describe('compileFilterPolicy: malformed policies name the problem and the place', () => {
  const cases: Array<[string, unknown, string, FilterPolicyScope?]> = [
    ['invalid JSON', '{"a": [', 'the policy is not valid JSON'],
    ['a JSON array', '[1, 2]', 'the policy must be a JSON object, got [1,2]'],
    ['a JSON string', '"text"', 'the policy must be a JSON object'],
    [
      'an empty value list',
      { a: [] },
      'empty arrays are not allowed; list at least one value at "a"',
    ],
    [
      'a bare value',
      { a: 'x' },
      'the value of a key must be an array of match values, got "x" at "a"',
    ],
    [
      'nesting in attribute scope',
      { a: { b: ['x'] } },
      'does not support nested filter policy; use FilterPolicyScope MessageBody to filter on nested keys at "a"',
    ],
    [
      'an empty nested object',
      { a: {} },
      'a nested object must contain at least one key at "a"',
      'MessageBody',
    ],
    [
      'an unknown operator',
      { a: [{ contains: 'x' }] },
      'unrecognized match type "contains"; use one of prefix',
    ],
    [
      'two operators in one object',
      { a: [{ prefix: 'x', suffix: 'y' }] },
      'exactly one operator, got 2',
    ],
    ['a nested array as value', { a: [['x']] }, 'unsupported match value ["x"]'],
    [
      'a non-string prefix',
      { a: [{ prefix: 1 }] },
      'prefix match pattern must be a string, got 1 at "a"',
    ],
    ['a non-string suffix', { a: [{ suffix: null }] }, 'suffix match pattern must be a string'],
    [
      'a non-string equals-ignore-case',
      { a: [{ 'equals-ignore-case': 5 }] },
      'equals-ignore-case match pattern must be a string',
    ],
    [
      'a non-boolean exists',
      { a: [{ exists: 'yes' }] },
      'exists match pattern must be either true or false, got "yes"',
    ],
    [
      'an empty anything-but list',
      { a: [{ 'anything-but': [] }] },
      'anything-but list must not be empty',
    ],
    [
      'a boolean in anything-but',
      { a: [{ 'anything-but': [true] }] },
      'anything-but values must be strings or numbers, got true',
    ],
    [
      'anything-but contains',
      { a: [{ 'anything-but': { contains: 'x' } }] },
      'unsupported anything-but pattern {"contains":"x"}',
    ],
    [
      'a numeric anything-but prefix',
      { a: [{ 'anything-but': { prefix: 1 } }] },
      'anything-but prefix match pattern must be a string',
    ],
    [
      'numeric not an array',
      { a: [{ numeric: 5 }] },
      'numeric match must be an array of 2 or 4 elements, got 5',
    ],
    [
      'numeric with 3 elements',
      { a: [{ numeric: ['>', 1, '<'] }] },
      'numeric match must be an array of 2 or 4 elements',
    ],
    [
      'an unknown numeric operator',
      { a: [{ numeric: ['!=', 1] }] },
      'unrecognized numeric expression ["!=",1]',
    ],
    [
      'a string numeric operand',
      { a: [{ numeric: ['>', '1'] }] },
      'numeric > needs a finite number, got "1"',
    ],
    [
      'a range with bottom >= top',
      { a: [{ numeric: ['>', 10, '<', 10] }] },
      'numeric range bottom 10 must be less than top 10',
    ],
    [
      'a range in the wrong order',
      { a: [{ numeric: ['<', 10, '>', 0] }] },
      'unrecognized numeric expression',
    ],
    ['an equals range', { a: [{ numeric: ['=', 1, '<', 5] }] }, 'unrecognized numeric expression'],
    [
      'an empty $or branch',
      { $or: [{}, { a: ['x'] }] },
      'an $or branch must contain at least one key at "$or[0]"',
    ],
    [
      'a bad value inside $or',
      { $or: [{ a: ['x'] }, { b: [] }] },
      'empty arrays are not allowed; list at least one value at "$or[1].b"',
    ],
    ['a bad nested body value', { a: { b: [{ numeric: ['>', 'x'] }] } }, 'at "a.b"', 'MessageBody'],
  ];

  it.each(cases)('rejects %s', (_name, policy, message, scope) => {
    const error = rejection(policy, scope);
    expect(error.code).toBe('InvalidParameter');
    expect(error.field).toBe('FilterPolicy');
    expect(error.message.startsWith('Invalid parameter: FilterPolicy: ')).toBe(true);
    expect(error.message).toContain(message);
  });

  it('rejects values that are not JSON in a policy object', () => {
    expect(rejection({ a: [undefined] }).message).toContain('unsupported match value undefined');
    expect(rejection({ a: [Number.NaN] }).message).toContain('needs a finite number, got NaN');
    expect(rejection({ a: [new Date(0)] }).message).toContain('unsupported match value');
    expect(rejection({ a: () => 1 }).message).toContain('the value of a key must be an array');
    expect(rejection(new Map()).message).toContain('the policy must be a JSON object');
  });

  it('rejects an unknown scope on the FilterPolicyScope field', () => {
    const error = rejection({ a: ['x'] }, 'Body' as FilterPolicyScope);
    expect(error.field).toBe('FilterPolicyScope');
    expect(error.message).toBe(
      'Invalid parameter: FilterPolicyScope: "Body" is not one of MessageAttributes, MessageBody',
    );
  });
});
