import { afterAll, describe, expect, it, vi } from 'vitest';
import { isAllowed, type MatchMeter, parseKeyPolicy } from '../src/index.js';
import { backends, closeBackends } from './helpers.js';

// Counts compilations: every IamWildcard built anywhere in the KMS goes through this subclass.
const compiled = vi.hoisted(() => ({ count: 0 }));
vi.mock('../src/IamWildcard.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/IamWildcard.js')>();
  class CountedWildcard extends original.IamWildcard {
    constructor(...args: ConstructorParameters<typeof original.IamWildcard>) {
      super(...args);
      compiled.count++;
    }
  }
  return { ...original, IamWildcard: CountedWildcard };
});

const context = { 'aws:sqs:arn': 'arn:aws:sqs:us-east-1:000000000000:orders' };

function policy(...statements: object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/**
 * A Deny whose Resource has 50 stars and a literal the key ARN lacks. The old `.*`-per-star
 * regex backtracked through every way of placing the stars: 1.8 s for the first 6 stars of this
 * shape, 17 s for 7, each further star multiplying it; this check would never have finished.
 */
const pathological = policy(
  { Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' },
  {
    Effect: 'Deny',
    Principal: '*',
    Action: 'kms:*',
    Resource: `arn:${'*?'.repeat(25)}${'*'.repeat(25)}NOT-THIS-KEY`,
  },
);

afterAll(closeBackends);

describe.each(backends)('$name storage: key-policy matching', ({ create }) => {
  it('answers DescribeKey and GenerateDataKey under a 50-wildcard policy within a bounded budget', async () => {
    const kms = create();
    const { keyId, arn } = await kms.createKey({ policy: pathological });
    await expect(kms.describeKey(keyId, 'anyone')).resolves.toMatchObject({ arn });
    await expect(kms.generateDataKey({ keyId, context })).resolves.toBeDefined();
    // The same check, counted: the 50-star pattern stays within (ARN length + 1) x (pattern
    // length + 1) comparisons; the 64 cover the other statement's short patterns.
    const meter: MatchMeter = { steps: 0 };
    expect(isAllowed(parseKeyPolicy(pathological), 'anyone', 'kms:DescribeKey', arn, meter)).toBe(
      true,
    );
    const pattern = (JSON.parse(pathological) as { Statement: { Resource: string }[] })
      .Statement[1]!.Resource;
    expect(meter.steps).toBeLessThanOrEqual((arn.length + 1) * (pattern.length + 1) + 64);
  });

  it('compiles a key policy once per policy document, not once per check', async () => {
    const kms = create();
    const first = policy(
      // kms:PutKeyPolicy too: every key operation, policy changes included, checks the policy.
      {
        Effect: 'Allow',
        Principal: '*',
        Action: ['kms:Describe*', 'kms:GenerateDataKey*', 'kms:PutKeyPolicy'],
      },
      { Effect: 'Deny', Principal: { AWS: 'someone' }, Action: 'kms:*', Resource: 'arn:*' },
    );
    const before = compiled.count;
    const { keyId } = await kms.createKey({ policy: first });
    const perVersion = compiled.count - before;
    expect(perVersion).toBe(6);
    for (let i = 0; i < 20; i++) {
      await kms.describeKey(keyId, `principal-${i}`);
      await kms.generateDataKey({ keyId, context, principal: `principal-${i}` });
    }
    expect(compiled.count - before).toBe(perVersion);
    await kms.putKeyPolicy(keyId, policy({ Effect: 'Allow', Principal: '*', Action: 'kms:*' }));
    const afterPut = compiled.count;
    for (let i = 0; i < 20; i++) await kms.describeKey(keyId, `principal-${i}`);
    // The new version compiles its two patterns (Action and the implied Resource "*") once.
    expect(afterPut - before).toBe(perVersion + 2);
    expect(compiled.count).toBe(afterPut);
  });
});
