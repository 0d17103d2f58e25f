import {
  KmsInvalidArnError,
  KmsNotAuthorizedError,
  KmsNotFoundError,
  KmsValidationError,
} from '@sealbus/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseKeyReference, validateUserAliasName } from './keyReference.js';

const here = { region: 'us-east-1', accountId: '000000000000' };
const id = '1234abcd-12ab-34cd-56ef-1234567890ab';

describe('key references', () => {
  it('parses every KeyId form', () => {
    expect(parseKeyReference(here, id)).toEqual({ kind: 'key', keyId: id });
    expect(parseKeyReference(here, `arn:aws:kms:us-east-1:000000000000:key/${id}`)).toEqual({
      kind: 'key',
      keyId: id,
    });
    expect(parseKeyReference(here, 'alias/x/y')).toEqual({ kind: 'alias', aliasName: 'alias/x/y' });
    expect(parseKeyReference(here, 'arn:aws:kms:us-east-1:000000000000:alias/x')).toEqual({
      kind: 'alias',
      aliasName: 'alias/x',
    });
  });

  it('reports foreign ARNs as not found and malformed ARNs as invalid', () => {
    expect(() => parseKeyReference(here, `arn:aws:kms:us-west-2:000000000000:key/${id}`)).toThrow(
      KmsNotFoundError,
    );
    expect(() => parseKeyReference(here, 'arn:aws:kms:us-east-1')).toThrow(KmsInvalidArnError);
    expect(() => parseKeyReference(here, '')).toThrow(KmsNotFoundError);
    expect(() => parseKeyReference(here, 'arn:aws:kms:us-east-1:000000000000:key/x')).toThrow(
      KmsNotFoundError,
    );
  });

  it('throws only typed errors for arbitrary strings', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string().map((s) => `arn:aws:kms:${s}`),
        ),
        (input) => {
          try {
            parseKeyReference(here, input);
          } catch (error) {
            expect([KmsNotFoundError, KmsInvalidArnError].some((c) => error instanceof c)).toBe(
              true,
            );
          }
        },
      ),
    );
  });

  it('accepts user alias names and refuses reserved or malformed ones', () => {
    validateUserAliasName('alias/my_app-1/orders');
    for (const bad of ['alias/aws/sqs', 'alias/aws/']) {
      expect(() => validateUserAliasName(bad)).toThrow(KmsNotAuthorizedError);
    }
    for (const bad of ['my', 'alias/a b', 'alias/a:b']) {
      expect(() => validateUserAliasName(bad)).toThrow(KmsValidationError);
    }
  });
});
