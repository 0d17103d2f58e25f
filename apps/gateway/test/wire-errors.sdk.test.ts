import {
  CreateKeyCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EncryptCommand,
} from '@aws-sdk/client-kms';
import { PublishCommand } from '@aws-sdk/client-sns';
import * as sqsJson from '@aws-sdk/client-sqs';
import * as sqsQuery from '@aws-sdk/client-sqs-query';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSUMER, type Harness, PRODUCER, REGION, startHarness } from './harness.js';

/**
 * AWS's codes and texts on the wire, seen by real AWS SDK v3 clients over HTTP: SQS JSON
 * (client-sqs), SQS Query (client-sqs 3.445), SNS Query and KMS JSON. Each case names the AWS
 * statement it checks; the texts are those of the error catalogue (ERROR_CATALOGUE).
 */
let h: Harness;
let json: sqsJson.SQSClient;
let legacy: sqsQuery.SQSClient;
let standardUrl: string;
let fifoUrl: string;

beforeAll(async () => {
  h = await startHarness({
    gateway: {
      verifySigv4: true,
      credentials: {
        [PRODUCER.accessKeyId]: PRODUCER.secretAccessKey,
        [CONSUMER.accessKeyId]: CONSUMER.secretAccessKey,
      },
    },
  });
  json = h.sqs();
  legacy = new sqsQuery.SQSClient({
    endpoint: h.gateway.url,
    region: REGION,
    credentials: PRODUCER,
    maxAttempts: 1,
  });
  standardUrl = (await json.send(new sqsJson.CreateQueueCommand({ QueueName: 'wire-std' })))
    .QueueUrl!;
  fifoUrl = (
    await json.send(
      new sqsJson.CreateQueueCommand({ QueueName: 'wire.fifo', Attributes: { FifoQueue: 'true' } }),
    )
  ).QueueUrl!;
});
afterAll(async () => {
  legacy.destroy();
  await h.close();
});

interface Seen {
  name: string;
  code: string | undefined;
  message: string;
  status: number | undefined;
}

async function failure(call: () => Promise<unknown>): Promise<Seen> {
  try {
    await call();
  } catch (error) {
    const e = error as {
      name: string;
      Code?: string;
      message: string;
      $metadata?: { httpStatusCode?: number };
      /** client-sqs 3.445 (Query) keeps the parsed <Error> here and says "UnknownError" in `message`. */
      Error?: { Code?: string; Message?: string };
    };
    return {
      name: e.name,
      code: e.Error?.Code ?? e.Code,
      message: e.Error?.Message ?? e.message,
      status: e.$metadata?.httpStatusCode,
    };
  }
  throw new Error('the call succeeded');
}

type SqsModule = typeof sqsJson | typeof sqsQuery;

/**
 * Both SQS protocols answer the same case: each gets its own SDK module (commands carry their
 * protocol's serializer) and client.
 */
const PROTOCOLS: Array<[string, SqsModule, () => { send(command: unknown): Promise<unknown> }]> = [
  ['JSON', sqsJson, () => json as never],
  ['Query', sqsQuery, () => legacy as never],
];

