import {
  CreateAliasCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  KMSClient,
  NotFoundException,
  PutKeyPolicyCommand,
} from '@aws-sdk/client-kms';
import { createAwsBroker } from '@sealbus/aws';
import type { Broker } from '@sealbus/core';
import type { EmrConfig } from '../config.js';
import { denyDecryptPolicy, type KeyAdmin, type KmsRequestCount } from '../scenario/KeyAdmin.js';
import { PRODUCER_PRINCIPAL } from '../scenario/names.js';
import type { Backend } from './Backend.js';

/**
 * Against a local AWS-wire endpoint (the sealbus gateway) each principal is an access key id, so
 * key policies apply per integration. Against real AWS, use the environment's credentials: the
 * integrations then share one identity (give each service its own role in production).
 */
function credentialsFor(config: EmrConfig, principal: string) {
  return config.endpoint === undefined
    ? undefined
    : { accessKeyId: principal, secretAccessKey: 'sealbus-local' };
}

class AwsKeyAdmin implements KeyAdmin {
  readonly #kms: KMSClient;

  constructor(kms: KMSClient) {
    this.#kms = kms;
  }

  async ensureKey(alias: string, description: string): Promise<string> {
    try {
      const found = await this.#kms.send(new DescribeKeyCommand({ KeyId: alias }));
      if (found.KeyMetadata?.Arn !== undefined) return found.KeyMetadata.Arn;
    } catch (error) {
      if (!(error instanceof NotFoundException)) throw error;
    }
    const created = await this.#kms.send(new CreateKeyCommand({ Description: description }));
    const key = created.KeyMetadata;
    if (key?.Arn === undefined || key.KeyId === undefined) {
      throw new Error(`KMS CreateKey for ${alias} returned no key metadata`);
    }
    await this.#kms.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: key.KeyId }));
    return key.Arn;
  }

  async denyDecrypt(keyArn: string, principal: string): Promise<void> {
    await this.#kms.send(
      new PutKeyPolicyCommand({
        KeyId: keyArn,
        PolicyName: 'default',
        Policy: denyDecryptPolicy(principal),
      }),
    );
  }

  async dataKeyRequests(): Promise<KmsRequestCount> {
    return {};
  }
}

export function openAwsBackend(config: EmrConfig): Backend {
  const common = {
    region: config.region,
    ...(config.endpoint === undefined ? {} : { endpoint: config.endpoint }),
  };
  const brokers = new Map<string, Broker>();
  const brokerFor = (principal: string): Broker => {
    let broker = brokers.get(principal);
    if (broker === undefined) {
      const credentials = credentialsFor(config, principal);
      broker = createAwsBroker({
        ...common,
        ...(credentials === undefined ? {} : { credentials }),
      });
      brokers.set(principal, broker);
    }
    return broker;
  };
  const adminCredentials = credentialsFor(config, PRODUCER_PRINCIPAL);
  const kms = new KMSClient({
    ...common,
    ...(adminCredentials === undefined ? {} : { credentials: adminCredentials }),
  });
  return {
    broker: brokerFor(PRODUCER_PRINCIPAL),
    brokerFor,
    keys: new AwsKeyAdmin(kms),
    description: `aws ${config.endpoint ?? `(${config.region})`}`,
    close: async () => {
      await Promise.all([...brokers.values()].map((broker) => broker.close()));
      kms.destroy();
    },
  };
}
