import { describe, expect, it } from 'vitest';
import { detectProtocol } from './detect.js';

const protocolOf = (r: Parameters<typeof detectProtocol>[0]) => detectProtocol(r)?.protocol;

const form = {
  'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
  'x-amz-date': '20260101T000000Z',
};
const request = (headers: Record<string, string>, body = '', query = '') => ({
  method: 'POST',
  path: '/',
  query,
  headers,
  body: new TextEncoder().encode(body),
});
const scope = (service: string) =>
  `AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=00`;

describe('detectProtocol', () => {
  it('uses X-Amz-Target for the JSON protocols', () => {
    expect(protocolOf(request({ 'x-amz-target': 'AmazonSQS.SendMessage' }))).toBe('sqs-json');
    expect(protocolOf(request({ 'x-amz-target': 'TrentService.Encrypt' }))).toBe('kms-json');
    expect(protocolOf(request({ 'x-amz-target': 'DynamoDB_20120810.GetItem' }))).toBeUndefined();
  });

  it('tells SQS from SNS Query by scope, then Version, then action', () => {
    const shared = 'Action=AddPermission';
    expect(protocolOf(request({ ...form, authorization: scope('sns') }, shared))).toBe('sns-query');
    expect(protocolOf(request({ ...form, authorization: scope('sqs') }, shared))).toBe('sqs-query');
    expect(protocolOf(request(form, `${shared}&Version=2010-03-31`))).toBe('sns-query');
    expect(protocolOf(request(form, `${shared}&Version=2012-11-05`))).toBe('sqs-query');
    expect(protocolOf(request(form, 'Action=Publish'))).toBe('sns-query');
    expect(protocolOf(request(form, 'Action=ReceiveMessage'))).toBe('sqs-query');
    expect(protocolOf(request({}, '', 'Action=ListQueues&Version=2012-11-05'))).toBe('sqs-query');
    expect(protocolOf(request(form, 'QueueName=x'))).toBeUndefined();
    expect(detectProtocol(request(form, 'Action=Publish'))).toEqual({
      protocol: 'sns-query',
      operation: 'Publish',
    });
  });
});
