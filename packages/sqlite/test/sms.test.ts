import { randomUUID } from 'node:crypto';
import { ManualClock } from '@sealbus/conformance';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteBroker } from '../src/index.js';
import { databaseHolds, tempDir } from './support/records.js';

describe('SMS on SQLite', () => {
  let dir: ReturnType<typeof tempDir>;
  let path: string;

  beforeEach(() => {
    dir = tempDir();
    path = dir.path('broker.db');
  });
  afterEach(() => dir.cleanup());

  const onDisk = (marker: string) => databaseHolds(path, marker);

  // The opt-out list and SMS attributes are account state: another process (or a restart) sees
  // them, and the 30-day opt-in wait holds across restarts too.
  it('keeps the opt-out list, the last opt-in and the SMS attributes in the file', async () => {
    const clock = new ManualClock(Date.UTC(2030, 0, 1));
    const first = createSqliteBroker({ path, clock });
    await first.setSmsAttributes({ DefaultSMSType: 'Transactional' });
    await first.optOutPhoneNumber('+12025550100');
    await first.optInPhoneNumber('+12025550100');
    await first.optOutPhoneNumber('+12025550100');
    const other = createSqliteBroker({ path, clock });
    expect(await other.checkIfPhoneNumberIsOptedOut('+12025550100')).toBe(true);
    await first.close();
    await other.close();

    const reopened = createSqliteBroker({ path, clock });
    expect(await reopened.getSmsAttributes()).toEqual({ DefaultSMSType: 'Transactional' });
    expect((await reopened.listPhoneNumbersOptedOut()).phoneNumbers).toEqual(['+12025550100']);
    await expect(reopened.optInPhoneNumber('+12025550100')).rejects.toMatchObject({
      code: 'InvalidParameter',
    });
    await reopened.close();
  });

  // Recorded deliveries may hold an encrypted topic's plaintext: they stay in memory.
  it('never writes an SMS text to disk, from a topic or published to a number', async () => {
    const broker = createSqliteBroker({ path });
    const topic = await broker.createTopic('pager', {
      KmsMasterKeyId: 'alias/aws/sns',
    });
    await topic.subscribe({ protocol: 'sms', endpoint: '+12025550100' });
    const viaTopic = `TOPIC-SMS-${randomUUID()}`;
    const direct = `DIRECT-SMS-${randomUUID()}`;
    await topic.publish(viaTopic);
    await broker.publishSms('+12025550199', direct);
    expect(broker.recordedDeliveries().map((d) => d.body)).toEqual([viaTopic, direct]);
    expect(onDisk(viaTopic)).toBe(false);
    expect(onDisk(direct)).toBe(false);
    await broker.close();
    expect(onDisk(viaTopic) || onDisk(direct)).toBe(false);
  });
});
