import { createHash } from 'node:crypto';
import {
  CreateKeyCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  GetKeyPolicyCommand,
  KMSClient,
  PutKeyPolicyCommand,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import {
  type BrokerFeatures,
  type ConformanceHarness,
  type ConformanceKeyAdmin,
  withDenyStatement,
} from '@sealbus/conformance';
import { createAwsBroker } from '../../src/createAwsBroker.js';
import type { AwsBrokerOptions } from '../../src/options.js';

export const REGION = 'us-east-1';
/** The gateway takes the access key id as the KMS principal. */
export const PRODUCER = { accessKeyId: 'AKIDPRODUCER', secretAccessKey: 'producer-secret' };
export const CONSUMER = { accessKeyId: 'AKIDCONSUMER', secretAccessKey: 'consumer-secret' };

/**
 * The access key id standing for a principal (an IAM role ARN in the suite): the gateway takes
 * the access key id as the KMS principal, so key policies name this id, as IAM would map a
 * role's session credentials to the role.
 */
export function accessKeyIdOf(principal: string): string {
  return `AKID${createHash('sha256').update(principal).digest('hex').slice(0, 16).toUpperCase()}`;
}

/**
 * What the AWS backend does against the gateway. Each flag that is off says why:
 * - kmsAudit: KMS call counts come from CloudTrail on AWS; no API returns them.
 * - controllableClock: the gateway runs in another process on the system clock.
 * - storeInspection: stored bytes are not visible through the SQS API.
 */
export const AWS_GATEWAY_FEATURES: BrokerFeatures = {
  fifo: true,
  topics: true,
  sse: true,
  keyPolicies: true,
  keyStates: true,
  kmsAudit: false,
  moveTasks: true,
  controllableClock: false,
  multiProcess: true,
  persistent: true,
  storeInspection: false,
};

/** A broker on the gateway, with short SDK retries so failures surface fast. */
export function gatewayBroker(url: string, options: Partial<AwsBrokerOptions> = {}) {
  return createAwsBroker({
    region: REGION,
    endpoint: url,
    credentials: PRODUCER,
    credentialsForPrincipal: (principal) => ({
      accessKeyId: accessKeyIdOf(principal),
      secretAccessKey: 'test',
    }),
    sqs: { maxAttempts: 2 },
    sns: { maxAttempts: 2 },
    ...options,
  });
}

export function gatewayKms(url: string, credentials = PRODUCER): KMSClient {
  return new KMSClient({ region: REGION, endpoint: url, credentials, maxAttempts: 2 });
}

/** Key administration through the gateway's KMS API, as an operator would do it on AWS. */
export function gatewayKeyAdmin(kms: KMSClient): ConformanceKeyAdmin {
  const deny = async (keyId: string, principal: string, action: string) => {
    const { Policy } = await kms.send(
      new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default' }),
    );
    await kms.send(
      new PutKeyPolicyCommand({
        KeyId: keyId,
        PolicyName: 'default',
        Policy: withDenyStatement(
          Policy ?? '{"Version":"2012-10-17","Statement":[]}',
          principal,
          action,
        ),
      }),
    );
  };
  return {
    createKey: async (description) => {
      const { KeyMetadata } = await kms.send(new CreateKeyCommand({ Description: description }));
      return KeyMetadata?.Arn ?? '';
    },
    disableKey: async (keyId) => {
      await kms.send(new DisableKeyCommand({ KeyId: keyId }));
    },
    enableKey: async (keyId) => {
      await kms.send(new EnableKeyCommand({ KeyId: keyId }));
    },
    scheduleKeyDeletion: async (keyId) => {
      await kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    },
    denyDecrypt: (keyId, principal) => deny(keyId, accessKeyIdOf(principal), 'kms:Decrypt'),
    denyGenerateDataKey: (keyId, principal) =>
      deny(keyId, accessKeyIdOf(principal), 'kms:GenerateDataKey'),
  };
}

/** One conformance harness: a fresh AWS broker (a "process") on the shared gateway. */
export function gatewayHarness(url: string, kms: KMSClient): ConformanceHarness {
  const broker = gatewayBroker(url);
  return {
    broker,
    keys: gatewayKeyAdmin(kms),
    openAnother: async () => gatewayHarness(url, kms),
    reopen: async () => {
      await broker.close();
      return gatewayHarness(url, kms);
    },
    close: () => broker.close(),
  };
}
