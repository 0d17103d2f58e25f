import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, PRODUCER, startHarness } from './harness.js';

const run = promisify(execFile);
const script = join(dirname(fileURLToPath(import.meta.url)), 'boto3', 'wire_errors.py');

/** AWS's codes and texts as boto3 sees them, over both botocore SQS protocols, SNS and KMS. */
let h: Harness;
let out: Record<string, unknown> & Record<'json' | 'query', Record<string, unknown>>;

beforeAll(async () => {
  h = await startHarness({
    gateway: {
      verifySigv4: true,
      credentials: { [PRODUCER.accessKeyId]: PRODUCER.secretAccessKey },
    },
  });
  const { stdout } = await run('python3', [
    script,
    h.gateway.url,
    PRODUCER.accessKeyId,
    PRODUCER.secretAccessKey,
  ]);
  out = JSON.parse(stdout);
});
afterAll(() => h.close());

describe.each(['json', 'query'] as const)('boto3 SQS %s', (protocol) => {
  it('speaks that protocol (the Query client is not silently JSON)', () => {
    expect(out[protocol].protocol).toBe(protocol);
  });

  it('answers a missing queue with AWS.SimpleQueueService.NonExistentQueue and "The specified queue does not exist."', () => {
    expect(out[protocol].nonexistentQueue).toEqual({
      code: 'AWS.SimpleQueueService.NonExistentQueue',
      message: 'The specified queue does not exist.',
      status: 400,
    });
  });

  it('answers an empty batch with "There should be at least one SendMessageBatchRequestEntry in the request."', () => {
    expect(out[protocol].emptyBatch).toEqual({
      code: 'AWS.SimpleQueueService.EmptyBatchRequest',
      message: 'There should be at least one SendMessageBatchRequestEntry in the request.',
      status: 400,
    });
  });

  it('refuses a per-message DelaySeconds on a FIFO queue with AWS text', () => {
    expect(out[protocol].fifoDelay).toEqual({
      code: 'InvalidParameterValue',
      message:
        'Value 5 for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.',
      status: 400,
    });
  });

  it('answers bad and unknown queue attributes with AWS texts', () => {
    expect(out[protocol].invalidAttributeValue).toEqual({
      code: 'InvalidAttributeValue',
      message: 'Invalid value for the parameter VisibilityTimeout.',
      status: 400,
    });
    expect(out[protocol].unknownAttribute).toEqual({
      code: 'InvalidAttributeName',
      message: 'Unknown Attribute Bogus.',
      status: 400,
    });
  });
});

describe('boto3 SNS, KMS and authentication', () => {
  it('SNS: NotFound "Topic does not exist" (404)', () => {
    expect(out.nonexistentTopic).toEqual({
      code: 'NotFound',
      message: 'Topic does not exist',
      status: 404,
    });
  });

  it("KMS: NotFoundException and DisabledException with AWS KMS's texts", () => {
    expect(out.kmsNotFound).toEqual({
      code: 'NotFoundException',
      message:
        "Key 'arn:aws:kms:us-east-1:000000000000:key/11111111-2222-3333-4444-555555555555' does not exist",
      status: 400,
    });
    expect(out.kmsDisabled).toEqual({
      code: 'DisabledException',
      message: `${out.kmsDisabledArn} is disabled.`,
      status: 400,
    });
  });

  it('auth: InvalidClientTokenId and SignatureDoesNotMatch with the AWS Common Errors texts', () => {
    expect(out.unknownKey).toEqual({
      code: 'InvalidClientTokenId',
      message: 'The security token included in the request is invalid.',
      status: 403,
    });
    expect(out.wrongSecret).toEqual({
      code: 'SignatureDoesNotMatch',
      message:
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
      status: 403,
    });
  });
});
