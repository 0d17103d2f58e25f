import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kmsAliasArn, kmsKeyArn } from '../arn/arn.js';
import { InvalidParameterValueError } from '../errors/sqs.js';
import { parseKmsKeyId, tryParseKmsKeyId, validateKmsKeyId } from './kmsKeyId.js';

const KEY = '1234abcd-12ab-34cd-56ef-1234567890ab';
const MRK = 'mrk-1234abcd12ab34cd56ef1234567890ab';
const aliasChar = fc.constantFrom(
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/_-'.split(''),
);
const aliasName = fc
  .string({ unit: aliasChar, minLength: 1, maxLength: 250 })
  .map((name) => `alias/${name}`);

describe('parseKmsKeyId', () => {
  it('recognises the four forms', () => {
    expect(parseKmsKeyId(KEY)).toEqual({ kind: 'keyId', keyId: KEY });
    expect(parseKmsKeyId(MRK)).toEqual({ kind: 'keyId', keyId: MRK });
    expect(parseKmsKeyId(`arn:aws:kms:eu-west-1:111122223333:key/${KEY}`)).toEqual({
      kind: 'keyArn',
      keyId: KEY,
      partition: 'aws',
      region: 'eu-west-1',
      accountId: '111122223333',
    });
    expect(parseKmsKeyId('alias/aws/sqs')).toEqual({
      kind: 'aliasName',
      aliasName: 'alias/aws/sqs',
    });
    expect(parseKmsKeyId('arn:aws:kms:us-east-1:000000000000:alias/app/key_1')).toEqual({
      kind: 'aliasArn',
      aliasName: 'alias/app/key_1',
      partition: 'aws',
      region: 'us-east-1',
      accountId: '000000000000',
    });
  });

  it('accepts alias names of 256 characters and rejects 257', () => {
    expect(() => validateKmsKeyId(`alias/${'a'.repeat(250)}`)).not.toThrow();
    expect(() => validateKmsKeyId(`alias/${'a'.repeat(251)}`)).toThrow(InvalidParameterValueError);
  });

  it('rejects malformed ids naming the field, the forms and the value', () => {
    for (const bad of [
      '',
      'alias/',
      'alias/has space',
      KEY.toUpperCase(),
      `${KEY}0`,
      'mrk-123',
      `arn:aws:kms:us-east-1:123:key/${KEY}`,
      'arn:aws:kms:us-east-1:000000000000:key/not-a-key',
      `arn:aws:sqs:us-east-1:000000000000:key/${KEY}`,
      'arn:aws:kms:us-east-1:000000000000:alias/',
    ]) {
      expect(() => validateKmsKeyId(bad, 'KmsMasterKeyId')).toThrow(
        expect.objectContaining({
          constructor: InvalidParameterValueError,
          field: 'KmsMasterKeyId',
          message: expect.stringMatching(/^KmsMasterKeyId must be a key id .*; got ".*"$/),
        }),
      );
    }
  });

  it('round-trips generated key and alias ARNs', () => {
    fc.assert(
      fc.property(
        fc.uuid({ version: 4 }),
        aliasName,
        fc.stringMatching(/^\d{12}$/),
        (id, alias, account) => {
          expect(parseKmsKeyId(kmsKeyArn(id, { accountId: account }))).toMatchObject({
            kind: 'keyArn',
            keyId: id,
            accountId: account,
          });
          expect(parseKmsKeyId(kmsAliasArn(alias, { accountId: account }))).toMatchObject({
            kind: 'aliasArn',
            aliasName: alias,
          });
          expect(parseKmsKeyId(alias)).toEqual({ kind: 'aliasName', aliasName: alias });
        },
      ),
    );
  });

  it('never throws anything but InvalidParameterValue on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string(), (input) => {
        const parsed = tryParseKmsKeyId(input);
        if (parsed === undefined)
          expect(() => parseKmsKeyId(input)).toThrow(InvalidParameterValueError);
        else expect(parseKmsKeyId(input)).toEqual(parsed);
      }),
    );
  });
});
