import { KMSClient } from '@aws-sdk/client-kms';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import { onTestFinished } from 'vitest';
import type { AwsBroker } from '../../src/AwsBroker.js';
import { createAwsBroker } from '../../src/createAwsBroker.js';
import type { AwsBrokerOptions } from '../../src/options.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const QUEUE_BASE = `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}`;

export interface MockedBroker {
  broker: AwsBroker;
  sqs: AwsClientStub<SQSClient>;
  sns: AwsClientStub<SNSClient>;
  kms: AwsClientStub<KMSClient>;
}

/** An AWS broker whose three clients answer from aws-sdk-client-mock stubs; restored after the test. */
export function mockedBroker(options: Partial<AwsBrokerOptions> = {}): MockedBroker {
  const broker = createAwsBroker({
    region: REGION,
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
    ...options,
  });
  const mocks = {
    broker,
    sqs: mockClient(broker.context.sqs),
    sns: mockClient(broker.context.sns),
    kms: mockClient(broker.context.kms),
  };
  onTestFinished(async () => {
    mocks.sqs.restore();
    mocks.sns.restore();
    mocks.kms.restore();
    await broker.close();
  });
  return mocks;
}

export function queueUrlOf(name: string): string {
  return `${QUEUE_BASE}/${name}`;
}

export function queueArnOf(name: string): string {
  return `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;
}

export function topicArnOf(name: string): string {
  return `arn:aws:sns:${REGION}:${ACCOUNT}:${name}`;
}

export { KMSClient, SNSClient, SQSClient };
