import { KmsMalformedPolicyDocumentError } from '@sealbus/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_KEY_POLICY, isAllowed, parseKeyPolicy } from './keyPolicy.js';

const arn = 'arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab';

describe('key policy', () => {
  it('allows everything under the default policy', () => {
    const statements = parseKeyPolicy(DEFAULT_KEY_POLICY);
    expect(isAllowed(statements, 'anyone', 'kms:Decrypt', arn)).toBe(true);
  });

  it('lets an explicit Deny win over any Allow, and denies when nothing matches', () => {
    const statements = parseKeyPolicy(
      JSON.stringify({
        Statement: [
          { Effect: 'Deny', Principal: { AWS: ['a', 'b'] }, Action: 'kms:Decrypt', Resource: '*' },
          {
            Effect: 'Allow',
            Principal: '*',
            Action: ['kms:Decrypt', 'kms:Describe*'],
            Resource: '*',
          },
        ],
      }),
    );
    expect(isAllowed(statements, 'a', 'kms:Decrypt', arn)).toBe(false);
    expect(isAllowed(statements, 'c', 'kms:Decrypt', arn)).toBe(true);
    expect(isAllowed(statements, 'a', 'kms:DescribeKey', arn)).toBe(true);
    expect(isAllowed(statements, 'c', 'kms:Encrypt', arn)).toBe(false);
  });

  it('matches actions case-insensitively with wildcards, but not partially', () => {
    const statements = parseKeyPolicy(
      JSON.stringify({
        Statement: { Effect: 'Allow', Principal: '*', Action: 'KMS:ReEncrypt?o*' },
      }),
    );
    expect(isAllowed(statements, 'p', 'kms:ReEncryptFrom', arn)).toBe(false);
    expect(isAllowed(statements, 'p', 'kms:ReEncryptTo', arn)).toBe(true);
    const exact = parseKeyPolicy(
      JSON.stringify({ Statement: { Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt' } }),
    );
    expect(isAllowed(exact, 'p', 'kms:DecryptX', arn)).toBe(false);
  });

  it('treats regex characters in patterns literally', () => {
    const statements = parseKeyPolicy(
      JSON.stringify({
        Statement: {
          Effect: 'Allow',
          Principal: '*',
          Action: 'kms:*',
          Resource: 'arn:aws:kms:(.*)',
        },
      }),
    );
    expect(isAllowed(statements, 'p', 'kms:Decrypt', arn)).toBe(false);
  });

  // IAM user guide, Principal element: "*" alone means every principal; a wildcard inside a
  // principal ARN is refused rather than matched.
  it('refuses a wildcard inside a principal ARN, naming the value', () => {
    for (const bad of ['arn:aws:iam::000000000000:role/*', 'arn:aws:iam::000000000000:user/b?b']) {
      expect(() =>
        parseKeyPolicy(
          JSON.stringify({
            Statement: { Effect: 'Allow', Principal: { AWS: ['*', bad] }, Action: 'kms:*' },
          }),
        ),
      ).toThrow(
        new RegExp(`Principal\\.AWS "${bad.replace(/[*?]/g, '\\$&')}" has a wildcard inside it`),
      );
    }
  });

  it('either parses or throws KmsMalformedPolicyDocumentError for any input', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify({ Statement: v })),
        ),
        (text) => {
          try {
            parseKeyPolicy(text);
          } catch (error) {
            expect(error).toBeInstanceOf(KmsMalformedPolicyDocumentError);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
