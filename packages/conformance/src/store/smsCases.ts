import { expect } from 'vitest';
import type { DefineStoreCase } from './runStoreConformance.js';
import { T0 } from './StoreFixture.js';

export function smsCases(test: DefineStoreCase): void {
  test('SMS attributes: set merges names, get returns every name set', [], async ({ store }) => {
    expect(await store.sms.getSmsAttributes()).toEqual({});
    await store.sms.setSmsAttributes({ DefaultSMSType: 'Promotional', MonthlySpendLimit: '5' });
    await store.sms.setSmsAttributes({ DefaultSMSType: 'Transactional' });
    await store.sms.setSmsAttributes({});
    expect(await store.sms.getSmsAttributes()).toEqual({
      DefaultSMSType: 'Transactional',
      MonthlySpendLimit: '5',
    });
  });

  test('phone numbers: saved whole, replaced whole, read back as saved', [], async ({ store }) => {
    expect(await store.sms.getPhoneNumber('+12025550100')).toBeUndefined();
    await store.sms.savePhoneNumber({
      phoneNumber: '+12025550100',
      optedOut: true,
      optedOutTimestamp: T0,
      optedInTimestamp: T0 - 1,
    });
    expect(await store.sms.getPhoneNumber('+12025550100')).toEqual({
      phoneNumber: '+12025550100',
      optedOut: true,
      optedOutTimestamp: T0,
      optedInTimestamp: T0 - 1,
    });
    // Replacing drops fields the new record does not carry.
    await store.sms.savePhoneNumber({ phoneNumber: '+12025550100', optedOut: false });
    expect(await store.sms.getPhoneNumber('+12025550100')).toEqual({
      phoneNumber: '+12025550100',
      optedOut: false,
    });
  });

  test(
    'opted-out numbers list in string order, after a number, up to a limit',
    [],
    async ({ store }) => {
      for (const phoneNumber of ['+447700900123', '+12025550100', '+33612345678', '+12025550199']) {
        await store.sms.savePhoneNumber({ phoneNumber, optedOut: true, optedOutTimestamp: T0 });
      }
      await store.sms.savePhoneNumber({ phoneNumber: '+12025550150', optedOut: false });
      expect(await store.sms.listOptedOutPhoneNumbers({ limit: 10 })).toEqual([
        '+12025550100',
        '+12025550199',
        '+33612345678',
        '+447700900123',
      ]);
      expect(await store.sms.listOptedOutPhoneNumbers({ limit: 2 })).toEqual([
        '+12025550100',
        '+12025550199',
      ]);
      expect(
        await store.sms.listOptedOutPhoneNumbers({ after: '+12025550199', limit: 10 }),
      ).toEqual(['+33612345678', '+447700900123']);
      expect(
        await store.sms.listOptedOutPhoneNumbers({ after: '+447700900123', limit: 10 }),
      ).toEqual([]);
    },
  );

  test(
    'SMS attributes and the opt-out list survive a restart',
    ['persistent'],
    async (fx, reopen) => {
      await fx.store.sms.setSmsAttributes({ DefaultSenderID: 'Ward4' });
      await fx.store.sms.savePhoneNumber({
        phoneNumber: '+12025550100',
        optedOut: true,
        optedOutTimestamp: T0,
      });
      const { store } = await reopen();
      expect(await store.sms.getSmsAttributes()).toEqual({ DefaultSenderID: 'Ward4' });
      expect(await store.sms.listOptedOutPhoneNumbers({ limit: 10 })).toEqual(['+12025550100']);
      expect((await store.sms.getPhoneNumber('+12025550100'))?.optedOutTimestamp).toBe(T0);
    },
  );
}
