import { KMSClient } from '@aws-sdk/client-kms';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { systemClock } from '@sealbus/core';
import { AwsBroker } from './AwsBroker.js';
import { AwsKmsKeyProvider } from './kms/AwsKmsKeyProvider.js';
import { type AwsBrokerOptions, baseClientConfig, validateAwsBrokerOptions } from './options.js';
import { ClientSideSealer } from './sse/ClientSideSealer.js';

/**
 * The AWS backend: SQS queues and SNS topics behind the sealbus `Broker` contract. Queue and
 * topic SSE attributes (`KmsMasterKeyId`, …) go to AWS, which encrypts server-side; with
 * `clientSideEncryption` bodies are sealed in this process instead. Retries and throttling are
 * the SDK's retry strategy, configured through `sqs`, `sns` and `clientSideEncryption.kms`.
 */
export function createAwsBroker(options: AwsBrokerOptions): AwsBroker {
  validateAwsBrokerOptions(options);
  const base = baseClientConfig(options);
  const sqs = new SQSClient({ ...base, ...options.sqs });
  const sns = new SNSClient({ ...base, ...options.sns });
  const encryption = options.clientSideEncryption;
  const kms = new KMSClient({ ...base, ...encryption?.kms });
  const clock = options.clock ?? systemClock;
  const keyProvider = new AwsKmsKeyProvider(
    { client: kms },
    encryption?.grantTokens === undefined ? {} : { grantTokens: encryption.grantTokens },
  );
  const sealer = new ClientSideSealer(
    { keyProvider, clock },
    {
      ...(encryption === undefined ? {} : { keyId: encryption.keyId }),
      ...(encryption?.reusePeriodSeconds === undefined
        ? {}
        : { reusePeriodSeconds: encryption.reusePeriodSeconds }),
      ...(options.principal === undefined ? {} : { principal: options.principal }),
    },
  );
  return new AwsBroker({
    sqs,
    sns,
    kms,
    region: options.region,
    clock,
    sealer,
    unwrapSnsNotifications: options.unwrapSnsNotifications ?? false,
    queueArns: new Map(),
    closing: new AbortController(),
  });
}
