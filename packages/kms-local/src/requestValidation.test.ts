import { isSealbusError } from '@sealbus/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateUserAliasName } from './keyReference.js';
import { validateKeyKind, validateTags } from './requestValidation.js';

/** Either the validator accepts, or it throws a KMS error with one of `codes` naming `field`. */
function acceptsOrRefuses(call: () => unknown, codes: string[], field: string): void {
  try {
    call();
  } catch (error) {
    expect(isSealbusError(error)).toBe(true);
    if (!isSealbusError(error)) return;
    expect(codes).toContain(error.code);
    expect(error.field).toBe(field);
  }
}

describe('request validators', () => {
  it('alias names: accepted exactly when AWS accepts them, otherwise a typed KMS error', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string().map((s) => `alias/${s}`),
        ),
        (name) => {
          let accepted = true;
          acceptsOrRefuses(
            () => {
              try {
                validateUserAliasName(name);
              } catch (error) {
                accepted = false;
                throw error;
              }
            },
            ['KMS.ValidationException', 'KMS.NotAuthorizedException'],
            'AliasName',
          );
          const valid =
            /^alias\/[a-zA-Z0-9/_-]+$/.test(name) &&
            name.length <= 256 &&
            !name.startsWith('alias/aws/');
          expect(accepted).toBe(valid);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('tags: any map either passes whole or fails with TagException/ValidationException', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.string()), (tags) => {
        acceptsOrRefuses(() => validateTags(tags), ['KMS.TagException'], 'Tags');
      }),
      { numRuns: 300 },
    );
  });

  it('key kinds: every spec/usage pair resolves to a supported pair or a ValidationException', () => {
    const specs = ['SYMMETRIC_DEFAULT', 'RSA_2048', 'ECC_NIST_P384', 'HMAC_512', 'SM2', undefined];
    const usages = [
      'ENCRYPT_DECRYPT',
      'SIGN_VERIFY',
      'GENERATE_VERIFY_MAC',
      'KEY_AGREEMENT',
      undefined,
    ];
    fc.assert(
      fc.property(fc.constantFrom(...specs), fc.constantFrom(...usages), (keySpec, keyUsage) => {
        try {
          const kind = validateKeyKind(keyUsage, keySpec);
          expect(kind.keySpec).toBe(keySpec ?? 'SYMMETRIC_DEFAULT');
        } catch (error) {
          expect(isSealbusError(error) && error.code).toBe('KMS.ValidationException');
        }
      }),
    );
  });
});
