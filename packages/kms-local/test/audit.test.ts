import { afterAll, describe, expect, it } from 'vitest';
import { backends, closeBackends, ManualClock, utf8 } from './helpers.js';

const context = { 'aws:sqs:arn': 'arn:aws:sqs:us-east-1:000000000000:orders' };

afterAll(closeBackends);

describe.each(backends)('$name storage', ({ create }) => {
  describe('audit log', () => {
    it('records every key use and management call with time, principal, context and result', async () => {
      const clock = new ManualClock();
      const kms = create({ clock });
      const { keyId, arn } = await kms.createKey({ principal: 'admin' });
      await kms.createAlias('alias/orders', keyId);
      clock.advanceDays(1);
      const { ciphertextBlob } = await kms.generateDataKey({
        keyId: 'alias/orders',
        context,
        principal: 'producer',
      });
      await kms.decrypt({ ciphertextBlob, context, principal: 'consumer' });
      await kms.disableKey(keyId);
      await kms.decrypt({ ciphertextBlob, context, principal: 'consumer' }).catch(() => undefined);

      const entries = await kms.auditLog({ keyArn: arn });
      expect(entries.map((e) => [e.operation, e.principal, e.result, e.errorCode])).toEqual([
        ['CreateKey', 'admin', 'ok', undefined],
        ['CreateAlias', 'arn:aws:iam::000000000000:root', 'ok', undefined],
        ['GenerateDataKey', 'producer', 'ok', undefined],
        ['Decrypt', 'consumer', 'ok', undefined],
        ['DisableKey', 'arn:aws:iam::000000000000:root', 'ok', undefined],
        ['Decrypt', 'consumer', 'error', 'KMS.DisabledException'],
      ]);
      expect(entries[2]).toMatchObject({
        encryptionContext: context,
        eventTime: new Date(clock.now()),
        keyArn: arn,
      });
      expect(entries[0]?.eventTime).toEqual(new Date(clock.now() - 86_400_000));
      expect(entries.map((e) => e.id)).toEqual([...entries.map((e) => e.id)].sort((a, b) => a - b));

      expect(
        await kms.auditLog({ since: new Date(clock.now()), operation: 'Decrypt' }),
      ).toHaveLength(2);
      const lastTwo = await kms.auditLog({ keyArn: arn, limit: 2 });
      expect(lastTwo.map((e) => e.operation)).toEqual(['DisableKey', 'Decrypt']);
    });

    it('records failed lookups and never records key material or plaintext', async () => {
      const kms = create();
      const { keyId } = await kms.createKey();
      await kms.describeKey('alias/missing').catch(() => undefined);
      const dataKey = await kms.generateDataKey({ keyId, context });
      const secret = 'patient 4711 has condition X';
      const { ciphertextBlob } = await kms.encrypt({ keyId, plaintext: utf8(secret), context });
      await kms.decrypt({ ciphertextBlob, context });
      const entries = await kms.auditLog();
      expect(entries.find((e) => e.operation === 'DescribeKey')).toMatchObject({
        result: 'error',
        errorCode: 'KMS.NotFoundException',
      });
      const serialized = JSON.stringify(entries);
      expect(serialized).not.toContain(secret);
      expect(serialized).not.toContain(Buffer.from(dataKey.plaintext).toString('base64'));
      expect(serialized).not.toContain(Buffer.from(dataKey.plaintext).toString('hex'));
      for (const entry of entries) {
        expect(
          Object.keys(entry).every((k) =>
            [
              'id',
              'eventTime',
              'operation',
              'keyArn',
              'principal',
              'encryptionContext',
              'result',
              'errorCode',
              'destinationKeyArn',
              'destinationEncryptionContext',
            ].includes(k),
          ),
        ).toBe(true);
      }
    });

    it('records ReEncrypt once, findable by its source and by its destination key', async () => {
      const kms = create();
      const source = await kms.createKey();
      const destination = await kms.createKey();
      const dlq = { 'aws:sqs:arn': 'arn:aws:sqs:us-east-1:000000000000:orders-dlq' };
      const { ciphertextBlob } = await kms.generateDataKey({ keyId: source.keyId, context });
      await kms.reEncrypt({
        ciphertextBlob,
        sourceContext: context,
        destinationKeyId: destination.keyId,
        destinationContext: dlq,
        principal: 'mover',
      });
      const expected = {
        operation: 'ReEncrypt',
        keyArn: source.arn,
        encryptionContext: context,
        destinationKeyArn: destination.arn,
        destinationEncryptionContext: dlq,
        principal: 'mover',
        result: 'ok',
      };
      expect(await kms.auditLog({ keyArn: source.arn, operation: 'ReEncrypt' })).toEqual([
        expect.objectContaining(expected),
      ]);
      expect(await kms.auditLog({ keyArn: destination.arn, operation: 'ReEncrypt' })).toEqual([
        expect.objectContaining(expected),
      ]);
    });

    it('pages newest-first with beforeId: each page is older than the last, none repeats', async () => {
      const kms = create();
      const { keyId } = await kms.createKey();
      for (let i = 0; i < 5; i++) await kms.generateDataKey({ keyId, context });
      const all = await kms.auditLog();
      const newest = await kms.auditLog({ limit: 2 });
      const next = await kms.auditLog({ limit: 2, beforeId: newest[0]!.id });
      const last = await kms.auditLog({ limit: 2, beforeId: next[0]!.id });
      expect([...last, ...next, ...newest].map((e) => e.id)).toEqual(
        all.slice(-6).map((e) => e.id),
      );
      expect(await kms.auditLog({ beforeId: all[0]!.id })).toEqual([]);
      await expect(kms.auditLog({ beforeId: 0 })).rejects.toThrow(/beforeId/);
    });

    it('filters by result: the calls that worked or the ones KMS refused', async () => {
      const kms = create();
      const { keyId } = await kms.createKey();
      const { ciphertextBlob } = await kms.generateDataKey({ keyId, context });
      await kms.disableKey(keyId);
      await kms.decrypt({ ciphertextBlob, context }).catch(() => undefined);
      const refused = await kms.auditLog({ result: 'error' });
      expect(refused.map((e) => [e.operation, e.errorCode])).toEqual([
        ['Decrypt', 'KMS.DisabledException'],
      ]);
      const ok = await kms.auditLog({ result: 'ok' });
      expect(ok.map((e) => e.operation)).toEqual(['CreateKey', 'GenerateDataKey', 'DisableKey']);
      await expect(kms.auditLog({ result: 'maybe' as 'ok' })).rejects.toThrow(
        'result must be "ok" or "error"; got "maybe".',
      );
    });

    it('records whom the principal acted for only when the caller says, and refuses a bad label naming the field', async () => {
      const kms = create();
      const { keyId } = await kms.createKey();
      const { ciphertextBlob } = await kms.generateDataKey({ keyId, context });
      await kms.decrypt({
        ciphertextBlob,
        context,
        principal: 'sealbus-console',
        onBehalfOf: 'session:3q2-7wQk1hZ0Xc9e',
      });
      await kms.decrypt({ ciphertextBlob, context, principal: 'worker' });
      const bad = await kms
        .decrypt({ ciphertextBlob, context, principal: 'sealbus-console', onBehalfOf: 'a b' })
        .catch((error: unknown) => error);
      expect(bad).toMatchObject({ code: 'KMS.ValidationException', field: 'onBehalfOf' });
      expect((bad as Error).message).toBe(
        'onBehalfOf must be 1-256 printable ASCII characters without spaces, got "a b".',
      );
      const decrypts = await kms.auditLog({ operation: 'Decrypt' });
      expect(decrypts.map((e) => [e.principal, e.onBehalfOf, e.result])).toEqual([
        ['sealbus-console', 'session:3q2-7wQk1hZ0Xc9e', 'ok'],
        ['worker', undefined, 'ok'],
        ['sealbus-console', undefined, 'error'],
      ]);
      expect(decrypts[1]).not.toHaveProperty('onBehalfOf');
    });

    it('lists the key inventory without writing a single audit entry', async () => {
      const kms = create();
      const open = await kms.createKey({ description: 'orders key' });
      await kms.createAlias('alias/orders', open.keyId);
      await kms.createAlias('alias/orders-current', open.keyId);
      await kms.enableKeyRotation(open.keyId, 90);
      const closed = await kms.createKey({ description: 'vault key' });
      await kms.disableKey(closed.keyId);
      const before = await kms.auditLog();
      const inventory = await kms.keyInventory();
      expect(await kms.auditLog()).toEqual(before);
      const byId = new Map(inventory.map((entry) => [entry.metadata.keyId, entry]));
      // The same answers the audited calls give, key by key.
      for (const { keyId } of [open, closed]) {
        const entry = byId.get(keyId)!;
        expect(entry.metadata).toEqual(await kms.describeKey(keyId));
        expect(entry.rotation).toEqual(await kms.getKeyRotationStatus(keyId));
        expect(entry.policy).toBe(await kms.getKeyPolicy(keyId));
        const { aliases } = await kms.listAliases({ keyId });
        expect(entry.aliases).toEqual(aliases.map((alias) => alias.aliasName));
      }
      expect(byId.get(open.keyId)?.aliases).toEqual(['alias/orders', 'alias/orders-current']);
      expect(byId.get(closed.keyId)?.metadata.keyState).toBe('Disabled');
    });
  });
});
