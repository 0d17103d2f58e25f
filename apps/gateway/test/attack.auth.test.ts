import { KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { ListTopicsCommand, SNSClient } from '@aws-sdk/client-sns';
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import {
  ListQueuesCommand as QueryListQueuesCommand,
  SQSClient as QuerySQSClient,
} from '@aws-sdk/client-sqs-query';
import { createConsole } from '@sealbus/console';
import { LocalKms } from '@sealbus/kms-local';
import { createMemoryBroker } from '@sealbus/memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONSUMER,
  type Credentials,
  type Harness,
  PRODUCER,
  REGION,
  startHarness,
} from './harness.js';
import { type RawRequest, send, signRequest, TARGETS, type WireTarget } from './raw.js';
import { readAnswer } from './wire.js';

/**
 * The attack suite of the gateway's authentication (docs/security-model.md): every way of
 * calling without the right signature, on every protocol and the console, answered with AWS's
 * code and text. Texts of the AWS Common Errors page (SQS and KMS API references) and of the
 * SigV4 troubleshooting guide ("Credential should be scoped to correct service").
 */
const CONSOLE_TOKEN = 'attack-suite-console-token';
const UNKNOWN = { accessKeyId: 'AKIDNOBODY', secretAccessKey: 'nobody-secret' };

let h: Harness;
beforeAll(async () => {
  const kms = new LocalKms();
  const broker = createMemoryBroker({ kms });
  h = await startHarness({
    kms,
    broker,
    gateway: {
      verifySigv4: true,
      credentials: {
        [PRODUCER.accessKeyId]: PRODUCER.secretAccessKey,
        [CONSUMER.accessKeyId]: CONSUMER.secretAccessKey,
      },
      console: createConsole({ broker, kms, accessToken: CONSOLE_TOKEN }),
    },
  });
});
afterAll(() => h.close());

/**
 * What each protocol answers for one refusal: [status, code] of Query and of KMS JSON. SQS JSON
 * answers the Query status and code (in `x-amzn-query-error`) with the JSON shape name.
 */
interface Expected {
  query: [number, string];
  json: [number, string];
  message: string | RegExp;
}

function statusAndCode(target: WireTarget['name'], expected: Expected): [number, string] {
  if (target === 'sqs-json') return [expected.query[0], expected.json[1]];
  return target === 'kms-json' ? expected.json : expected.query;
}

function expectAnswer(
  target: WireTarget,
  answer: ReturnType<typeof readAnswer>,
  expected: Expected,
) {
  const [status, code] = statusAndCode(target.name, expected);
  expect({ status: answer.status, code: answer.code }).toEqual({ status, code });
  if (target.name === 'sqs-json') expect(answer.queryCode).toBe(expected.query[1]);
  if (typeof expected.message === 'string') expect(answer.message).toBe(expected.message);
  else expect(answer.message).toMatch(expected.message);
}

const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const mismatch = (message: string | RegExp): Expected => ({
  query: [403, 'SignatureDoesNotMatch'],
  json: [400, 'InvalidSignatureException'],
  message,
});

