import { expect } from 'vitest';
import type { DefineStoreCase } from './runStoreConformance.js';
import { T0 } from './StoreFixture.js';

export function smsCases(test: DefineStoreCase): void {
  test('SMS attributes: set merges names, get returns every name set', [], async ({ store }) => {
    expect(await store.getSmsAttributes()).toEqual({});
    await store.setSmsAttributes({ DefaultSMSType: 'Promotional', MonthlySpendLimit: '5' });
    await store.setSmsAttributes({ DefaultSMSType: 'Transactional' });
    await store.setSmsAttributes({});
    expect(await store.getSmsAttributes()).toEqual({
      DefaultSMSType: 'Transactional',
      MonthlySpendLimit: '5',
    });
  });

  test('phone numbers: saved whole, replaced whole, read back as saved', [], async ({ store }) => {
    expect(await store.getPhoneNumber('+12025550100')).toBeUndefined();
    await store.savePhoneNumber({
      phoneNumber: '+12025550100',
      optedOut: true,
      optedOutTimestamp: T0,
      optedInTimestamp: T0 - 1,
    });
    expect(await store.getPhoneNumber('+12025550100')).toEqual({
      phoneNumber: '+12025550100',
      optedOut: true,
      optedOutTimestamp: T0,
      optedInTimestamp: T0 - 1,
    });
    // Replacing drops fields the new record does not carry.
    await store.savePhoneNumber({ phoneNumber: '+12025550100', optedOut: false });
    expect(await store.getPhoneNumber('+12025550100')).toEqual({
      phoneNumber: '+12025550100',
      optedOut: false,
    });
  });

  test(
    'opted-out numbers list in string order, after a number, up to a limit',
    [],
    async ({ store }) => {
      for (const phoneNumber of ['+447700900123', '+12025550100', '+33612345678', '+12025550199']) {
        await store.savePhoneNumber({ phoneNumber, optedOut: true, optedOutTimestamp: T0 });
      }
      await store.savePhoneNumber({ phoneNumber: '+12025550150', optedOut: false });
      expect(await store.listOptedOutPhoneNumbers({ limit: 10 })).toEqual([
        '+12025550100',
        '+12025550199',
        '+33612345678',
        '+447700900123',
      ]);
      expect(await store.listOptedOutPhoneNumbers({ limit: 2 })).toEqual([
        '+12025550100',
        '+12025550199',
      ]);
      expect(await store.listOptedOutPhoneNumbers({ after: '+12025550199', limit: 10 })).toEqual([
        '+33612345678',
        '+447700900123',
      ]);
      expect(await store.listOptedOutPhoneNumbers({ after: '+447700900123', limit: 10 })).toEqual(
        [],
      );
    },
  );

  test(
    'SMS attributes and the opt-out list survive a restart',
    ['persistent'],
    async (fx, reopen) => {
      await fx.store.setSmsAttributes({ DefaultSenderID: 'Ward4' });
      await fx.store.savePhoneNumber({
        phoneNumber: '+12025550100',
        optedOut: true,
        optedOutTimestamp: T0,
      });
      const { store } = await reopen();
      expect(await store.getSmsAttributes()).toEqual({ DefaultSenderID: 'Ward4' });
      expect(await store.listOptedOutPhoneNumbers({ limit: 10 })).toEqual(['+12025550100']);
      expect((await store.getPhoneNumber('+12025550100'))?.optedOutTimestamp).toBe(T0);
    },
  );
}
