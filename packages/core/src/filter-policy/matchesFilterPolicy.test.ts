import { describe, expect, it } from 'vitest';
import type { MessageAttributes } from '../types/messages.js';
import { compileFilterPolicy } from './compileFilterPolicy.js';
import { matchesFilterPolicy } from './matchesFilterPolicy.js';

type AttributeSpec = Record<string, [type: string, value: string]>;

function attributes(spec: AttributeSpec): MessageAttributes {
  return Object.fromEntries(
    Object.entries(spec).map(([name, [dataType, stringValue]]) => [
      name,
      { dataType, stringValue },
    ]),
  );
}

/** Evaluates one policy on message attributes. */
function onAttributes(policy: object, spec: AttributeSpec): boolean {
  return matchesFilterPolicy(compileFilterPolicy(policy), { messageAttributes: attributes(spec) });
}

/** Evaluates one policy on a JSON message body. */
function onBody(policy: object, body: unknown): boolean {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return matchesFilterPolicy(compileFilterPolicy(policy, 'MessageBody'), { body: text });
}

describe('matchesFilterPolicy: attribute string matching (SNS docs)', () => {
  it('exact matching: "customer_interests": ["rugby", "tennis"]', () => {
    const policy = { customer_interests: ['rugby', 'tennis'] };
    expect(onAttributes(policy, { customer_interests: ['String', 'rugby'] })).toBe(true);
    expect(onAttributes(policy, { customer_interests: ['String', 'tennis'] })).toBe(true);
    expect(onAttributes(policy, { customer_interests: ['String', 'Rugby'] })).toBe(false);
    expect(onAttributes(policy, { customer_interests: ['String', 'baseball'] })).toBe(false);
  });

  it('String.Array matches when any element matches', () => {
    const policy = { customer_interests: ['rugby'] };
    const array = ['String.Array', '["soccer", "rugby", "hockey"]'] as [string, string];
    expect(onAttributes(policy, { customer_interests: array })).toBe(true);
    expect(
      onAttributes(policy, { customer_interests: ['String.Array', '["soccer", "hockey"]'] }),
    ).toBe(false);
    expect(onAttributes(policy, { customer_interests: ['String.Array', 'not json'] })).toBe(false);
  });

  it('prefix: "customer_interests": [{"prefix": "bas"}]', () => {
    const policy = { customer_interests: [{ prefix: 'bas' }] };
    expect(onAttributes(policy, { customer_interests: ['String', 'baseball'] })).toBe(true);
    expect(onAttributes(policy, { customer_interests: ['String', 'basketball'] })).toBe(true);
    expect(onAttributes(policy, { customer_interests: ['String', 'rugby'] })).toBe(false);
  });

  it('suffix: "customer_interests": [{"suffix": "ball"}]', () => {
    const policy = { customer_interests: [{ suffix: 'ball' }] };
    expect(onAttributes(policy, { customer_interests: ['String', 'baseball'] })).toBe(true);
    expect(onAttributes(policy, { customer_interests: ['String', 'basketball'] })).toBe(true);
    expect(onAttributes(policy, { customer_interests: ['String', 'rugby'] })).toBe(false);
  });

  it('equals-ignore-case: "customer_interests": [{"equals-ignore-case": "tennis"}]', () => {
    const policy = { customer_interests: [{ 'equals-ignore-case': 'tennis' }] };
    expect(onAttributes(policy, { customer_interests: ['String', 'TENNIS'] })).toBe(true);
    expect(onAttributes(policy, { customer_interests: ['String', 'Tennis'] })).toBe(true);
    expect(onAttributes(policy, { customer_interests: ['String', 'tennis court'] })).toBe(false);
  });

  it('anything-but with a list: "customer_interests": [{"anything-but": ["rugby", "tennis"]}]', () => {
    const policy = { customer_interests: [{ 'anything-but': ['rugby', 'tennis'] }] };
    expect(onAttributes(policy, { customer_interests: ['String', 'baseball'] })).toBe(true);
    expect(
      onAttributes(policy, { customer_interests: ['String.Array', '["rugby", "baseball"]'] }),
    ).toBe(true);
    expect(onAttributes(policy, { customer_interests: ['String', 'rugby'] })).toBe(false);
    expect(
      onAttributes(policy, { customer_interests: ['String.Array', '["rugby", "tennis"]'] }),
    ).toBe(false);
    expect(onAttributes(policy, {})).toBe(false);
  });

  it('anything-but with a single value and with a prefix or suffix', () => {
    expect(
      onAttributes(
        { event: [{ 'anything-but': 'order_cancelled' }] },
        { event: ['String', 'order_placed'] },
      ),
    ).toBe(true);
    expect(
      onAttributes(
        { event: [{ 'anything-but': 'order_cancelled' }] },
        { event: ['String', 'order_cancelled'] },
      ),
    ).toBe(false);
    const notPrefix = { event: [{ 'anything-but': { prefix: 'order-' } }] };
    expect(onAttributes(notPrefix, { event: ['String', 'data-entry'] })).toBe(true);
    expect(onAttributes(notPrefix, { event: ['String', 'order-cancelled'] })).toBe(false);
    const notSuffix = { event: [{ 'anything-but': { suffix: '-cancelled' } }] };
    expect(onAttributes(notSuffix, { event: ['String', 'order-placed'] })).toBe(true);
    expect(onAttributes(notSuffix, { event: ['String', 'order-cancelled'] })).toBe(false);
  });

  it('key matching: "store": [{"exists": true}] and [{"exists": false}]', () => {
    const present = { store: [{ exists: true }] };
    const absent = { store: [{ exists: false }] };
    expect(onAttributes(present, { store: ['String', 'example_corp'] })).toBe(true);
    expect(onAttributes(present, { event: ['String', 'order_placed'] })).toBe(false);
    expect(onAttributes(absent, { event: ['String', 'order_placed'] })).toBe(true);
    expect(onAttributes(absent, { store: ['String', 'example_corp'] })).toBe(false);
  });

  it('a value list ORs exists:false with values: missing or "rugby"', () => {
    const policy = { sport: ['rugby', { exists: false }] };
    expect(onAttributes(policy, {})).toBe(true);
    expect(onAttributes(policy, { sport: ['String', 'rugby'] })).toBe(true);
    expect(onAttributes(policy, { sport: ['String', 'golf'] })).toBe(false);
  });

  it('a missing key fails every operator but exists:false', () => {
    for (const rule of ['x', 5, { prefix: 'a' }, { 'anything-but': 'x' }, { numeric: ['>', 0] }]) {
      expect(onAttributes({ key: [rule] }, {})).toBe(false);
    }
  });

  it('Binary attributes take no part in filtering', () => {
    const binary: MessageAttributes = {
      blob: { dataType: 'Binary', binaryValue: new Uint8Array([1]) },
    };
    const match = (policy: object) =>
      matchesFilterPolicy(compileFilterPolicy(policy), { messageAttributes: binary });
    expect(match({ blob: [{ exists: true }] })).toBe(false);
    expect(match({ blob: [{ exists: false }] })).toBe(true);
    expect(match({ blob: [{ 'anything-but': 'x' }] })).toBe(false);
  });
});

