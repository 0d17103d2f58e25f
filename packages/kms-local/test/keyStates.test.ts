import {
  KeyState,
  KmsDisabledError,
  KmsInvalidStateError,
  KmsNotFoundError,
  type SealbusError,
} from '@sealbus/core';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { LocalKms } from '../src/index.js';
import { backends, closeBackends, ManualClock, utf8 } from './helpers.js';

type ErrorClass = new (...args: never[]) => SealbusError;
type Outcome = 'ok' | ErrorClass;

interface Fixture {
  kms: LocalKms;
  keyId: string;
  blob: Uint8Array;
  otherKeyId: string;
}

const context = { 'aws:sqs:arn': 'arn:aws:sqs:us-east-1:000000000000:q' };
let aliasCounter = 0;

const operations: Record<string, (f: Fixture) => Promise<unknown>> = {
  generateDataKey: (f) => f.kms.generateDataKey({ keyId: f.keyId, context }),
  generateDataKeyWithoutPlaintext: (f) =>
    f.kms.generateDataKeyWithoutPlaintext({ keyId: f.keyId, context }),
  encrypt: (f) => f.kms.encrypt({ keyId: f.keyId, plaintext: utf8('x'), context }),
  decrypt: (f) => f.kms.decrypt({ ciphertextBlob: f.blob, context }),
  reEncrypt: (f) =>
    f.kms.reEncrypt({
      ciphertextBlob: f.blob,
      sourceContext: context,
      destinationKeyId: f.otherKeyId,
    }),
  describeKey: (f) => f.kms.describeKey(f.keyId),
  enableKey: (f) => f.kms.enableKey(f.keyId),
  disableKey: (f) => f.kms.disableKey(f.keyId),
  scheduleKeyDeletion: (f) => f.kms.scheduleKeyDeletion(f.keyId, 7),
  cancelKeyDeletion: (f) => f.kms.cancelKeyDeletion(f.keyId),
  enableKeyRotation: (f) => f.kms.enableKeyRotation(f.keyId),
  disableKeyRotation: (f) => f.kms.disableKeyRotation(f.keyId),
  getKeyRotationStatus: (f) => f.kms.getKeyRotationStatus(f.keyId),
  rotateKey: (f) => f.kms.rotateKey(f.keyId),
  getKeyPolicy: (f) => f.kms.getKeyPolicy(f.keyId),
  putKeyPolicy: (f) =>
    f.kms.putKeyPolicy(
      f.keyId,
      '{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:*","Resource":"*"}]}',
    ),
  createAlias: (f) => f.kms.createAlias(`alias/state-${++aliasCounter}`, f.keyId),
  updateAlias: async (f) => {
    const name = `alias/state-${++aliasCounter}`;
    await f.kms.createAlias(name, f.otherKeyId);
    return f.kms.updateAlias(name, f.keyId);
  },
};

const ok = 'ok' as const;
const D = KmsDisabledError;
const S = KmsInvalidStateError;
// Expected result per state, following the KMS key state table: [Enabled, Disabled, PendingDeletion].
const table: Record<keyof typeof operations, [Outcome, Outcome, Outcome]> = {
  generateDataKey: [ok, D, S],
  generateDataKeyWithoutPlaintext: [ok, D, S],
  encrypt: [ok, D, S],
  decrypt: [ok, D, S],
  reEncrypt: [ok, D, S],
  describeKey: [ok, ok, ok],
  enableKey: [ok, ok, S],
  disableKey: [ok, ok, S],
  scheduleKeyDeletion: [ok, ok, S],
  cancelKeyDeletion: [S, S, ok],
  enableKeyRotation: [ok, D, S],
  disableKeyRotation: [ok, D, S],
  getKeyRotationStatus: [ok, ok, ok],
  rotateKey: [ok, D, S],
  getKeyPolicy: [ok, ok, ok],
  putKeyPolicy: [ok, ok, ok],
  createAlias: [ok, ok, S],
  updateAlias: [ok, ok, S],
};

const states = [KeyState.Enabled, KeyState.Disabled, KeyState.PendingDeletion] as const;

afterAll(closeBackends);

