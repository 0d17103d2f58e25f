import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { md5OfMessageBody } from '@sealbus/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createAwsBroker } from '../src/createAwsBroker.js';
import { AwsQueue } from '../src/queues/AwsQueue.js';

/**
 * Real HTTP against a scripted SQS JSON endpoint: what a gateway cannot be made to do
 * (throttle, fail, vanish) exercised through the SDK's own retry strategy.
 */
type Reply = (
  request: { target: string; body: Record<string, unknown> },
  response: ServerResponse,
) => void;

const servers: Server[] = [];

async function scriptedSqs(replies: Reply[]): Promise<{ url: string; calls: string[] }> {
  const calls: string[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => {
      raw += chunk.toString('utf8');
    });
    request.on('end', () => {
      const target = String(request.headers['x-amz-target'] ?? '').replace('AmazonSQS.', '');
      calls.push(target);
      const reply = replies[Math.min(calls.length - 1, replies.length - 1)]!;
      reply({ target, body: JSON.parse(raw || '{}') as Record<string, unknown> }, response);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls };
}

function json(response: ServerResponse, status: number, body: unknown, queryError?: string): void {
  response.writeHead(status, {
    'content-type': 'application/x-amz-json-1.0',
    'x-amzn-requestid': 'req',
    ...(queryError === undefined ? {} : { 'x-amzn-query-error': queryError }),
  });
  response.end(JSON.stringify(body));
}

const throttled: Reply = (_request, response) =>
  json(
    response,
    400,
    { __type: 'com.amazonaws.sqs#RequestThrottled', message: 'Rate exceeded' },
    'RequestThrottled;Sender',
  );
const sent: Reply = ({ body }, response) =>
  json(response, 200, {
    MessageId: 'm-1',
    MD5OfMessageBody: md5OfMessageBody(String(body.MessageBody)),
  });
const unavailable: Reply = (_request, response) => {
  response.writeHead(503, { 'content-type': 'application/x-amz-json-1.0' });
  response.end('{"__type":"ServiceUnavailable","message":"try later"}');
};

function broker(endpoint: string, maxAttempts: number) {
  return createAwsBroker({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    sqs: { maxAttempts },
  });
}

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))),
  );
});

describe('retries and throttling are the SDK retry strategy', () => {
  const queueUrl = (endpoint: string) => `${endpoint}/123456789012/orders`;

  it('retries throttled calls until one succeeds', async () => {
    const { url, calls } = await scriptedSqs([throttled, throttled, sent]);
    const client = broker(url, 3);
    const queue = getQueue(client, url);
    await expect(queue.send('hello')).resolves.toMatchObject({ messageId: 'm-1' });
    expect(calls.filter((call) => call === 'SendMessage')).toHaveLength(3);
    await client.close();
  });

  it('gives up after maxAttempts with a retryable RequestThrottledError', async () => {
    const { url, calls } = await scriptedSqs([throttled]);
    const client = broker(url, 2);
    const queue = getQueue(client, url);
    await expect(queue.send('hello')).rejects.toMatchObject({
      name: 'RequestThrottledError',
      code: 'RequestThrottled',
      retryable: true,
    });
    expect(calls.filter((call) => call === 'SendMessage')).toHaveLength(2);
    await client.close();
  });

  it('maps a 503 that outlasts the retries to ServiceUnavailable', async () => {
    const { url } = await scriptedSqs([unavailable]);
    const client = broker(url, 1);
    const queue = getQueue(client, url);
    await expect(queue.send('hello')).rejects.toMatchObject({
      code: 'ServiceUnavailable',
      retryable: true,
    });
    await client.close();
  });

  it('maps a refused connection to ServiceUnavailable naming the socket error', async () => {
    const { url } = await scriptedSqs([sent]);
    const closed = servers.pop()!;
    await new Promise((resolve) => closed.close(resolve));
    const client = broker(url, 1);
    const queue = await client.getQueue(queueUrl(url)).catch((error: unknown) => error);
    expect(queue).toMatchObject({ code: 'ServiceUnavailable', retryable: true });
    expect((queue as Error).message).toContain('ECONNREFUSED');
    await client.close();
  });

  /** The queue handle directly: these scripted endpoints answer only SendMessage. */
  function getQueue(client: ReturnType<typeof broker>, url: string): AwsQueue {
    return new AwsQueue(
      client.context,
      'orders',
      queueUrl(url),
      'arn:aws:sqs:us-east-1:123456789012:orders',
    );
  }
});