describe('matchesFilterPolicy: numeric matching (SNS docs)', () => {
  it('exact: "price_usd": [{"numeric": ["=", 301.5]}] matches 301.5 and 3.015e2', () => {
    const policy = { price_usd: [{ numeric: ['=', 301.5] }] };
    expect(onAttributes(policy, { price_usd: ['Number', '301.5'] })).toBe(true);
    expect(onAttributes(policy, { price_usd: ['Number', '3.015e2'] })).toBe(true);
    expect(onAttributes(policy, { price_usd: ['Number', '301.6'] })).toBe(false);
    expect(onBody(policy, '{"price_usd": 3.015e2}')).toBe(true);
  });

  it('an exact number value compares numerically: 300 matches 3e2 and 300.0', () => {
    const policy = { price: [300] };
    expect(onAttributes(policy, { price: ['Number', '3e2'] })).toBe(true);
    expect(onAttributes(policy, { price: ['Number', '300.0'] })).toBe(true);
    expect(onAttributes(policy, { price: ['Number', '301'] })).toBe(false);
    expect(onAttributes(policy, { price: ['String', '300'] })).toBe(false);
    expect(onBody(policy, '{"price": 300.0}')).toBe(true);
    expect(onBody(policy, { price: '300' })).toBe(false);
  });

  it('anything-but: "price": [{"anything-but": [100, 500]}]', () => {
    const policy = { price: [{ 'anything-but': [100, 500] }] };
    expect(onAttributes(policy, { price: ['Number', '101'] })).toBe(true);
    expect(onAttributes(policy, { price: ['Number', '100.1'] })).toBe(true);
    expect(onAttributes(policy, { price: ['Number.Array', '[100, 50]'] })).toBe(true);
    expect(onAttributes(policy, { price: ['Number', '100'] })).toBe(false);
    expect(onBody(policy, { price: [100, 50] })).toBe(true);
    expect(onBody(policy, { price: 100 })).toBe(false);
  });

  it('value ranges: ["<", 0] and [">", 0, "<=", 150]', () => {
    const negative = { price_usd: [{ numeric: ['<', 0] }] };
    expect(onAttributes(negative, { price_usd: ['Number', '-0.5'] })).toBe(true);
    expect(onAttributes(negative, { price_usd: ['Number', '0'] })).toBe(false);
    const range = { price_usd: [{ numeric: ['>', 0, '<=', 150] }] };
    expect(onAttributes(range, { price_usd: ['Number', '150'] })).toBe(true);
    expect(onAttributes(range, { price_usd: ['Number', '0.00001'] })).toBe(true);
    expect(onAttributes(range, { price_usd: ['Number', '0'] })).toBe(false);
    expect(onAttributes(range, { price_usd: ['Number', '150.00001'] })).toBe(false);
    expect(onAttributes(range, { price_usd: ['String', '100'] })).toBe(false);
  });

  it('compares with five digits of accuracy after the decimal point', () => {
    const policy = { price: [{ numeric: ['=', 1.00001] }] };
    expect(onAttributes(policy, { price: ['Number', '1.000014'] })).toBe(true);
    expect(onAttributes(policy, { price: ['Number', '1.00002'] })).toBe(false);
  });

  it('Number attributes with a custom type suffix still compare numerically', () => {
    expect(
      onAttributes({ price: [{ numeric: ['>=', 10] }] }, { price: ['Number.float', '10'] }),
    ).toBe(true);
  });
});