/** Cases no SDK produces: sent as raw node:http requests. */
const RAW_CASES: Array<{
  name: string;
  request(target: WireTarget): Promise<RawRequest>;
  expected(target: WireTarget): Expected;
}> = [
  {
    name: 'no signature',
    request: async (target) => ({ headers: target.headers, body: target.body }),
    expected: () => ({
      // AWS Common Errors: MissingAuthenticationToken, HTTP 403.
      query: [403, 'MissingAuthenticationToken'],
      json: [400, 'MissingAuthenticationTokenException'],
      message:
        'The request must contain either a valid (registered) AWS access key ID or X.509 certificate.',
    }),
  },
  {
    name: 'garbage Authorization',
    request: async (target) => ({
      headers: { ...target.headers, authorization: 'Basic cm9vdDpyb290' },
      body: target.body,
    }),
    expected: () => ({
      // AWS Common Errors: IncompleteSignature, HTTP 400.
      query: [400, 'IncompleteSignature'],
      json: [400, 'IncompleteSignatureException'],
      message: /^The request signature does not conform to AWS standards\. /,
    }),
  },
  {
    name: 'an ARN posing as the access key id (no way to claim root)',
    request: async (target) => {
      const signed = await signRequest(h.gateway.url, target, { credentials: PRODUCER });
      signed.headers.authorization = signed.headers.authorization!.replace(
        PRODUCER.accessKeyId,
        'arn:aws:iam::000000000000:root',
      );
      return signed;
    },
    expected: () => ({
      query: [403, 'InvalidClientTokenId'],
      json: [400, 'UnrecognizedClientException'],
      message: 'The security token included in the request is invalid.',
    }),
  },
  {
    name: 'credential scope of another service (s3)',
    request: (target) =>
      signRequest(h.gateway.url, target, { credentials: PRODUCER, service: 's3' }),
    expected: (target) =>
      mismatch(`Credential should be scoped to correct service: '${target.service}'. `),
  },
  {
    name: 'UNSIGNED-PAYLOAD',
    request: (target) =>
      signRequest(h.gateway.url, target, {
        credentials: PRODUCER,
        headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      }),
    expected: () =>
      mismatch(
        `${SIGNATURE_MISMATCH} x-amz-content-sha256 UNSIGNED-PAYLOAD is accepted by Amazon S3 only; sign the SHA-256 of the body.`,
      ),
  },
  {
    name: 'body swapped under a signed x-amz-content-sha256',
    request: async (target) => {
      const signed = await signRequest(h.gateway.url, target, { credentials: PRODUCER });
      return { ...signed, body: `${target.body} ` };
    },
    expected: () =>
      mismatch("The provided 'x-amz-content-sha256' header does not match what was computed."),
  },
  {
    name: 'body swapped under the signature (no x-amz-content-sha256)',
    request: async (target) => {
      const signed = await signRequest(h.gateway.url, target, {
        credentials: PRODUCER,
        contentSha256Header: false,
      });
      expect(signed.headers['x-amz-content-sha256']).toBeUndefined();
      return { ...signed, body: `${target.body} ` };
    },
    expected: () => mismatch(SIGNATURE_MISMATCH),
  },
];

describe.each(TARGETS)('$name refuses, with AWS code and text on the wire:', (target) => {
  it.each(RAW_CASES)('$name (raw node:http)', async ({ request, expected }) => {
    const response = await send(h.gateway.url, await request(target));
    expectAnswer(target, readAnswer(target.name, response), expected(target));
  });

  it('accepts the same request signed correctly by the AWS signer', async () => {
    const response = await send(
      h.gateway.url,
      await signRequest(h.gateway.url, target, { credentials: PRODUCER }),
    );
    expect(readAnswer(target.name, response).status).toBe(200);
  });
});

/** Cases a real SDK v3 client produces, per protocol. */
const SDK_CLIENTS: Array<{
  target: WireTarget['name'];
  call(config: {
    credentials: Credentials;
    region: string;
    systemClockOffset?: number;
  }): Promise<unknown>;
}> = [
  {
    target: 'sqs-json',
    call: (config) =>
      withClient(new SQSClient(clientConfig(config)), (c) => c.send(new ListQueuesCommand({}))),
  },
  {
    target: 'sqs-query',
    call: (config) =>
      withClient(new QuerySQSClient(clientConfig(config)), (c) =>
        c.send(new QueryListQueuesCommand({})),
      ),
  },
  {
    target: 'sns-query',
    call: (config) =>
      withClient(new SNSClient(clientConfig(config)), (c) => c.send(new ListTopicsCommand({}))),
  },
  {
    target: 'kms-json',
    call: (config) =>
      withClient(new KMSClient(clientConfig(config)), (c) => c.send(new ListKeysCommand({}))),
  },
];

function clientConfig(config: {
  credentials: Credentials;
  region: string;
  systemClockOffset?: number;
}) {
  return { endpoint: h.gateway.url, maxAttempts: 1, ...config };
}

