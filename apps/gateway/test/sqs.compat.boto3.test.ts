import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { silentLogger } from '@sealbus/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGatewayCliOptions } from '../src/cli/options.js';
import { type RunningGateway, startGateway } from '../src/cli/startGateway.js';

/**
 * SQS compatibility through boto3 over both botocore SQS protocols (JSON 1.0 and Query), one
 * python process for the whole file. Each test names the SQS API reference statement it checks
 * and asserts AWS's error code, HTTP status and text.
 */
const run = promisify(execFile);
const script = join(dirname(fileURLToPath(import.meta.url)), 'boto3', 'sqs_compat.py');
const ACCOUNT = '123456789012';

type Outcome = Record<string, unknown>;
let gateway: RunningGateway;
let results: Record<'json' | 'query', Outcome>;

beforeAll(async () => {
  const options = await parseGatewayCliOptions(
    ['--backend', 'memory', '--account-id', ACCOUNT, '--port', '0'],
    {},
  );
  if (options === 'help') throw new Error('no help asked');
  gateway = await startGateway(options, silentLogger);
  const { stdout } = await run('python3', [script, gateway.url, 'r'], { timeout: 60_000 });
  results = JSON.parse(stdout);
}, 90_000);

afterAll(async () => {
  await gateway?.stop();
});

describe.each(['json', 'query'] as const)('boto3 over SQS %s', (protocol) => {
  const out = () => results[protocol];

  it('speaks the protocol it is named after', () => {
    expect(out().contentTypes).toEqual([
      protocol === 'json'
        ? 'application/x-amz-json-1.0'
        : 'application/x-www-form-urlencoded; charset=utf-8',
    ]);
  });

  it('DeleteMessage: a stale handle "will still succeed, but the message might not be deleted"', () => {
    expect(out().staleDelete).toBeNull();
    expect(out().depthAfterStaleDelete).toBe('1');
    expect(out().staleDeleteBatch).toEqual({ successful: ['current', 'stale'], failed: [] });
  });

  it('ChangeMessageVisibility(Batch): a handle of a deleted message is InvalidParameterValue', () => {
    const message = `Value ${out().staleHandle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.`;
    expect(out().staleVisibility).toEqual({ code: 'InvalidParameterValue', message, status: 400 });
    expect(out().staleVisibilityBatch).toEqual([
      { Id: 'gone', SenderFault: true, Code: 'InvalidParameterValue', Message: message },
    ]);
  });

  it('ReceiptHandleIsInvalid: "The specified receipt handle isn\'t valid." (HTTP 404)', () => {
    expect(out().malformedHandle).toEqual({
      code: 'ReceiptHandleIsInvalid',
      message: 'The input receipt handle "garbage" is not a valid receipt handle.',
      status: 404,
    });
  });

  it('SendMessage DelaySeconds: FIFO queues accept 0 and refuse a per-message delay', () => {
    expect(out().fifoDelayZero).toBeNull();
    expect(out().fifoDelayFive).toEqual({
      code: 'InvalidParameterValue',
      message:
        'Value 5 for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.',
      status: 400,
    });
  });

  it('AddPermission "generates a policy for you": one statement per label', () => {
    const arn = out().queueArn;
    expect(arn).toBe(`arn:aws:sqs:us-east-1:${ACCOUNT}:compat-${protocol}-r`);
    expect(out().policy).toEqual({
      Version: '2012-10-17',
      Id: `${arn}/SQSDefaultPolicy`,
      Statement: [
        {
          Sid: 'AliceSendMessage',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::111111111111:root' },
          Action: 'SQS:SendMessage',
          Resource: arn,
        },
        {
          Sid: 'Readers',
          Effect: 'Allow',
          Principal: { AWS: ['arn:aws:iam::111111111111:root', 'arn:aws:iam::222222222222:root'] },
          Action: ['SQS:ReceiveMessage', 'SQS:DeleteMessage'],
          Resource: arn,
        },
      ],
    });
  });

  it('AddPermission Label: "The unique identification of the permission" (a repeat is refused)', () => {
    expect(out().duplicateLabel).toEqual({
      code: 'InvalidParameterValue',
      message: 'Value Readers for parameter Label is invalid. Reason: Already exists.',
      status: 400,
    });
  });

  it('AddPermission: "a maximum of seven actions per statement" (OverLimit, HTTP 403)', () => {
    expect(out().eightActions).toEqual({
      code: 'OverLimit',
      message: '8 Actions were found, maximum allowed is 7.',
      status: 403,
    });
  });

  it('AddPermission: only the queue owner may be granted owner actions; AWSAccountIds is required', () => {
    expect(out().ownerOnlyAction).toEqual({
      code: 'InvalidParameterValue',
      message:
        'Value SQS:SetQueueAttributes for parameter ActionName is invalid. Reason: Only the queue owner is allowed to invoke this action.',
      status: 400,
    });
    expect(out().noAccounts).toEqual({
      code: 'InvalidParameterValue',
      message: 'Value [] for parameter PrincipalId is invalid. Reason: Unable to verify.',
      status: 400,
    });
  });

  it('RemovePermission "revokes any permissions in the queue policy that matches the Label"', () => {
    expect(out().policyAfterRemove).toBeNull();
    expect(out().unknownLabel).toEqual({
      code: 'InvalidParameterValue',
      message:
        "Value Readers for parameter Label is invalid. Reason: can't find label on existing policy.",
      status: 400,
    });
  });

  it('TagQueue: Tags is required and a queue holds at most 50 tags', () => {
    expect(out().emptyTags).toEqual({
      code: 'MissingParameter',
      message: 'The request must contain the parameter Tags.',
      status: 400,
    });
    expect(out().fiftyFirstTag).toEqual({
      code: 'InvalidParameterValue',
      message: `Too many tags added for queue compat-${protocol}-r.`,
      status: 400,
    });
    expect(out().tagCount).toBe(50);
  });

  it('GetQueueUrl QueueOwnerAWSAccountId: another account has no such queue', () => {
    // Error text is still sealbus's until the error catalogue lands.
    expect(out().otherOwner).toMatchObject({
      code: 'AWS.SimpleQueueService.NonExistentQueue',
      status: 400,
    });
  });

  it('queues are regional: eu-west-1 is its own namespace, its ARN names it, its URL the host called', () => {
    const host = new URL(gateway.url).host;
    expect(out().westUrl).toBe(`http://${host}/${ACCOUNT}/compat-${protocol}-r-west`);
    expect(out().westArn).toBe(`arn:aws:sqs:eu-west-1:${ACCOUNT}:compat-${protocol}-r-west`);
    expect(out().eastListsWest).toBe(false);
    // Error text is still sealbus's until the error catalogue lands.
    expect(out().westFromEast).toMatchObject({
      code: 'AWS.SimpleQueueService.NonExistentQueue',
      status: 400,
    });
  });
});
