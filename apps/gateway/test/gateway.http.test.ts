import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, identityHeaders, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ gateway: { maxBodyBytes: 64 * 1024 } });
});
afterAll(() => h.close());

function expectEnvelopeHeaders(response: Response): void {
  expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
  expect(Number.isNaN(Date.parse(response.headers.get('date') ?? ''))).toBe(false);
}

describe('HTTP envelope', () => {
  it('answers /health', async () => {
    const response = await fetch(`${h.gateway.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expectEnvelopeHeaders(response);
  });

  it('answers an unknown JSON target with __type and message only, never code', async () => {
    const response = await fetch(h.gateway.url, {
      method: 'POST',
      headers: {
        ...identityHeaders('sqs'),
        'x-amz-target': 'AmazonSQS.MakeCoffee',
        'content-type': 'application/x-amz-json-1.0',
      },
      body: '{}',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-query-error')).toBe('InvalidAction;Sender');
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['__type', 'message']);
    expect(body.__type).toBe('com.amazonaws.sqs#UnknownOperationException');
    expectEnvelopeHeaders(response);
  });

  it('answers KMS errors with short __type names', async () => {
    const response = await fetch(h.gateway.url, {
      method: 'POST',
      headers: {
        ...identityHeaders('kms'),
        'x-amz-target': 'TrentService.DescribeKey',
        'content-type': 'application/x-amz-json-1.1',
      },
      body: JSON.stringify({ KeyId: 'alias/missing' }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(await response.json()).toMatchObject({ __type: 'NotFoundException' });
  });

  it('rejects malformed JSON, requests without an action and oversized bodies', async () => {
    const malformed = await fetch(h.gateway.url, {
      method: 'POST',
      headers: {
        ...identityHeaders('sqs'),
        'x-amz-target': 'AmazonSQS.ListQueues',
        'content-type': 'application/x-amz-json-1.0',
      },
      body: '{not json',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('x-amzn-query-error')).toBe('InvalidParameterValue;Sender');
    const noAction = await fetch(h.gateway.url, {
      method: 'POST',
      headers: { ...identityHeaders('sqs'), 'content-type': 'application/x-www-form-urlencoded' },
      body: 'QueueName=x',
    });
    expect(noAction.status).toBe(400);
    expect(await noAction.text()).toContain('<Code>MissingParameter</Code>');
    const huge = await fetch(h.gateway.url, {
      method: 'POST',
      headers: {
        ...identityHeaders('sqs'),
        'x-amz-target': 'AmazonSQS.SendMessage',
        'content-type': 'application/x-amz-json-1.0',
      },
      body: JSON.stringify({ QueueUrl: 'q', MessageBody: 'x'.repeat(70 * 1024) }),
    });
    expect(huge.status).toBe(400);
    expect(((await huge.json()) as { message: string }).message).toContain(
      'larger than 65536 bytes',
    );
    expectEnvelopeHeaders(huge);
  });

  it("answers a bad percent escape in its protocol's own shape, naming the position only", async () => {
    const response = await fetch(h.gateway.url, {
      method: 'POST',
      headers: { ...identityHeaders('sns'), 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=Publish&Version=2010-03-31&TopicArn=t&Message=private%E0%A4%A',
    });
    expect(response.status).toBe(400);
    const xml = await response.text();
    expect(xml).toContain('<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">');
    expect(xml).toContain('<Code>InvalidParameter</Code>');
    expect(xml).toContain(
      '<Message>the form-encoded request has a malformed percent escape in parameter 4; encode parameters with encodeURIComponent</Message>',
    );
    expect(xml).not.toContain('private');
  });

  it('refuses a JSON body nested 30,000 deep with a 400, not a stack overflow', async () => {
    const response = await fetch(h.gateway.url, {
      method: 'POST',
      headers: {
        ...identityHeaders('kms'),
        'x-amz-target': 'TrentService.Encrypt',
        'content-type': 'application/x-amz-json-1.1',
      },
      body: `${'['.repeat(30_000)}${']'.repeat(30_000)}`,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      __type: 'ValidationException',
      message: 'the JSON request body nests deeper than 32 levels; no operation input is that deep',
    });
  });
});
