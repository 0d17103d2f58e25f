import { CreateKeyCommand, PutKeyPolicyCommand } from '@aws-sdk/client-kms';
import { CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONSUMER,
  denyConsumerDecryptPolicy,
  type Harness,
  identityHeaders,
  startHarness,
} from './harness.js';
import { send } from './raw.js';
import { readAnswer } from './wire.js';

/**
 * Issue: on the default gateway an unsigned request used to run as the account root, so a key
 * policy denying a principal kms:Decrypt protected nothing. The default gateway identifies the
 * caller by the access key id of a required SigV4 signature (docs/gateway.md): dropping,
 * garbling or forging the signature no longer escapes the policy.
 */
let h: Harness;
let keyArn: string;
let queueUrl: string;
const SECRET_BODY = 'patient record 4711';

beforeAll(async () => {
  h = await startHarness();
  keyArn = (await h.kmsClient().send(new CreateKeyCommand({}))).KeyMetadata!.Arn!;
  await h.kmsClient().send(
    new PutKeyPolicyCommand({
      KeyId: keyArn,
      PolicyName: 'default',
      Policy: denyConsumerDecryptPolicy(),
    }),
  );
  queueUrl = (
    await h
      .sqs()
      .send(
        new CreateQueueCommand({ QueueName: 'guarded', Attributes: { KmsMasterKeyId: keyArn } }),
      )
  ).QueueUrl!;
  await h.sqs().send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: SECRET_BODY }));
});
afterAll(() => h.close());

const receiveJson = (headers: Record<string, string>) =>
  send(h.gateway.url, {
    headers: {
      ...headers,
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'AmazonSQS.ReceiveMessage',
    },
    body: JSON.stringify({ QueueUrl: queueUrl, VisibilityTimeout: 0 }),
  });
const receiveQuery = (headers: Record<string, string>) =>
  send(h.gateway.url, {
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
    body: `Action=ReceiveMessage&Version=2012-11-05&VisibilityTimeout=0&QueueUrl=${encodeURIComponent(queueUrl)}`,
  });

describe('a key-policy Deny of kms:Decrypt on the default gateway', () => {
  it('hands the denied consumer the sealed body when it signs', async () => {
    const message = (
      await h
        .sqs(CONSUMER)
        .send(new ReceiveMessageCommand({ QueueUrl: queueUrl, VisibilityTimeout: 0 }))
    ).Messages![0]!;
    expect(message.Body).not.toContain('patient record');
  });

  it.each([
    ['no signature', {}, 'MissingAuthenticationToken'],
    ['a garbage Authorization header', { authorization: 'garbage' }, 'IncompleteSignature'],
    [
      'the account root posing as the access key id',
      identityHeaders('sqs', 'arn:aws:iam::000000000000:root'),
      'InvalidClientTokenId',
    ],
  ])('cannot be bypassed with %s (SQS JSON and Query)', async (_, headers, queryCode) => {
    const json = readAnswer('sqs-json', await receiveJson(headers));
    expect(json.queryCode).toBe(queryCode);
    expect(json.message).not.toContain('patient record');
    const query = await receiveQuery(headers);
    expect(readAnswer('sqs-query', query).code).toBe(queryCode);
    expect(query.body).not.toContain('patient record');
  });

  it('refuses unsigned CreateKey, DeleteQueue and ScheduleKeyDeletion: nothing unsigned runs', async () => {
    const kmsCall = (operation: string, input: object) =>
      send(h.gateway.url, {
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': `TrentService.${operation}`,
        },
        body: JSON.stringify(input),
      });
    for (const response of [
      await kmsCall('CreateKey', {}),
      await kmsCall('ScheduleKeyDeletion', { KeyId: keyArn, PendingWindowInDays: 7 }),
      await kmsCall('Decrypt', { CiphertextBlob: 'AAAA' }),
    ]) {
      expect(readAnswer('kms-json', response)).toMatchObject({
        status: 400,
        code: 'MissingAuthenticationTokenException',
      });
    }
    const deleted = await send(h.gateway.url, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `Action=DeleteQueue&Version=2012-11-05&QueueUrl=${encodeURIComponent(queueUrl)}`,
    });
    expect(readAnswer('sqs-query', deleted)).toMatchObject({
      status: 403,
      code: 'MissingAuthenticationToken',
    });
    // The key and the queue are untouched; an allowed principal still opens the message.
    const opened = (await h.sqs().send(new ReceiveMessageCommand({ QueueUrl: queueUrl })))
      .Messages![0]!;
    expect(opened.Body).toBe(SECRET_BODY);
  });
});