async function withClient<C extends { destroy(): void }>(
  client: C,
  run: (client: C) => Promise<unknown>,
) {
  try {
    return await run(client);
  } finally {
    client.destroy();
  }
}

const SDK_CASES: Array<{
  name: string;
  config: { credentials: Credentials; region: string; systemClockOffset?: number };
  expected: Expected;
}> = [
  {
    name: 'wrong secret',
    config: { credentials: { ...PRODUCER, secretAccessKey: 'guessed' }, region: REGION },
    expected: mismatch(SIGNATURE_MISMATCH),
  },
  {
    name: "another principal's access key id with one's own secret",
    config: {
      credentials: { accessKeyId: CONSUMER.accessKeyId, secretAccessKey: PRODUCER.secretAccessKey },
      region: REGION,
    },
    expected: mismatch(SIGNATURE_MISMATCH),
  },
  {
    name: 'an access key id the gateway does not know',
    config: { credentials: UNKNOWN, region: REGION },
    expected: {
      query: [403, 'InvalidClientTokenId'],
      json: [400, 'UnrecognizedClientException'],
      message: 'The security token included in the request is invalid.',
    },
  },
  {
    name: 'a date 20 minutes old (AWS allows 15)',
    config: { credentials: PRODUCER, region: REGION, systemClockOffset: -20 * 60 * 1000 },
    expected: mismatch(
      /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/,
    ),
  },
  {
    name: 'a date 20 minutes ahead',
    config: { credentials: PRODUCER, region: REGION, systemClockOffset: 20 * 60 * 1000 },
    expected: mismatch(
      /^Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 15 min\.\)$/,
    ),
  },
  {
    name: 'credential scope of another region',
    config: { credentials: PRODUCER, region: 'eu-west-1' },
    expected: mismatch("Credential should be scoped to a valid region, not 'eu-west-1'. "),
  },
];

describe.each(SDK_CLIENTS)('$target with a real SDK v3 client refuses', ({ target, call }) => {
  it.each(SDK_CASES)('$name', async ({ config, expected }) => {
    const error = (await call(config).then(
      () => undefined,
      (e: unknown) => e,
    )) as { name: string; message: string; Code?: string; $metadata: { httpStatusCode: number } };
    expect(error, 'the call must fail').toBeDefined();
    const [status, code] = statusAndCode(target, expected);
    expect(error.$metadata.httpStatusCode).toBe(status);
    // SQS JSON clients name the error after its Query code (x-amzn-query-error).
    expect(target === 'sqs-json' ? error.Code : error.name).toBe(
      target === 'sqs-json' ? expected.query[1] : code,
    );
    if (typeof expected.message === 'string') expect(error.message).toBe(expected.message);
    else expect(error.message).toMatch(expected.message);
  });
});

describe('the console refuses every caller without its access token', () => {
  const page = (headers: Record<string, string>) =>
    send(h.gateway.url, { method: 'GET', path: '/console/queues', headers, body: '' });
  const REFUSAL =
    'The console needs its access token: send "Authorization: Bearer <token>" or sign in at /console/login.';

  it.each([
    ['no credentials', {}],
    ['garbage Authorization', { authorization: 'Basic cm9vdDpyb290' }],
    ['a wrong token', { authorization: 'Bearer wrong-token-of-some-length' }],
  ])('%s: 401 with a Bearer challenge', async (_, headers) => {
    const response = await page(headers);
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="sealbus-console"');
    expect(response.body).toBe(REFUSAL);
  });

  it('a valid SigV4 signature is no console credential (expired, other scopes and unsigned payloads alike)', async () => {
    const signed = await signRequest(h.gateway.url, TARGETS[0]!, { credentials: PRODUCER });
    const response = await page(signed.headers);
    expect(response.status).toBe(401);
    expect(response.body).toBe(REFUSAL);
  });

  it('the access token opens it', async () => {
    const response = await page({ authorization: `Bearer ${CONSOLE_TOKEN}` });
    expect(response.status).toBe(200);
  });
});
