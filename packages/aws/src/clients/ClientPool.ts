import { KMSClient, type KMSClientConfig } from '@aws-sdk/client-kms';
import { SNSClient, type SNSClientConfig } from '@aws-sdk/client-sns';
import { SQSClient, type SQSClientConfig } from '@aws-sdk/client-sqs';
import type { Principal } from '@sealbus/core';
import type { AwsCredentials } from '../options.js';

export interface ClientConfigs {
  sqs: SQSClientConfig;
  sns: SNSClientConfig;
  kms: KMSClientConfig;
}

interface Clients {
  sqs: SQSClient;
  sns: SNSClient;
  kms: KMSClient;
}

/**
 * The SDK clients of one broker: the default set (the broker's credentials) and, when
 * `credentialsForPrincipal` is configured, one set per principal that a call names, so IAM and
 * key policies see that principal. Clients are built on first use and destroyed together.
 */
export class ClientPool {
  readonly #configs: ClientConfigs;
  readonly #credentialsForPrincipal: ((principal: Principal) => AwsCredentials) | undefined;
  readonly #byPrincipal = new Map<Principal, Clients>();
  readonly defaults: Clients;

  constructor(
    configs: ClientConfigs,
    credentialsForPrincipal?: (principal: Principal) => AwsCredentials,
  ) {
    this.#configs = configs;
    this.#credentialsForPrincipal = credentialsForPrincipal;
    this.defaults = {
      sqs: new SQSClient(configs.sqs),
      sns: new SNSClient(configs.sns),
      kms: new KMSClient(configs.kms),
    };
  }

  sqs(principal?: Principal): SQSClient {
    return this.#for(principal).sqs;
  }

  sns(principal?: Principal): SNSClient {
    return this.#for(principal).sns;
  }

  kms(principal?: Principal): KMSClient {
    return this.#for(principal).kms;
  }

  destroy(): void {
    for (const clients of [this.defaults, ...this.#byPrincipal.values()]) {
      clients.sqs.destroy();
      clients.sns.destroy();
      clients.kms.destroy();
    }
    this.#byPrincipal.clear();
  }

  #for(principal: Principal | undefined): Clients {
    if (principal === undefined || this.#credentialsForPrincipal === undefined)
      return this.defaults;
    let clients = this.#byPrincipal.get(principal);
    if (clients === undefined) {
      const credentials = this.#credentialsForPrincipal(principal);
      clients = {
        sqs: new SQSClient({ ...this.#configs.sqs, credentials }),
        sns: new SNSClient({ ...this.#configs.sns, credentials }),
        kms: new KMSClient({ ...this.#configs.kms, credentials }),
      };
      this.#byPrincipal.set(principal, clients);
    }
    return clients;
  }
}
