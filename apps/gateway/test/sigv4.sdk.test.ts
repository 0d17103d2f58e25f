import { ListKeysCommand } from '@aws-sdk/client-kms';
import { ListTopicsCommand } from '@aws-sdk/client-sns';
import { ListQueuesCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSUMER, type Harness, manualClock, PRODUCER, startHarness } from './harness.js';

const clock = manualClock();
let h: Harness;

beforeAll(async () => {
  h = await startHarness({
    gateway: {
      verifySigv4: true,
      credentials: { [PRODUCER.accessKeyId]: PRODUCER.secretAccessKey },
      clock,
    },
  });
});
afterAll(() => h.close());

const wrongSecret = { accessKeyId: PRODUCER.accessKeyId, secretAccessKey: 'not-the-secret' };

describe('SigV4 verification', () => {
  it('accepts requests signed with a configured key on every protocol', async () => {
    await expect(h.sqs().send(new ListQueuesCommand({}))).resolves.toBeDefined();
    await expect(h.sns().send(new ListTopicsCommand({}))).resolves.toBeDefined();
    await expect(h.kmsClient().send(new ListKeysCommand({}))).resolves.toBeDefined();
  });

  it('rejects a wrong secret: SignatureDoesNotMatch on Query, InvalidSignatureException on JSON', async () => {
    await expect(h.sns(wrongSecret).send(new ListTopicsCommand({}))).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
      $metadata: { httpStatusCode: 403 },
    });
    await expect(h.kmsClient(wrongSecret).send(new ListKeysCommand({}))).rejects.toMatchObject({
      name: 'InvalidSignatureException',
      $metadata: { httpStatusCode: 400 },
    });
    // SQS JSON keeps the Query status (awsQueryCompatible).
    await expect(h.sqs(wrongSecret).send(new ListQueuesCommand({}))).rejects.toMatchObject({
      $metadata: { httpStatusCode: 403 },
      Code: 'SignatureDoesNotMatch',
    });
  });

  it('rejects an access key id the gateway does not know', async () => {
    await expect(h.sns(CONSUMER).send(new ListTopicsCommand({}))).rejects.toMatchObject({
      name: 'InvalidClientTokenId',
      $metadata: { httpStatusCode: 403 },
    });
    await expect(h.kmsClient(CONSUMER).send(new ListKeysCommand({}))).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
    });
  });

  it('rejects a request dated more than 15 minutes from the server clock', async () => {
    clock.advance(16 * 60 * 1000);
    try {
      await expect(h.sns().send(new ListTopicsCommand({}))).rejects.toMatchObject({
        name: 'SignatureDoesNotMatch',
        message: expect.stringMatching(/^Signature expired: \d{8}T\d{6}Z is now earlier than/),
        $metadata: { httpStatusCode: 403 },
      });
    } finally {
      clock.advance(-16 * 60 * 1000);
    }
    await expect(h.sns().send(new ListTopicsCommand({}))).resolves.toBeDefined();
  });
});
