import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { type LocalKms, MAX_TAGS } from '../src/index.js';
import { backends, closeBackends, utf8 } from './helpers.js';

afterAll(closeBackends);

/** Only `admin` is in the key policy; everyone else needs a grant. */
const adminOnly = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: 'admin' }, Action: 'kms:*', Resource: '*' }],
});
const context = { tenant: 'clinic-7' };

describe.each(backends)('$name storage', ({ create }) => {
  let kms: LocalKms;
  let keyId: string;
  let arn: string;
  beforeEach(async () => {
    kms = create();
    ({ keyId, arn } = await kms.createKey({ policy: adminOnly, principal: 'admin' }));
  });

  describe('grants', () => {
    it('grant tokens are standard base64, so none starts with "-" and reads as a CLI option', async () => {
      for (let i = 0; i < 16; i++) {
        const { grantToken } = await kms.createGrant({
          keyId,
          granteePrincipal: 'worker',
          operations: ['Decrypt'],
          principal: 'admin',
        });
        // base64url tokens of this length hold '-' or '_' in about 87 % of draws.
        expect(grantToken).toMatch(/^[A-Za-z0-9+/]{64}$/);
      }
    });

    it('a grantee can, a non-grantee cannot, and a retired grant stops working', async () => {
      const { ciphertextBlob } = await kms.encrypt({
        keyId,
        plaintext: utf8('x'),
        context,
        principal: 'admin',
      });
      await expect(
        kms.decrypt({ ciphertextBlob, context, principal: 'worker' }),
      ).rejects.toMatchObject({
        code: 'KMS.AccessDeniedException',
      });
      const { grantId, grantToken } = await kms.createGrant({
        keyId,
        granteePrincipal: 'worker',
        retiringPrincipal: 'ops',
        operations: ['Decrypt', 'GenerateDataKey'],
        name: 'worker-decrypt',
        principal: 'admin',
      });
      expect(grantId).toMatch(/^[0-9a-f]{64}$/);
      // Grant tokens (KMS developer guide, "Using a grant token") are accepted on operations.
      await expect(
        kms.decrypt({ ciphertextBlob, context, principal: 'worker', grantTokens: [grantToken] }),
      ).resolves.toMatchObject({ keyArn: arn });
      await kms.generateDataKey({ keyId, context, principal: 'worker' });
      await expect(
        kms.encrypt({ keyId, plaintext: utf8('y'), principal: 'worker' }),
      ).rejects.toMatchObject({
        code: 'KMS.AccessDeniedException',
      });
      await expect(
        kms.decrypt({ ciphertextBlob, context, principal: 'other' }),
      ).rejects.toMatchObject({
        code: 'KMS.AccessDeniedException',
      });
      await expect(kms.retireGrant({ keyId, grantId, principal: 'worker' })).rejects.toMatchObject({
        code: 'KMS.AccessDeniedException',
      });
      expect(
        (await kms.listRetirableGrants({ retiringPrincipal: 'ops' })).grants.map((g) => g.grantId),
      ).toEqual([grantId]);
      await kms.retireGrant({ grantToken, principal: 'ops' });
      await expect(
        kms.decrypt({ ciphertextBlob, context, principal: 'worker' }),
      ).rejects.toMatchObject({
        code: 'KMS.AccessDeniedException',
      });
      // The token of a retired grant names no grant any more.
      await expect(
        kms
          .describeKey(keyId, 'admin')
          .then(() =>
            kms.decrypt({ ciphertextBlob, context, principal: 'admin', grantTokens: [grantToken] }),
          ),
      ).rejects.toMatchObject({ code: 'KMS.InvalidGrantTokenException' });
      const audit = await kms.auditLog({ keyArn: arn, operation: 'RetireGrant' });
      expect(audit.map((e) => [e.principal, e.result])).toEqual([
        ['worker', 'error'],
        ['ops', 'ok'],
      ]);
    });

    it('lists, filters, pages and revokes grants; constraints bind the encryption context', async () => {
      const first = await kms.createGrant({
        keyId,
        granteePrincipal: 'reader',
        operations: ['Decrypt'],
        constraints: { encryptionContextSubset: context },
        principal: 'admin',
      });
      const second = await kms.createGrant({
        keyId,
        granteePrincipal: 'other',
        operations: ['DescribeKey'],
        principal: 'admin',
      });
      const all = await kms.listGrants({ keyId, principal: 'admin' });
      expect(all.grants).toHaveLength(2);
      expect(all.grants.find((g) => g.grantId === first.grantId)).toMatchObject({
        keyId: arn,
        granteePrincipal: 'reader',
        issuingAccount: 'arn:aws:iam::000000000000:root',
        operations: ['Decrypt'],
        constraints: { encryptionContextSubset: context },
      });
      const page = await kms.listGrants({ keyId, limit: 1, principal: 'admin' });
      expect(page.truncated).toBe(true);
      const next = await kms.listGrants({
        keyId,
        limit: 1,
        marker: page.nextMarker!,
        principal: 'admin',
      });
      expect([page.grants[0]?.grantId, next.grants[0]?.grantId].sort()).toEqual(
        [first.grantId, second.grantId].sort(),
      );
      expect(
        (await kms.listGrants({ keyId, granteePrincipal: 'other', principal: 'admin' })).grants,
      ).toHaveLength(1);

      const { ciphertextBlob } = await kms.encrypt({
        keyId,
        plaintext: utf8('x'),
        context: { ...context, extra: '1' },
        principal: 'admin',
      });
      await kms.decrypt({
        ciphertextBlob,
        context: { ...context, extra: '1' },
        principal: 'reader',
      });
      const other = await kms.encrypt({
        keyId,
        plaintext: utf8('x'),
        context: { tenant: 'clinic-8' },
        principal: 'admin',
      });
      await expect(
        kms.decrypt({
          ciphertextBlob: other.ciphertextBlob,
          context: { tenant: 'clinic-8' },
          principal: 'reader',
        }),
      ).rejects.toMatchObject({ code: 'KMS.AccessDeniedException' });

      await expect(kms.revokeGrant(keyId, first.grantId, 'reader')).rejects.toMatchObject({
        code: 'KMS.AccessDeniedException',
      });
      await kms.revokeGrant(keyId, first.grantId, 'admin');
      await expect(
        kms.decrypt({ ciphertextBlob, context: { ...context, extra: '1' }, principal: 'reader' }),
      ).rejects.toMatchObject({
        code: 'KMS.AccessDeniedException',
      });
      await expect(kms.revokeGrant(keyId, first.grantId, 'admin')).rejects.toMatchObject({
        code: 'KMS.NotFoundException',
      });
      await expect(kms.revokeGrant(keyId, 'not-a-grant', 'admin')).rejects.toMatchObject({
        code: 'KMS.InvalidGrantIdException',
      });
    });

    it('lets a grantee with CreateGrant pass on only the operations its own grants allow', async () => {
      await kms.createGrant({
        keyId,
        granteePrincipal: 'team-lead',
        operations: ['CreateGrant', 'Decrypt'],
        principal: 'admin',
      });
      await kms.createGrant({
        keyId,
        granteePrincipal: 'worker',
        operations: ['Decrypt'],
        principal: 'team-lead',
      });
      await expect(
        kms.createGrant({
          keyId,
          granteePrincipal: 'worker',
          operations: ['Encrypt'],
          principal: 'team-lead',
        }),
      ).rejects.toMatchObject({ code: 'KMS.AccessDeniedException' });
      await expect(
        kms.createGrant({
          keyId,
          granteePrincipal: 'worker',
          operations: ['Decrypt'],
          principal: 'worker',
        }),
      ).rejects.toMatchObject({ code: 'KMS.AccessDeniedException' });
    });

    it('validates grants as KMS does', async () => {
      const bad: [Parameters<LocalKms['createGrant']>[0], string][] = [
        [
          { keyId, granteePrincipal: 'w', operations: [], principal: 'admin' },
          'KMS.ValidationException',
        ],
        [
          { keyId, granteePrincipal: 'w', operations: ['Fly' as 'Decrypt'], principal: 'admin' },
          'KMS.ValidationException',
        ],
        [
          {
            keyId,
            granteePrincipal: 'w',
            operations: ['Decrypt'],
            name: 'bad name',
            principal: 'admin',
          },
          'KMS.ValidationException',
        ],
        [
          {
            keyId,
            granteePrincipal: 'w',
            operations: ['DescribeKey'],
            constraints: { encryptionContextEquals: { a: 'b' } },
            principal: 'admin',
          },
          'KMS.ValidationException',
        ],
      ];
      for (const [request, code] of bad)
        await expect(kms.createGrant(request)).rejects.toMatchObject({ code });
      await expect(
        kms.encrypt({
          keyId,
          plaintext: utf8('x'),
          principal: 'admin',
          grantTokens: ['forged'],
        }),
      ).rejects.toMatchObject({
        code: 'KMS.InvalidGrantTokenException',
        message: 'Invalid grant token',
      });
      await expect(kms.retireGrant({ principal: 'admin' })).rejects.toMatchObject({
        code: 'KMS.ValidationException',
      });
    });
  });

  describe('tags', () => {
    it('tags, untags and lists (TagResource, UntagResource, ListResourceTags) within KMS limits', async () => {
      await kms.tagResource(keyId, { team: 'emr', cost: 'c-1' }, 'admin');
      await kms.tagResource(keyId, { team: 'pharmacy' }, 'admin');
      expect(await kms.listResourceTags(keyId, 'admin')).toEqual({ team: 'pharmacy', cost: 'c-1' });
      await kms.untagResource(keyId, ['cost', 'absent'], 'admin');
      expect(await kms.listResourceTags(keyId, 'admin')).toEqual({ team: 'pharmacy' });
      // TagResource: the aws: prefix is reserved (TagException); at most 50 tags per key (LimitExceededException).
      await expect(kms.tagResource(keyId, { 'aws:cost': 'x' }, 'admin')).rejects.toMatchObject({
        code: 'KMS.TagException',
        message: 'Tags beginning with aws: are reserved.',
      });
      await expect(
        kms.tagResource(keyId, { ['k'.repeat(129)]: 'x' }, 'admin'),
      ).rejects.toMatchObject({ code: 'KMS.TagException' });
      await expect(kms.tagResource(keyId, { k: 'v'.repeat(257) }, 'admin')).rejects.toMatchObject({
        code: 'KMS.TagException',
      });
      const many = Object.fromEntries(Array.from({ length: MAX_TAGS }, (_, i) => [`t${i}`, 'v']));
      await expect(kms.tagResource(keyId, many, 'admin')).rejects.toMatchObject({
        code: 'KMS.LimitExceededException',
      });
      expect(await kms.listResourceTags(keyId, 'admin')).toEqual({ team: 'pharmacy' });
      await expect(kms.createKey({ tags: { ...many, extra: 'x' } })).rejects.toMatchObject({
        code: 'KMS.LimitExceededException',
      });
      await expect(kms.tagResource(keyId, { a: 'b' }, 'stranger')).rejects.toMatchObject({
        code: 'KMS.AccessDeniedException',
      });
    });
  });

  describe('descriptions, policies, rotations and random bytes', () => {
    it('updates descriptions, lists the one policy name, lists rotations and generates random bytes', async () => {
      await kms.updateKeyDescription(keyId, 'prescriptions', 'admin');
      expect((await kms.describeKey(keyId, 'admin')).description).toBe('prescriptions');
      await expect(
        kms.updateKeyDescription(keyId, 'x'.repeat(8193), 'admin'),
      ).rejects.toMatchObject({ code: 'KMS.ValidationException' });
      expect(await kms.listKeyPolicies(keyId, 'admin')).toEqual({ policyNames: ['default'] });

      expect(await kms.listKeyRotations(keyId, 'admin')).toEqual({ rotations: [] });
      await kms.rotateKey(keyId, 'admin');
      const { rotations } = await kms.listKeyRotations(keyId, 'admin');
      expect(rotations).toEqual([
        { keyId: arn, rotationDate: expect.any(Date), rotationType: 'ON_DEMAND' },
      ]);

      // GenerateRandom: NumberOfBytes 1-1024.
      expect(await kms.generateRandom(1)).toHaveLength(1);
      const a = await kms.generateRandom(1024);
      expect(a).toHaveLength(1024);
      expect(Buffer.from(a)).not.toEqual(Buffer.from(await kms.generateRandom(1024)));
      for (const bad of [0, 1025, 2.5]) {
        await expect(kms.generateRandom(bad)).rejects.toMatchObject({
          code: 'KMS.ValidationException',
        });
      }
    });
  });
});