describe('matchesFilterPolicy: AND/OR logic and $or (SNS docs)', () => {
  it('AND across keys: rugby and price_usd > 100', () => {
    const policy = { customer_interests: ['rugby'], price_usd: [{ numeric: ['>', 100] }] };
    expect(
      onAttributes(policy, {
        customer_interests: ['String', 'rugby'],
        price_usd: ['Number', '101'],
      }),
    ).toBe(true);
    expect(
      onAttributes(policy, {
        customer_interests: ['String', 'rugby'],
        price_usd: ['Number', '100'],
      }),
    ).toBe(false);
    expect(onAttributes(policy, { customer_interests: ['String', 'rugby'] })).toBe(false);
  });

  it('$or at the top level: source and (metricName or namespace)', () => {
    const policy = {
      source: ['aws.cloudwatch'],
      $or: [
        { metricName: ['CPUUtilization', 'ReadLatency'] },
        { namespace: ['AWS/EC2', 'AWS/ES'] },
      ],
    };
    expect(
      onAttributes(policy, {
        source: ['String', 'aws.cloudwatch'],
        metricName: ['String', 'ReadLatency'],
      }),
    ).toBe(true);
    expect(
      onAttributes(policy, {
        source: ['String', 'aws.cloudwatch'],
        namespace: ['String', 'AWS/ES'],
      }),
    ).toBe(true);
    expect(
      onAttributes(policy, {
        source: ['String', 'aws.cloudwatch'],
        namespace: ['String', 'AWS/S3'],
      }),
    ).toBe(false);
    expect(
      onAttributes(policy, { source: ['String', 'aws.s3'], metricName: ['String', 'ReadLatency'] }),
    ).toBe(false);
  });

  it('nested $or inside an $or branch', () => {
    const policy = {
      source: ['aws.cloudwatch'],
      $or: [
        { metricName: ['CPUUtilization'] },
        { $or: [{ metricType: ['MetricType'] }, { namespace: ['AWS/EC2'] }] },
      ],
    };
    expect(
      onAttributes(policy, {
        source: ['String', 'aws.cloudwatch'],
        namespace: ['String', 'AWS/EC2'],
      }),
    ).toBe(true);
    expect(
      onAttributes(policy, {
        source: ['String', 'aws.cloudwatch'],
        metricType: ['String', 'MetricType'],
      }),
    ).toBe(true);
    expect(onAttributes(policy, { source: ['String', 'aws.cloudwatch'] })).toBe(false);
  });

  it('"$or" with fewer than two objects is an ordinary attribute name', () => {
    const policy = { $or: ['a', 'b'] };
    expect(onAttributes(policy, { $or: ['String', 'b'] })).toBe(true);
    expect(onAttributes(policy, { a: ['String', 'a'] })).toBe(false);
  });

  it('an empty policy matches every message', () => {
    expect(onAttributes({}, {})).toBe(true);
    expect(onBody({}, 'not json')).toBe(true);
  });
});

