import { KmsAccessDeniedError, KmsMalformedPolicyDocumentError } from '@sealbus/core';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_KEY_POLICY, type LocalKms } from '../src/index.js';
import { backends, closeBackends } from './helpers.js';

const context = { 'aws:sns:topicArn': 'arn:aws:sns:us-east-1:000000000000:Patient-Records' };
const producer = 'arn:aws:iam::000000000000:role/producer';
const billing = 'arn:aws:iam::000000000000:role/billing';
const scheduling = 'arn:aws:iam::000000000000:role/scheduling';

function policy(...statements: object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

afterAll(closeBackends);

describe.each(backends)('$name storage', ({ create }) => {
  describe('key policies', () => {
    let kms: LocalKms;
    beforeEach(() => {
      kms = create();
    });

    it('gives new keys a policy that lets every principal do everything', async () => {
      const { keyId } = await kms.createKey();
      expect(await kms.getKeyPolicy(keyId)).toBe(DEFAULT_KEY_POLICY);
      await expect(
        kms.generateDataKey({ keyId, context, principal: 'anyone' }),
      ).resolves.toBeDefined();
    });

    it('denies Decrypt to one principal while others decrypt; the error names principal, action and key', async () => {
      const { keyId, arn } = await kms.createKey({
        policy: policy(
          { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:*', Resource: '*' },
          { Effect: 'Deny', Principal: { AWS: scheduling }, Action: 'kms:Decrypt', Resource: '*' },
        ),
      });
      const { ciphertextBlob } = await kms.generateDataKey({ keyId, context, principal: producer });
      await expect(
        kms.decrypt({ ciphertextBlob, context, principal: billing }),
      ).resolves.toBeDefined();
      const error = await kms
        .decrypt({ ciphertextBlob, context, principal: scheduling })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KmsAccessDeniedError);
      expect((error as Error).message).toContain(scheduling);
      expect((error as Error).message).toContain('kms:Decrypt');
      expect((error as Error).message).toContain(arn);
      await expect(
        kms.generateDataKey({ keyId, context, principal: scheduling }),
      ).resolves.toBeDefined();
    });

    it('allows only listed principals and actions; the account root is the default principal', async () => {
      const { keyId } = await kms.createKey();
      await kms.putKeyPolicy(
        keyId,
        policy(
          {
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::000000000000:root' },
            Action: 'kms:*',
            Resource: '*',
          },
          {
            Effect: 'Allow',
            Principal: { AWS: [producer] },
            Action: ['kms:GenerateDataKey*', 'kms:DescribeKey'],
          },
          { Effect: 'Allow', Principal: { AWS: billing }, Action: 'kms:decrypt', Resource: '*' },
        ),
      );
      const { ciphertextBlob } = await kms.generateDataKey({ keyId, context, principal: producer });
      await expect(
        kms.generateDataKeyWithoutPlaintext({ keyId, context, principal: producer }),
      ).resolves.toBeDefined();
      await expect(kms.describeKey(keyId, producer)).resolves.toBeDefined();
      await expect(
        kms.decrypt({ ciphertextBlob, context, principal: producer }),
      ).rejects.toBeInstanceOf(KmsAccessDeniedError);
      await expect(
        kms.decrypt({ ciphertextBlob, context, principal: billing }),
      ).resolves.toBeDefined();
      await expect(kms.describeKey(keyId, billing)).rejects.toThrow(/kms:DescribeKey/);
      await expect(kms.generateDataKey({ keyId, context, principal: billing })).rejects.toThrow(
        /kms:GenerateDataKey/,
      );
      await expect(
        kms.encrypt({ keyId, plaintext: new Uint8Array([1]), context, principal: producer }),
      ).rejects.toThrow(/kms:Encrypt/);
      await expect(kms.decrypt({ ciphertextBlob, context })).resolves.toBeDefined();
    });

    it('needs ReEncryptFrom on the source and ReEncryptTo on the destination', async () => {
      const source = await kms.createKey({
        policy: policy(
          { Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' },
          {
            Effect: 'Deny',
            Principal: { AWS: billing },
            Action: 'kms:ReEncryptFrom',
            Resource: '*',
          },
        ),
      });
      const destination = await kms.createKey({
        policy: policy(
          { Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' },
          { Effect: 'Deny', Principal: { AWS: producer }, Action: 'kms:ReEncrypt*', Resource: '*' },
        ),
      });
      const { ciphertextBlob } = await kms.generateDataKey({ keyId: source.keyId, context });
      const request = {
        ciphertextBlob,
        sourceContext: context,
        destinationKeyId: destination.keyId,
      };
      await expect(kms.reEncrypt({ ...request, principal: billing })).rejects.toThrow(
        /kms:ReEncryptFrom/,
      );
      await expect(kms.reEncrypt({ ...request, principal: producer })).rejects.toThrow(
        /kms:ReEncryptTo/,
      );
      await expect(kms.reEncrypt({ ...request, principal: scheduling })).resolves.toBeDefined();
    });

    it('scopes statements to the key ARN in Resource', async () => {
      const other = await kms.createKey();
      // The account keeps kms:PutKeyPolicy on every key, or the key would be locked (as in KMS).
      const keepAdmin = {
        Effect: 'Allow',
        Principal: '*',
        Action: 'kms:PutKeyPolicy',
        Resource: '*',
      };
      const { keyId, arn } = await kms.createKey({
        policy: policy(keepAdmin, {
          Effect: 'Allow',
          Principal: '*',
          Action: 'kms:*',
          Resource: other.arn,
        }),
      });
      await expect(kms.describeKey(keyId)).rejects.toBeInstanceOf(KmsAccessDeniedError);
      await kms.putKeyPolicy(
        keyId,
        policy({ Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: arn }),
      );
      await expect(kms.describeKey(keyId)).resolves.toBeDefined();
    });

    it('enforces the key policy on management calls too, and locks out what it does not allow', async () => {
      const { keyId, arn } = await kms.createKey({
        policy: policy({
          Effect: 'Allow',
          Principal: { AWS: 'admin' },
          Action: 'kms:*',
          Resource: '*',
        }),
      });
      for (const call of [
        () => kms.disableKey(keyId, 'intruder'),
        () => kms.scheduleKeyDeletion(keyId, 7, 'intruder'),
        () => kms.updateKeyDescription(keyId, 'mine now', 'intruder'),
        () => kms.tagResource(keyId, { owner: 'intruder' }, 'intruder'),
        () =>
          kms.createGrant({
            keyId,
            granteePrincipal: 'intruder',
            operations: ['Decrypt'],
            principal: 'intruder',
          }),
        () => kms.getKeyPolicy(keyId, 'intruder'),
      ]) {
        await expect(call()).rejects.toMatchObject({
          code: 'KMS.AccessDeniedException',
          message: expect.stringContaining(`User: intruder is not authorized to perform: kms:`),
        });
      }
      await kms.disableKey(keyId, 'admin');
      expect((await kms.describeKey(keyId, 'admin')).keyState).toBe('Disabled');
      const denied = await kms.auditLog({ keyArn: arn, operation: 'DisableKey' });
      expect(denied.map((e) => [e.principal, e.result])).toEqual([
        ['intruder', 'error'],
        ['admin', 'ok'],
      ]);
    });

    it('rejects malformed policies and keeps the old one', async () => {
      const { keyId } = await kms.createKey();
      for (const bad of [
        'not json',
        '[]',
        '{}',
        policy({ Effect: 'Maybe', Principal: '*', Action: 'kms:*' }),
        policy({ Effect: 'Allow', Action: 'kms:*' }),
        policy({ Effect: 'Allow', Principal: '*', Action: [] }),
        policy({ Effect: 'Allow', Principal: '*', Action: 'kms:*', Condition: {} }),
        JSON.stringify({ Version: '2020-01-01', Statement: [] }),
        'x'.repeat(32_769),
      ]) {
        await expect(kms.putKeyPolicy(keyId, bad), bad.slice(0, 40)).rejects.toBeInstanceOf(
          KmsMalformedPolicyDocumentError,
        );
      }
      await expect(kms.createKey({ policy: '{' })).rejects.toMatchObject({ field: 'Policy' });
      expect(await kms.getKeyPolicy(keyId)).toBe(DEFAULT_KEY_POLICY);
    });

    it('authorizeKeyUse checks an action as the key policy decides, without using the key, and audits the check', async () => {
      const { keyId, arn } = await kms.createKey({
        policy: policy(
          { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:*', Resource: '*' },
          { Effect: 'Deny', Principal: { AWS: scheduling }, Action: 'kms:Decrypt', Resource: '*' },
        ),
      });
      await kms.authorizeKeyUse({ keyId, action: 'kms:Decrypt', principal: billing });
      const error = await kms
        .authorizeKeyUse({
          keyId,
          action: 'kms:Decrypt',
          principal: scheduling,
          onBehalfOf: 'session:abc',
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KmsAccessDeniedError);
      expect((error as Error).message).toContain(scheduling);
      // Only Decrypt is denied: the same principal may still use the key otherwise.
      await kms.authorizeKeyUse({ keyId, action: 'kms:Encrypt', principal: scheduling });
      const checks = await kms.auditLog({ keyArn: arn, operation: 'AuthorizeKeyUse' });
      expect(checks.map((entry) => [entry.principal, entry.result, entry.onBehalfOf])).toEqual([
        [billing, 'ok', undefined],
        [scheduling, 'error', 'session:abc'],
        [scheduling, 'ok', undefined],
      ]);
    });
  });
});