describe.each(PROTOCOLS)('SQS %s', (_protocol, sdk, client) => {
  const {
    GetQueueUrlCommand,
    SendMessageBatchCommand,
    SendMessageCommand,
    SetQueueAttributesCommand,
  } = sdk;
  it('QueueDoesNotExist: "The specified queue does not exist." (API reference, GetQueueUrl errors)', async () => {
    const seen = await failure(() => client().send(new GetQueueUrlCommand({ QueueName: 'nope' })));
    expect(seen).toMatchObject({
      name: 'QueueDoesNotExist',
      // JSON: x-amzn-query-error; Query: <Code>. Both the Query spelling.
      code: 'AWS.SimpleQueueService.NonExistentQueue',
      message: 'The specified queue does not exist.',
      status: 400,
    });
  });

  it('EmptyBatchRequest: "There should be at least one SendMessageBatchRequestEntry in the request."', async () => {
    const seen = await failure(() =>
      client().send(new SendMessageBatchCommand({ QueueUrl: standardUrl, Entries: [] })),
    );
    expect(seen).toMatchObject({
      name: 'EmptyBatchRequest',
      code: 'AWS.SimpleQueueService.EmptyBatchRequest',
      message: 'There should be at least one SendMessageBatchRequestEntry in the request.',
    });
  });

  it('FIFO DelaySeconds: AWS rejects a per-message delay on a FIFO queue with its own text', async () => {
    const seen = await failure(() =>
      client().send(
        new SendMessageCommand({
          QueueUrl: fifoUrl,
          MessageBody: 'x',
          MessageGroupId: 'g',
          MessageDeduplicationId: 'd',
          DelaySeconds: 5,
        }),
      ),
    );
    expect(seen).toMatchObject({
      name: 'InvalidParameterValue',
      message:
        'Value 5 for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.',
    });
  });

  it('InvalidAttributeValue and InvalidAttributeName: "Invalid value for the parameter X." / "Unknown Attribute X."', async () => {
    const value = await failure(() =>
      client().send(
        new SetQueueAttributesCommand({
          QueueUrl: standardUrl,
          Attributes: { VisibilityTimeout: '99999' },
        }),
      ),
    );
    expect(value).toMatchObject({
      name: 'InvalidAttributeValue',
      message: 'Invalid value for the parameter VisibilityTimeout.',
    });
    const name = await failure(() =>
      client().send(
        new SetQueueAttributesCommand({
          QueueUrl: standardUrl,
          Attributes: { Bogus: '1' } as Record<string, string>,
        }),
      ),
    );
    expect(name).toMatchObject({
      name: 'InvalidAttributeName',
      message: 'Unknown Attribute Bogus.',
    });
  });
});

describe('SNS and KMS', () => {
  it('SNS NotFound: "Topic does not exist" with HTTP 404 (API reference, Publish errors)', async () => {
    const seen = await failure(() =>
      h.sns().send(
        new PublishCommand({
          TopicArn: 'arn:aws:sns:us-east-1:000000000000:nope',
          Message: 'x',
        }),
      ),
    );
    expect(seen).toMatchObject({
      name: 'NotFoundException',
      message: 'Topic does not exist',
      status: 404,
    });
  });

  it("KMS NotFoundException and DisabledException carry AWS KMS's texts", async () => {
    const kms = h.kmsClient();
    const missing = '11111111-2222-3333-4444-555555555555';
    const notFound = await failure(() => kms.send(new DescribeKeyCommand({ KeyId: missing })));
    expect(notFound).toMatchObject({
      name: 'NotFoundException',
      message: `Key 'arn:aws:kms:us-east-1:000000000000:key/${missing}' does not exist`,
      status: 400,
    });
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
    await kms.send(new DisableKeyCommand({ KeyId: KeyMetadata!.KeyId }));
    const disabled = await failure(() =>
      kms.send(new EncryptCommand({ KeyId: KeyMetadata!.KeyId, Plaintext: new Uint8Array([1]) })),
    );
    expect(disabled).toMatchObject({
      name: 'DisabledException',
      message: `${KeyMetadata!.Arn} is disabled.`,
    });
  });
});

describe('authentication (AWS Common Errors)', () => {
  it('InvalidClientTokenId: "The security token included in the request is invalid." (403)', async () => {
    const stranger = h.sqs({ accessKeyId: 'AKIDSTRANGER', secretAccessKey: 'x' });
    const seen = await failure(() =>
      stranger.send(new sqsJson.GetQueueUrlCommand({ QueueName: 'wire-std' })),
    );
    expect(seen).toMatchObject({
      code: 'InvalidClientTokenId',
      message: 'The security token included in the request is invalid.',
      status: 403,
    });
  });

  it('SignatureDoesNotMatch: AWS text for a wrong secret (403 on SQS, 400 InvalidSignatureException on KMS)', async () => {
    const wrong = { accessKeyId: PRODUCER.accessKeyId, secretAccessKey: 'not-the-secret' };
    const text =
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
    expect(
      await failure(() =>
        h.sqs(wrong).send(new sqsJson.GetQueueUrlCommand({ QueueName: 'wire-std' })),
      ),
    ).toMatchObject({ code: 'SignatureDoesNotMatch', message: text, status: 403 });
    expect(
      await failure(() => h.kmsClient(wrong).send(new DescribeKeyCommand({ KeyId: 'alias/x' }))),
    ).toMatchObject({ name: 'InvalidSignatureException', message: text, status: 400 });
  });
});
