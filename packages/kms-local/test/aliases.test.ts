import {
  KeyManager,
  KmsAccessDeniedError,
  KmsAlreadyExistsError,
  KmsInvalidArnError,
  KmsInvalidMarkerError,
  KmsNotFoundError,
} from '@sealbus/core';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_KEY_POLICY, type LocalKms } from '../src/index.js';
import { backends, closeBackends } from './helpers.js';

const context = { 'aws:sqs:arn': 'arn:aws:sqs:us-east-1:000000000000:orders' };

afterAll(closeBackends);

describe.each(backends)('$name storage', ({ create }) => {
  describe('aliases', () => {
    let kms: LocalKms;
    beforeEach(() => {
      kms = create({ region: 'eu-west-1', accountId: '123456789012' });
    });

    it('resolves a key by id, key ARN, alias name and alias ARN', async () => {
      const { keyId, arn } = await kms.createKey({ description: 'orders' });
      await kms.createAlias('alias/orders', keyId);
      expect(arn).toBe(`arn:aws:kms:eu-west-1:123456789012:key/${keyId}`);
      for (const ref of [
        keyId,
        arn,
        'alias/orders',
        'arn:aws:kms:eu-west-1:123456789012:alias/orders',
      ]) {
        expect((await kms.describeKey(ref)).keyId).toBe(keyId);
        expect((await kms.generateDataKey({ keyId: ref, context })).keyArn).toBe(arn);
      }
    });

    it('rejects key references of another region or account, malformed ARNs and unknown ids', async () => {
      const { keyId } = await kms.createKey();
      await expect(
        kms.describeKey(`arn:aws:kms:us-east-1:123456789012:key/${keyId}`),
      ).rejects.toBeInstanceOf(KmsNotFoundError);
      await expect(
        kms.describeKey(`arn:aws:kms:eu-west-1:999999999999:key/${keyId}`),
      ).rejects.toBeInstanceOf(KmsNotFoundError);
      await expect(
        kms.describeKey('arn:aws:sqs:eu-west-1:123456789012:queue'),
      ).rejects.toBeInstanceOf(KmsInvalidArnError);
      await expect(kms.describeKey('not-a-key')).rejects.toBeInstanceOf(KmsNotFoundError);
      await expect(kms.describeKey('00000000-0000-0000-0000-000000000000')).rejects.toThrow(
        /does not exist/,
      );
      await expect(kms.describeKey('alias/missing')).rejects.toThrow(/alias\/missing is not found/);
    });

    it('creates alias/aws/sqs and alias/aws/sns as AWS managed keys on first use, once', async () => {
      expect((await kms.listAliases()).aliases).toEqual([]);
      const sqs = await kms.describeKey('alias/aws/sqs');
      expect(sqs).toMatchObject({ keyManager: KeyManager.AWS, keyState: 'Enabled', enabled: true });
      expect((await kms.describeKey('alias/aws/sqs')).keyId).toBe(sqs.keyId);
      const sns = await kms.generateDataKey({ keyId: 'alias/aws/sns', context });
      expect(sns.keyArn).not.toBe(sqs.arn);
      expect((await kms.describeKey('alias/aws/sns')).keyManager).toBe(KeyManager.AWS);
      const names = (await kms.listAliases()).aliases.map((a) => a.aliasName);
      expect(names).toEqual(['alias/aws/sns', 'alias/aws/sqs']);
      expect((await kms.getKeyRotationStatus('alias/aws/sqs')).keyRotationEnabled).toBe(true);
      await expect(kms.describeKey('alias/aws/other')).rejects.toBeInstanceOf(KmsNotFoundError);
    });

    it('does not create AWS managed keys from management calls', async () => {
      await expect(kms.getKeyPolicy('alias/aws/sqs')).rejects.toBeInstanceOf(KmsNotFoundError);
      expect((await kms.listKeys()).keys).toEqual([]);
    });

    it('reserves alias/aws/* and refuses to manage AWS managed keys', async () => {
      const { keyId } = await kms.createKey();
      const managed = await kms.describeKey('alias/aws/sqs');
      // AWS answers NotAuthorizedException for the reserved alias/aws/ names.
      for (const call of [
        () => kms.createAlias('alias/aws/mine', keyId),
        () => kms.updateAlias('alias/aws/sqs', keyId),
        () => kms.deleteAlias('alias/aws/sqs'),
      ]) {
        await expect(call()).rejects.toMatchObject({
          code: 'KMS.NotAuthorizedException',
          field: 'AliasName',
        });
      }
      await expect(kms.createAlias('alias/to-managed', managed.keyId)).rejects.toBeInstanceOf(
        KmsAccessDeniedError,
      );
      for (const call of [
        () => kms.disableKey(managed.keyId),
        () => kms.scheduleKeyDeletion(managed.keyId),
        () => kms.rotateKey(managed.keyId),
        () => kms.putKeyPolicy(managed.keyId, DEFAULT_KEY_POLICY),
        () => kms.disableKeyRotation(managed.keyId),
      ]) {
        await expect(call()).rejects.toBeInstanceOf(KmsAccessDeniedError);
      }
      await expect(kms.disableKey('alias/aws/sqs')).rejects.toThrow(/AWS managed key/);
    });

    it('validates alias names', async () => {
      const { keyId } = await kms.createKey();
      // CreateAlias (KMS API reference): a name without the alias/ prefix is a
      // ValidationException with KMS's own text; other bad names fail the aliasName pattern.
      await expect(kms.createAlias('orders', keyId)).rejects.toMatchObject({
        code: 'KMS.ValidationException',
        message:
          'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html',
      });
      for (const name of ['alias/', 'alias/has space', 'alias/ü']) {
        await expect(kms.createAlias(name, keyId), name).rejects.toMatchObject({
          code: 'KMS.ValidationException',
          message: `1 validation error detected: Value '${name}' at 'aliasName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$`,
        });
      }
      await expect(kms.createAlias(`alias/${'a'.repeat(251)}`, keyId)).rejects.toThrow(
        "at 'aliasName' failed to satisfy constraint: Member must have length less than or equal to 256",
      );
      await kms.createAlias(`alias/${'a'.repeat(250)}`, keyId);
    });

    it('fails to create an existing alias, updates and deletes aliases', async () => {
      const a = await kms.createKey();
      const b = await kms.createKey();
      await kms.createAlias('alias/app', a.keyId);
      await expect(kms.createAlias('alias/app', b.keyId)).rejects.toBeInstanceOf(
        KmsAlreadyExistsError,
      );
      await kms.updateAlias('alias/app', b.arn);
      expect((await kms.describeKey('alias/app')).keyId).toBe(b.keyId);
      await expect(kms.updateAlias('alias/nope', b.keyId)).rejects.toBeInstanceOf(KmsNotFoundError);
      await kms.deleteAlias('alias/app');
      await expect(kms.deleteAlias('alias/app')).rejects.toBeInstanceOf(KmsNotFoundError);
      await expect(kms.describeKey('alias/app')).rejects.toBeInstanceOf(KmsNotFoundError);
    });

    it('lists aliases per key with pagination markers', async () => {
      const a = await kms.createKey();
      const b = await kms.createKey();
      for (const n of [1, 2, 3, 4, 5]) await kms.createAlias(`alias/a${n}`, a.keyId);
      await kms.createAlias('alias/b1', b.keyId);
      const seen: string[] = [];
      let marker: string | undefined;
      do {
        const page = await kms.listAliases({
          keyId: a.keyId,
          limit: 2,
          ...(marker ? { marker } : {}),
        });
        expect(page.aliases.length).toBeLessThanOrEqual(2);
        seen.push(...page.aliases.map((x) => x.aliasName));
        for (const entry of page.aliases) {
          expect(entry).toMatchObject({
            targetKeyId: a.keyId,
            aliasArn: `arn:aws:kms:eu-west-1:123456789012:${entry.aliasName}`,
          });
        }
        marker = page.nextMarker;
        expect(page.truncated).toBe(marker !== undefined);
      } while (marker !== undefined);
      expect(seen).toEqual(['alias/a1', 'alias/a2', 'alias/a3', 'alias/a4', 'alias/a5']);
      expect((await kms.listAliases()).aliases).toHaveLength(6);
      await expect(kms.listAliases({ marker: 'garbage!' })).rejects.toBeInstanceOf(
        KmsInvalidMarkerError,
      );
      await expect(kms.listAliases({ limit: 101 })).rejects.toMatchObject({ field: 'limit' });
    });

    it('lists keys with pagination, including AWS managed keys', async () => {
      const created = new Set<string>();
      for (let i = 0; i < 5; i++) created.add((await kms.createKey()).keyId);
      created.add((await kms.describeKey('alias/aws/sqs')).keyId);
      const seen: string[] = [];
      let marker: string | undefined;
      do {
        const page = await kms.listKeys({ limit: 4, ...(marker ? { marker } : {}) });
        seen.push(...page.keys.map((k) => k.keyId));
        for (const k of page.keys)
          expect(k.keyArn).toBe(`arn:aws:kms:eu-west-1:123456789012:key/${k.keyId}`);
        marker = page.nextMarker;
      } while (marker !== undefined);
      expect(new Set(seen)).toEqual(created);
      expect(seen).toHaveLength(6);
      await expect(
        kms.listKeys({ marker: Buffer.from('nope').toString('base64url') }),
      ).rejects.toBeInstanceOf(KmsInvalidMarkerError);
    });

    it('drops the aliases of a deleted key', async () => {
      let now = Date.UTC(2026, 0, 1);
      const timed = create({ clock: { now: () => now } });
      const { keyId } = await timed.createKey();
      await timed.createAlias('alias/doomed', keyId);
      await timed.scheduleKeyDeletion(keyId, 7);
      await expect(timed.updateAlias('alias/doomed', keyId)).rejects.toMatchObject({
        code: 'KMS.InvalidStateException',
      });
      now += 7 * 86_400_000;
      expect((await timed.listAliases()).aliases).toEqual([]);
      await expect(timed.describeKey('alias/doomed')).rejects.toBeInstanceOf(KmsNotFoundError);
    });
  });
});
