import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAwsBroker } from '../src/createAwsBroker.js';

const ACCOUNT = '000000000000';
const KEY_ARN = 'arn:aws:kms:us-east-1:000000000000:key/5a1e1b6e-0b9c-4a57-9a37-6c1d1f2b3c4d';

/**
 * A small SQS JSON server shaped like other AWS implementations: it reports
 * `SqsManagedSseEnabled=true` beside a `KmsMasterKeyId`, plus attributes sealbus does not know.
 * It records what the backend writes.
 */
function fakeSqs(): { server: Server; written: Array<Record<string, string>> } {
  const written: Array<Record<string, string>> = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    req.on('end', () => {
      const action = String(req.headers['x-amz-target']).replace('AmazonSQS.', '');
      const input = JSON.parse(body || '{}') as Record<string, unknown>;
      const origin = `http://${req.headers.host}`;
      let output: Record<string, unknown> = {};
      if (action === 'GetQueueUrl' || action === 'CreateQueue') {
        output = { QueueUrl: `${origin}/${ACCOUNT}/${String(input.QueueName)}` };
      } else if (action === 'GetQueueAttributes') {
        output = {
          Attributes: {
            QueueArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:orders`,
            VisibilityTimeout: '30',
            KmsMasterKeyId: KEY_ARN,
            KmsDataKeyReusePeriodSeconds: '300',
            SqsManagedSseEnabled: 'true',
            ApproximateNumberOfMessages: '2',
            ReceiveMessageWaitTimeSeconds: '0',
            // Not SQS attributes sealbus knows: a lenient reader skips them.
            ProprietaryFlag: 'on',
            DelaySeconds: '0',
          },
        };
      } else if (action === 'PurgeQueue') {
        // Nothing held: the fake only answers.
      } else if (action === 'SetQueueAttributes') {
        written.push(input.Attributes as Record<string, string>);
      } else {
        res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(JSON.stringify({ __type: 'com.amazonaws.sqs#InvalidAction', message: action }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify(output));
    });
  });
  return { server, written };
}

let fake: ReturnType<typeof fakeSqs>;
let endpoint: string;
beforeAll(async () => {
  fake = fakeSqs();
  await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => fake.server.close(() => resolve())));

function broker() {
  return createAwsBroker({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
  });
}

it('reads redundant and unknown attributes a server reports without throwing', async () => {
  const b = broker();
  const queue = await b.getQueue('orders');
  const attributes = await queue.getAttributes();
  // The key wins over the redundant SqsManagedSseEnabled=true: the queue is SSE-KMS.
  expect(attributes).toMatchObject({
    KmsMasterKeyId: KEY_ARN,
    SqsManagedSseEnabled: false,
    KmsDataKeyReusePeriodSeconds: 300,
    ApproximateNumberOfMessages: 2,
  });
  expect(attributes).not.toHaveProperty('ProprietaryFlag');
  await b.close();
});

it('setAttributes validates and writes only what the caller gives', async () => {
  const b = broker();
  const queue = await b.getQueue('orders');
  fake.written.length = 0;
  await queue.setAttributes({ VisibilityTimeout: 45 });
  expect(fake.written).toEqual([{ VisibilityTimeout: '45' }]);
  // The caller's own values are still checked before the server sees them.
  await expect(queue.setAttributes({ VisibilityTimeout: 50_000 })).rejects.toMatchObject({
    code: 'InvalidAttributeValue',
  });
  expect(fake.written).toHaveLength(1);
  await b.close();
});

it('the EMR start-up steps (create with SSE-KMS, read the depth, purge) run against such a server', async () => {
  const b = broker();
  const queue = await b.createQueue('orders', {
    KmsMasterKeyId: KEY_ARN,
    KmsDataKeyReusePeriodSeconds: 300,
  });
  const attributes = await queue.getAttributes();
  expect(attributes.ApproximateNumberOfMessages).toBe(2);
  await queue.purge();
  await b.close();
});
