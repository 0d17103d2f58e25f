import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { LocalKms } from '@sealbus/kms-local';
import { createMemoryBroker } from '@sealbus/memory';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ephemeralSigningIdentity, gatewaySnsHttp } from '../src/index.js';
import { type Harness, PRODUCER, startHarness } from './harness.js';
import { startWebhook, verifySnsMessage, type WebhookReceiver } from './webhookReceiver.js';

const run = promisify(execFile);
const script = join(dirname(fileURLToPath(import.meta.url)), 'boto3', 'sns_scenario.py');

let h: Harness;
let receiver: WebhookReceiver;
beforeAll(async () => {
  const snsHttp = gatewaySnsHttp(ephemeralSigningIdentity());
  const kms = new LocalKms();
  h = await startHarness({
    kms,
    broker: createMemoryBroker({ kms, snsHttp: snsHttp.brokerOptions }),
    gateway: { snsHttp },
  });
  receiver = await startWebhook();
});
afterAll(async () => {
  await receiver.close();
  await h.close();
});

// Each key names the API-reference rule it checks; codes and texts are AWS's.
it('boto3: tags, permissions, Subscribe endpoint rules and ConfirmSubscription', async () => {
  const { stdout } = await run('python3', [
    script,
    h.gateway.url,
    PRODUCER.accessKeyId,
    PRODUCER.secretAccessKey,
    receiver.url,
  ]);
  const out = JSON.parse(stdout);
  // CreateTopic: "Tags: The list of tags to add to a new topic."
  expect(out.tags).toEqual([{ Key: 'team', Value: 'ward' }]);
  expect(out.tagsAfter).toEqual([{ Key: 'cost', Value: '7' }]);
  expect(out.tagMissing).toEqual({
    code: 'ResourceNotFound',
    message: 'Resource does not exist',
    status: 404,
  });
  // Subscribe: "For the sqs protocol, the endpoint is the ARN of an Amazon SQS queue."
  expect(out.byUrl).toEqual({
    code: 'InvalidParameter',
    message: 'Invalid parameter: SQS endpoint ARN',
    status: 400,
  });
  expect(out.fifoQueueOnStandardTopic).toEqual({
    code: 'InvalidParameter',
    message:
      'Invalid parameter: Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics',
    status: 400,
  });
  expect(out.standardQueueOnFifoTopic).toBe(true);
  expect(out.notYetAQueue).toBe(true);
  expect(out.lambda).toMatchObject({ code: 'InvalidParameter', status: 400 });
  // AddPermission: a label is unique within the policy.
  expect(out.duplicateLabel).toEqual({
    code: 'InvalidParameter',
    message: 'Invalid parameter: Statement already exists',
    status: 400,
  });
  expect(out.sids).toEqual(['__default_statement_ID', 'partner']);
  expect(out.sidsAfter).toEqual(['__default_statement_ID']);
  // GetTopicAttributes: the attributes SNS returns for a standard topic.
  expect(out.attributeNames).toEqual([
    'DisplayName',
    'EffectiveDeliveryPolicy',
    'Owner',
    'Policy',
    'SubscriptionsConfirmed',
    'SubscriptionsDeleted',
    'SubscriptionsPending',
    'TopicArn',
  ]);
  expect(out.pending).toBe('pending confirmation');
  expect(out.badToken).toEqual({ code: 'InvalidParameter', message: 'Invalid token', status: 400 });
  // The webhook got the confirmation, and it verifies with the served certificate.
  const confirmation = JSON.parse((await receiver.nth(1)).body);
  expect(confirmation.Type).toBe('SubscriptionConfirmation');
  expect(await verifySnsMessage(confirmation)).toBe(true);
});
