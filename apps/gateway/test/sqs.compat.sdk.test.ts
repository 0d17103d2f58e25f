import * as sqsJson from '@aws-sdk/client-sqs';
import * as sqsQuery from '@aws-sdk/client-sqs-query';
import { silentLogger } from '@sealbus/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGatewayCliOptions } from '../src/cli/options.js';
import { type RunningGateway, startGateway } from '../src/cli/startGateway.js';
import { PRODUCER } from './harness.js';

/**
 * SQS compatibility through AWS SDK v3: client-sqs ≥ 3.446 speaks SQS JSON, 3.445 SQS Query.
 * Signatures are verified, so requests scoped to other regions prove those verify too. Each
 * test names the SQS API reference statement it checks and asserts code, status and text.
 */
type Sdk = typeof sqsJson;
const SDKS: Record<'json' | 'query', Sdk> = {
  json: sqsJson,
  query: sqsQuery as unknown as Sdk,
};

let gateway: RunningGateway;

beforeAll(async () => {
  const options = await parseGatewayCliOptions(
    [
      ...['--backend', 'memory', '--port', '0', '--verify-sigv4'],
      ...['--credentials', `${PRODUCER.accessKeyId}:${PRODUCER.secretAccessKey}`],
      ...['--console-token', 'compat-console-token-0123'],
    ],
    {},
  );
  if (options === 'help') throw new Error('no help asked');
  gateway = await startGateway(options, silentLogger);
});

afterAll(async () => {
  await gateway?.stop();
});

/** What an SDK error says on the wire. */
async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

describe.each(['json', 'query'] as const)('AWS SDK v3 over SQS %s', (protocol) => {
  const sdk = SDKS[protocol];
  const client = (region: string) =>
    new sdk.SQSClient({
      endpoint: gateway.url,
      region,
      credentials: PRODUCER,
      maxAttempts: 1,
    });
  const name = (suffix: string) => `sdk-${protocol}-${suffix}`;

  it('DeleteMessage: a stale handle succeeds; ChangeMessageVisibility answers InvalidParameterValue', async () => {
    const sqs = client('us-east-1');
    const { QueueUrl } = await sqs.send(
      new sdk.CreateQueueCommand({
        QueueName: name('handles'),
        Attributes: { VisibilityTimeout: '0' },
      }),
    );
    await sqs.send(new sdk.SendMessageCommand({ QueueUrl, MessageBody: 'm' }));
    const first = (await sqs.send(new sdk.ReceiveMessageCommand({ QueueUrl }))).Messages![0]!;
    const second = (
      await sqs.send(new sdk.ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 60 }))
    ).Messages![0]!;
    // "the request will still succeed, but the message might not be deleted"
    await sqs.send(new sdk.DeleteMessageCommand({ QueueUrl, ReceiptHandle: first.ReceiptHandle }));
    await sqs.send(new sdk.DeleteMessageCommand({ QueueUrl, ReceiptHandle: second.ReceiptHandle }));
    expect(
      await failure(
        sqs.send(
          new sdk.ChangeMessageVisibilityCommand({
            QueueUrl,
            ReceiptHandle: second.ReceiptHandle,
            VisibilityTimeout: 5,
          }),
        ),
      ),
    ).toEqual({
      name: 'InvalidParameterValue',
      message: `Value ${second.ReceiptHandle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.`,
      status: 400,
    });
    sqs.destroy();
  });

  it('SendMessage DelaySeconds: a FIFO queue takes 0 and refuses a per-message delay', async () => {
    const sqs = client('us-east-1');
    const { QueueUrl } = await sqs.send(
      new sdk.CreateQueueCommand({
        QueueName: name('delay.fifo'),
        Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true' },
      }),
    );
    const send = (DelaySeconds: number) =>
      sqs.send(
        new sdk.SendMessageCommand({
          QueueUrl,
          MessageBody: 'b',
          MessageGroupId: 'g',
          DelaySeconds,
        }),
      );
    await send(0);
    expect(await failure(send(5))).toEqual({
      name: 'InvalidParameterValue',
      message:
        'Value 5 for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.',
      status: 400,
    });
    sqs.destroy();
  });

  it('AddPermission writes the Policy statement; RemovePermission refuses an unknown label', async () => {
    const sqs = client('us-east-1');
    const { QueueUrl } = await sqs.send(new sdk.CreateQueueCommand({ QueueName: name('perms') }));
    await sqs.send(
      new sdk.AddPermissionCommand({
        QueueUrl,
        Label: 'AliceSendMessage',
        AWSAccountIds: ['111111111111'],
        Actions: ['SendMessage'],
      }),
    );
    const { Attributes } = await sqs.send(
      new sdk.GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['Policy', 'QueueArn'] }),
    );
    expect(JSON.parse(Attributes!.Policy!).Statement).toEqual([
      {
        Sid: 'AliceSendMessage',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111111111111:root' },
        Action: 'SQS:SendMessage',
        Resource: Attributes!.QueueArn,
      },
    ]);
    await sqs.send(new sdk.RemovePermissionCommand({ QueueUrl, Label: 'AliceSendMessage' }));
    expect(
      await failure(
        sqs.send(new sdk.RemovePermissionCommand({ QueueUrl, Label: 'AliceSendMessage' })),
      ),
    ).toEqual({
      name: 'InvalidParameterValue',
      message:
        "Value AliceSendMessage for parameter Label is invalid. Reason: can't find label on existing policy.",
      status: 400,
    });
    expect(
      await failure(
        sqs.send(
          new sdk.AddPermissionCommand({
            QueueUrl,
            Label: 'Many',
            AWSAccountIds: ['111111111111'],
            Actions: Array.from({ length: 8 }, () => 'SendMessage'),
          }),
        ),
      ),
    ).toEqual({
      name: 'OverLimit',
      // client-sqs 3.445 reads a modeled Query error's text from a lower-case <message>; the
      // Query error body carries <Message>, as SQS's does, so that SDK shows "UnknownError".
      message: protocol === 'json' ? '8 Actions were found, maximum allowed is 7.' : 'UnknownError',
      status: 403,
    });
    sqs.destroy();
  });

  it('queues are regional: a signed eu-west-1 request gets its own namespace', async () => {
    const east = client('us-east-1');
    const west = client('eu-west-1');
    const { QueueUrl } = await west.send(new sdk.CreateQueueCommand({ QueueName: name('west') }));
    expect(QueueUrl).toBe(`${gateway.url}/000000000000/${name('west')}`);
    const { Attributes } = await west.send(
      new sdk.GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    expect(Attributes!.QueueArn).toBe(`arn:aws:sqs:eu-west-1:000000000000:${name('west')}`);
    const listed = await east.send(new sdk.ListQueuesCommand({ QueueNamePrefix: name('west') }));
    expect(listed.QueueUrls ?? []).toEqual([]);
    east.destroy();
    west.destroy();
  });
});
