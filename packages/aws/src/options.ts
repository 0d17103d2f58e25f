import type { KMSClientConfig } from '@aws-sdk/client-kms';
import type { SNSClientConfig } from '@aws-sdk/client-sns';
import type { SQSClientConfig } from '@aws-sdk/client-sqs';
import {
  type Clock,
  describeValue,
  InvalidParameterValueError,
  type Principal,
  validateKmsKeyId,
} from '@sealbus/core';

/** Static credentials or an SDK credential provider, as every AWS SDK v3 client accepts. */
export type AwsCredentials = SQSClientConfig['credentials'];

export interface ClientSideEncryptionOptions {
  /** The CMK that seals bodies before they leave the process: key id, key ARN, alias name or alias ARN. */
  keyId: string;
  /** Extra KMS client configuration (retry strategy, endpoint, ...). */
  kms?: KMSClientConfig;
  /** KMS grant tokens sent with every GenerateDataKey and Decrypt. */
  grantTokens?: string[];
  /**
   * How long one data key seals messages, 60–86,400 (the `KmsDataKeyReusePeriodSeconds` role).
   * @defaultValue 300
   */
  reusePeriodSeconds?: number;
}

export interface AwsBrokerOptions {
  /** AWS region of SQS, SNS and KMS; required (no silent default). */
  region: string;
  /** One endpoint for all three services, e.g. a local gateway `http://127.0.0.1:4566`. */
  endpoint?: string;
  credentials?: AwsCredentials;
  /** SQS client configuration; overrides `region`/`endpoint`/`credentials`. Retries: `maxAttempts`, `retryMode`, `retryStrategy`. */
  sqs?: SQSClientConfig;
  /** SNS client configuration; overrides `region`/`endpoint`/`credentials`. */
  sns?: SNSClientConfig;
  /**
   * Seal bodies in this process with the envelope engine over AWS KMS instead of relying on
   * SQS/SNS server-side encryption. Sealed messages carry the `sealbus.envelope` attribute.
   */
  clientSideEncryption?: ClientSideEncryptionOptions;
  /**
   * The identity this broker acts as, for the envelope engine's data-key caches. AWS decides
   * access from the credentials: see `credentialsForPrincipal`.
   */
  principal?: Principal;
  /**
   * Credentials for a principal named per call (`send`, `sendBatch`, `receive`, `publish`,
   * `publishBatch` and client-side KMS calls), e.g. from STS AssumeRole. Without it the
   * per-call `principal` option does not change who calls AWS.
   */
  credentialsForPrincipal?: (principal: Principal) => AwsCredentials;
  /**
   * Deliver only the `Message` of non-raw SNS notifications (attributes from its
   * `MessageAttributes`) instead of the SNS JSON envelope the local backends also deliver.
   * @defaultValue false
   */
  unwrapSnsNotifications?: boolean;
  /** @defaultValue systemClock */
  clock?: Clock;
}

/** Checks the options that the SDK would only reject at the first call. */
export function validateAwsBrokerOptions(options: AwsBrokerOptions): void {
  if (typeof options?.region !== 'string' || options.region.length === 0) {
    throw new InvalidParameterValueError(
      `region must name an AWS region such as us-east-1; got ${describeValue(options?.region)}`,
      { field: 'region' },
    );
  }
  if (options.endpoint !== undefined && !/^https?:\/\/[^\s/]+/.test(options.endpoint)) {
    throw new InvalidParameterValueError(
      `endpoint must be an http(s) URL such as http://127.0.0.1:4566; got ${describeValue(options.endpoint)}`,
      { field: 'endpoint' },
    );
  }
  if (options.clientSideEncryption !== undefined) {
    validateKmsKeyId(options.clientSideEncryption.keyId, 'clientSideEncryption.keyId');
  }
}

/** The base configuration shared by the SQS, SNS and KMS clients. */
export function baseClientConfig(options: AwsBrokerOptions): {
  region: string;
  endpoint?: string;
  credentials?: AwsCredentials;
} {
  return {
    region: options.region,
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
  };
}