describe('matchesFilterPolicy: payload-based filtering (MessageBody scope)', () => {
  const transaction = {
    customer_interests: ['soccer', 'rugby', 'hockey'],
    store: 'example_corp',
    event: 'order_placed',
    price_usd: 210.75,
  };

  it('matches the documented transaction body', () => {
    const policy = {
      store: ['example_corp'],
      event: [{ 'anything-but': 'order_cancelled' }],
      customer_interests: ['rugby', 'football', 'baseball'],
      price_usd: [{ numeric: ['>=', 100] }],
    };
    expect(onBody(policy, transaction)).toBe(true);
    expect(onBody(policy, { ...transaction, event: 'order_cancelled' })).toBe(false);
    expect(onBody(policy, { ...transaction, price_usd: 99.99 })).toBe(false);
  });

  it('nested keys map to nested objects, arrays fan out to their elements', () => {
    const policy = {
      customer: { address: { city: ['Seattle'] } },
      items: { sku: [{ prefix: 'A-' }] },
    };
    const body = {
      customer: { address: { city: 'Seattle' } },
      items: [{ sku: 'B-1' }, { sku: 'A-2' }],
    };
    expect(onBody(policy, body)).toBe(true);
    expect(onBody(policy, { ...body, customer: { address: { city: 'Portland' } } })).toBe(false);
    expect(onBody(policy, { ...body, items: [{ sku: 'B-1' }] })).toBe(false);
  });

  it('$or inside a nested key', () => {
    const policy = {
      order: { $or: [{ status: ['paid'] }, { total: [{ numeric: ['>', 1000] }] }] },
    };
    expect(onBody(policy, { order: { status: 'paid', total: 5 } })).toBe(true);
    expect(onBody(policy, { order: { status: 'open', total: 5000 } })).toBe(true);
    expect(onBody(policy, { order: { status: 'open', total: 5 } })).toBe(false);
  });

  it('exists on nested keys, null and booleans as exact values', () => {
    expect(onBody({ a: { b: [{ exists: true }] } }, { a: { b: 0 } })).toBe(true);
    expect(onBody({ a: { b: [{ exists: false }] } }, { a: { c: 1 } })).toBe(true);
    expect(onBody({ a: { b: [{ exists: true }] } }, { a: { b: { c: 1 } } })).toBe(false);
    expect(onBody({ flag: [true] }, { flag: true })).toBe(true);
    expect(onBody({ flag: [true] }, { flag: 'true' })).toBe(false);
    expect(onBody({ gone: [null] }, { gone: null })).toBe(true);
    expect(onBody({ gone: [null] }, {})).toBe(false);
  });

  it('exists looks at leaves only: a key holding an object or an empty array is absent', () => {
    expect(onBody({ a: [{ exists: false }] }, { a: { b: 1 } })).toBe(true);
    expect(onBody({ a: [{ exists: true }] }, { a: [] })).toBe(false);
    expect(onBody({ a: [{ exists: true }] }, { a: [[1]] })).toBe(true);
  });

  it('looks up own keys only, never the prototype chain', () => {
    expect(onBody({ constructor: [{ exists: true }] }, {})).toBe(false);
    expect(onAttributes({ toString: [{ exists: true }] }, {})).toBe(false);
    expect(onBody(JSON.parse('{"__proto__": ["x"]}'), '{"__proto__": "x"}')).toBe(true);
  });

  it('String.Array elements keep their JSON types', () => {
    const array = ['String.Array', '["a", 7, true, null, {"x": 1}]'] as [string, string];
    expect(onAttributes({ k: [{ numeric: ['=', 7] }] }, { k: array })).toBe(true);
    expect(onAttributes({ k: ['7'] }, { k: array })).toBe(false);
    expect(onAttributes({ k: [true] }, { k: array })).toBe(true);
    expect(onAttributes({ k: [{ exists: true }] }, { k: ['String.Array', '[]'] })).toBe(true);
    expect(onAttributes({ k: ['x'] }, { k: ['String.Array', '[]'] })).toBe(false);
  });

  it('a body that is not a JSON object never matches', () => {
    const policy = { store: [{ exists: false }] };
    expect(onBody(policy, 'plain text')).toBe(false);
    expect(onBody(policy, '[1, 2]')).toBe(false);
    expect(matchesFilterPolicy(compileFilterPolicy(policy, 'MessageBody'), {})).toBe(false);
  });
});
