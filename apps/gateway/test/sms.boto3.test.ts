import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { EngineBroker } from '@sealbus/broker-engine';
import { LocalKms } from '@sealbus/kms-local';
import { createMemoryBroker } from '@sealbus/memory';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Harness, PRODUCER, startHarness } from './harness.js';

const run = promisify(execFile);
const script = join(dirname(fileURLToPath(import.meta.url)), 'boto3', 'sms_scenario.py');

let h: Harness;
let broker: EngineBroker;
beforeAll(async () => {
  const kms = new LocalKms();
  broker = createMemoryBroker({ kms });
  h = await startHarness({ kms, broker });
  // What STOP replies would have done: one number never opted in, one opted in just now.
  await broker.optOutPhoneNumber('+12025550100');
  await broker.optOutPhoneNumber('+12025550111');
  await broker.optInPhoneNumber('+12025550111');
  await broker.optOutPhoneNumber('+12025550111');
});
afterAll(async () => {
  await h.close();
});

// Each key names the API-reference rule it checks; codes and texts on the wire are asserted.
it('boto3: SMS attributes, Publish to a PhoneNumber and the opt-out list', async () => {
  const { stdout } = await run('python3', [
    script,
    h.gateway.url,
    PRODUCER.accessKeyId,
    PRODUCER.secretAccessKey,
  ]);
  const out = JSON.parse(stdout);
  // GetSMSAttributes: "If you don't use this parameter, Amazon SNS returns all SMS attributes."
  expect(out.all).toEqual({ DefaultSMSType: 'Transactional', DefaultSenderID: 'Clinic' });
  expect(out.filtered).toEqual({ DefaultSenderID: 'Clinic' });
  // SetSMSAttributes: DefaultSMSType is Promotional or Transactional; only its six names.
  expect(out.badType).toEqual({
    code: 'InvalidParameter',
    message:
      'Invalid parameter: DefaultSMSType Reason: must be Promotional or Transactional; got "Urgent"',
    status: 400,
  });
  expect(out.unknownName).toMatchObject({
    code: 'InvalidParameter',
    message: expect.stringMatching(/^Invalid parameter: Colour Reason: is not an SMS attribute/),
    status: 400,
  });
  // Publish: PhoneNumber in E.164; AWS's text for a number it cannot publish to.
  expect(out.badNumber).toEqual({
    code: 'InvalidParameter',
    message: 'Invalid parameter: PhoneNumber Reason: 2025550100 is not valid to publish to',
    status: 400,
  });
  expect(out.badSmsType).toMatchObject({
    code: 'InvalidParameter',
    message: expect.stringContaining('AWS.SNS.SMS.SMSType Reason: must be a String attribute'),
    status: 400,
  });
  // The message attribute overrides the account's DefaultSMSType; the account sender id applies.
  expect(broker.recordedDeliveries('+12025550199')).toEqual([
    expect.objectContaining({
      messageId: out.published,
      body: 'ward 4: code blue',
      smsType: 'Promotional',
      senderId: 'Clinic',
    }),
  ]);
  // CheckIfPhoneNumberIsOptedOut: "You cannot send SMS messages to a number that is opted out."
  expect(out.publishedToOptedOut).toMatch(/^[0-9a-f-]{36}$/);
  expect(broker.recordedDeliveries('+12025550100')).toEqual([]);
  expect(out.optedOut).toBe(true);
  expect(out.listed).toEqual(['+12025550100', '+12025550111']);
  expect(out.badCheck).toMatchObject({
    code: 'InvalidParameter',
    message: expect.stringMatching(
      /^Invalid parameter: PhoneNumber Reason: must be an E\.164 number/,
    ),
    status: 400,
  });
  // OptInPhoneNumber: "You can opt in a phone number only once every 30 days."
  expect(out.afterOptIn).toBe(false);
  expect(out.tooSoon).toMatchObject({
    code: 'InvalidParameter',
    message: expect.stringMatching(
      /^Invalid parameter: PhoneNumber Reason: \+12025550111 was opted in at .*; a number can be opted in only once every 30 days/,
    ),
    status: 400,
  });
  expect(out.badToken).toMatchObject({ code: 'InvalidParameter', status: 400 });
});
