import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { LocalKms } from '@sealbus/kms-local';
import { createMemoryBroker } from '@sealbus/memory';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Harness, PRODUCER, startHarness } from './harness.js';

const run = promisify(execFile);
const script = join(dirname(fileURLToPath(import.meta.url)), 'boto3', 'sns_push_scenario.py');

const kms = new LocalKms();
const broker = createMemoryBroker({ kms });
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ kms, broker });
  // 100 more applications, so ListPlatformApplications needs a second page (100 per page).
  for (let i = 0; i < 100; i++) {
    await broker.createPlatformApplication(`page-${String(i).padStart(3, '0')}`, 'GCM', {
      PlatformCredential: 'k',
    });
  }
});
afterAll(async () => {
  await h.close();
});

// Each expectation names the API-reference rule it checks; codes, texts and statuses are AWS's.
it('boto3: platform applications, endpoints, TargetArn publishes and application subscriptions', async () => {
  const { stdout } = await run('python3', [
    script,
    h.gateway.url,
    PRODUCER.accessKeyId,
    PRODUCER.secretAccessKey,
  ]);
  const out = JSON.parse(stdout);
  // CreatePlatformApplication: the ARN is arn:aws:sns:<region>:<account>:app/<platform>/<name>.
  expect(out.app).toBe('arn:aws:sns:us-east-1:000000000000:app/GCM/ward-app');
  // GetPlatformApplicationAttributes returns no PlatformCredential; Set merges.
  expect(out.appAttributes).toEqual({
    Enabled: 'true',
    EventEndpointCreated: 'arn:aws:sns:us-east-1:000000000000:events',
  });
  expect(out.appAttributesAfter).toMatchObject({ SuccessFeedbackSampleRate: '25' });
  expect(out.badPlatform).toEqual({
    code: 'InvalidParameter',
    message:
      'Invalid parameter: Platform Reason: must be one of ADM, APNS, APNS_SANDBOX, BAIDU, GCM, MPNS, WNS; got "PIGEON"',
    status: 400,
  });
  expect(out.noCredential).toMatchObject({ code: 'InvalidParameter', status: 400 });
  expect(out.noCredential.message).toContain('PlatformCredential');
  expect(out.missingApp).toEqual({
    code: 'NotFound',
    message: 'PlatformApplication does not exist',
    status: 404,
  });
  // ListPlatformApplications: "paginated and return a limited list of applications, up to 100".
  expect(out.firstPageApps).toBe(100);
  expect(out.listedApps).toBe(101);
  expect(out.listedAppsDistinct).toBe(101);

  // CreatePlatformEndpoint is idempotent for the same token and attributes.
  expect(out.endpoint).toMatch(
    /^arn:aws:sns:us-east-1:000000000000:endpoint\/GCM\/ward-app\/[0-9a-f-]{36}$/,
  );
  expect(out.endpointAgain).toBe(out.endpoint);
  expect(out.endpointConflict).toEqual({
    code: 'InvalidParameter',
    message: `Invalid parameter: Token Reason: Endpoint ${out.endpoint} already exists with the same Token, but different attributes.`,
    status: 400,
  });
  expect(out.endpointAttributes).toEqual({
    Token: 'device-token-1',
    Enabled: 'true',
    CustomUserData: 'nurse 7',
  });
  expect(out.missingEndpoint).toEqual({
    code: 'NotFound',
    message: 'Endpoint does not exist',
    status: 404,
  });
  expect(out.listedEndpoints).toEqual([out.endpoint]);

  // Publish with TargetArn and MessageStructure=json: the endpoint's platform key (GCM) is sent.
  // Subscribe: the application endpoint must exist ("arn" and the ARN run together in SNS's text).
  expect(out.subscription).toMatch(/^arn:aws:sns:us-east-1:000000000000:ward-pushes:/);
  expect(out.subscribeMissing).toEqual({
    code: 'InvalidParameter',
    message: `Invalid parameter: Endpoint Reason: Endpoint does not exist for endpoint arn${out.missingDevice}`,
    status: 400,
  });
  // A disabled endpoint: EndpointDisabled on direct publish, skipped by the topic's fanout.
  expect(out.disabled).toEqual({
    code: 'EndpointDisabled',
    message: 'Endpoint is disabled',
    status: 400,
  });
  expect(out.fanoutWhileDisabled).toBe(true);
  expect(out.badEnabled).toMatchObject({ code: 'InvalidParameter', status: 400 });
  expect(out.afterDelete).toMatchObject({ code: 'NotFound', status: 404 });

  // What would have gone to the push service: recorded in the gateway's broker, not sent.
  expect(
    broker.recordedDeliveries(out.endpoint).map(({ messageId, topicArn, body }) => ({
      messageId,
      topicArn,
      body,
    })),
  ).toEqual([
    { messageId: out.directId, topicArn: '', body: '{"notification": {"body": "bed 12"}}' },
    {
      messageId: out.fanoutId,
      topicArn: 'arn:aws:sns:us-east-1:000000000000:ward-pushes',
      body: 'to all devices',
    },
  ]);
});
