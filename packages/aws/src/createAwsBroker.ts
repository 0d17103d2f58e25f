import { systemClock } from '@sealbus/core';
import { AwsBroker } from './AwsBroker.js';
import { ClientPool } from './clients/ClientPool.js';
import { AwsKmsKeyProvider } from './kms/AwsKmsKeyProvider.js';
import { type AwsBrokerOptions, baseClientConfig, validateAwsBrokerOptions } from './options.js';
import { noteNodeSupport } from './runtime/nodeSupportNote.js';
import { ClientSideSealer } from './sse/ClientSideSealer.js';

/**
 * The AWS backend: SQS queues and SNS topics behind the sealbus `Broker` contract. Queue and
 * topic SSE attributes (`KmsMasterKeyId`, …) go to AWS, which encrypts server-side; with
 * `clientSideEncryption` bodies are sealed in this process instead. Retries and throttling are
 * the SDK's retry strategy, configured through `sqs`, `sns` and `clientSideEncryption.kms`.
 */
export function createAwsBroker(options: AwsBrokerOptions): AwsBroker {
  validateAwsBrokerOptions(options);
  noteNodeSupport();
  const base = baseClientConfig(options);
  const encryption = options.clientSideEncryption;
  const clients = new ClientPool(
    {
      sqs: { ...base, ...options.sqs },
      sns: { ...base, ...options.sns },
      kms: { ...base, ...encryption?.kms },
    },
    options.credentialsForPrincipal,
  );
  const { sqs, sns, kms } = clients.defaults;
  const clock = options.clock ?? systemClock;
  const keyProvider = new AwsKmsKeyProvider(
    { client: kms, clientFor: (principal) => clients.kms(principal) },
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
    clients,
    region: options.region,
    clock,
    sealer,
    unwrapSnsNotifications: options.unwrapSnsNotifications ?? false,
    queueArns: new Map(),
    closing: new AbortController(),
  });
}