describe.each(backends)('$name storage', ({ create }) => {
  async function fixture(
    state: (typeof states)[number],
    clock = new ManualClock(),
  ): Promise<Fixture> {
    const kms = create({ clock });
    const { keyId } = await kms.createKey();
    const { keyId: otherKeyId } = await kms.createKey();
    const { ciphertextBlob } = await kms.generateDataKey({ keyId, context });
    if (state === KeyState.Disabled) await kms.disableKey(keyId);
    if (state === KeyState.PendingDeletion) await kms.scheduleKeyDeletion(keyId, 7);
    return { kms, keyId, blob: ciphertextBlob, otherKeyId };
  }

  describe('key state x operation', () => {
    for (const [name, run] of Object.entries(operations)) {
      states.forEach((state, index) => {
        const expected = table[name]![index]!;
        it(`${name} on a ${state} key → ${expected === 'ok' ? 'ok' : expected.name}`, async () => {
          const f = await fixture(state);
          if (expected === 'ok') {
            await expect(run(f)).resolves.not.toThrow();
          } else {
            const error = await run(f).then(
              () => undefined,
              (e: unknown) => e,
            );
            expect(error).toBeInstanceOf(expected);
            expect((error as SealbusError).message).toContain(f.keyId);
          }
          await f.kms.close();
        });
      });
    }

    it('deletes a key once its deletion date passes; every operation then reports NotFound', async () => {
      const clock = new ManualClock();
      const f = await fixture(KeyState.PendingDeletion, clock);
      const { deletionDate } = await f.kms.describeKey(f.keyId);
      expect(deletionDate?.getTime()).toBe(clock.now() + 7 * 86_400_000);
      clock.advanceDays(7);
      for (const [name, run] of Object.entries(operations)) {
        if (name === 'createAlias' || name === 'updateAlias') continue;
        await expect(run(f), name).rejects.toBeInstanceOf(KmsNotFoundError);
      }
      await expect(f.kms.createAlias('alias/after-deletion', f.keyId)).rejects.toBeInstanceOf(
        KmsNotFoundError,
      );
      const { keys } = await f.kms.listKeys();
      expect(keys.map((k) => k.keyId)).toEqual([f.otherKeyId]);
    });

    it('reports rotation off while PendingDeletion and restores it on cancel', async () => {
      const kms = create();
      const { keyId } = await kms.createKey();
      await kms.enableKeyRotation(keyId, 100);
      await kms.scheduleKeyDeletion(keyId);
      expect(await kms.getKeyRotationStatus(keyId)).toMatchObject({ keyRotationEnabled: false });
      expect((await kms.getKeyRotationStatus(keyId)).rotationPeriodInDays).toBeUndefined();
      await kms.cancelKeyDeletion(keyId);
      expect(await kms.getKeyRotationStatus(keyId)).toMatchObject({
        keyRotationEnabled: true,
        rotationPeriodInDays: 100,
      });
    });

    it('reports enabled false and the deletion window while PendingDeletion; cancel leaves it Disabled', async () => {
      const clock = new ManualClock();
      const kms = create({ clock });
      const { keyId, arn } = await kms.createKey();
      const scheduled = await kms.scheduleKeyDeletion(keyId, 10);
      expect(scheduled).toEqual({
        keyId: arn,
        deletionDate: new Date(clock.now() + 10 * 86_400_000),
        keyState: 'PendingDeletion',
        pendingWindowInDays: 10,
      });
      const pending = await kms.describeKey(keyId);
      expect(pending).toMatchObject({
        enabled: false,
        keyState: 'PendingDeletion',
        pendingDeletionWindowInDays: 10,
      });
      expect(await kms.cancelKeyDeletion(keyId)).toEqual({ keyId: arn });
      const cancelled = await kms.describeKey(keyId);
      expect(cancelled).toMatchObject({ enabled: false, keyState: 'Disabled' });
      expect(cancelled.deletionDate).toBeUndefined();
      await kms.enableKey(keyId);
      expect((await kms.describeKey(keyId)).enabled).toBe(true);
    });
  });

  describe('validation of state changes', () => {
    let kms: LocalKms;
    beforeEach(() => {
      kms = create();
    });

    it('accepts a pending window of 7-30 days only', async () => {
      const { keyId } = await kms.createKey();
      for (const days of [6, 31, 7.5]) {
        await expect(kms.scheduleKeyDeletion(keyId, days)).rejects.toMatchObject({
          code: 'KMS.ValidationException',
          field: 'pendingWindowInDays',
        });
      }
      expect((await kms.scheduleKeyDeletion(keyId)).pendingWindowInDays).toBe(30);
    });
  });
});
