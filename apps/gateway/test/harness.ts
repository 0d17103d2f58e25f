import { KMSClient } from '@aws-sdk/client-kms';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { Broker, Clock } from '@sealbus/core';
import { LocalKms } from '@sealbus/kms-local';
import { createMemoryBroker } from '@sealbus/memory';
import { createGateway, type Gateway, type GatewayOptions } from '../src/index.js';

export const REGION = 'us-east-1';
export const PRODUCER = { accessKeyId: 'AKIDPRODUCER', secretAccessKey: 'producer-secret' };
export const CONSUMER = { accessKeyId: 'AKIDCONSUMER', secretAccessKey: 'consumer-secret' };

/** A key policy that lets everyone do everything except CONSUMER's kms:Decrypt. */
export function denyConsumerDecryptPolicy(): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:*', Resource: '*' },
      {
        Effect: 'Deny',
        Principal: { AWS: CONSUMER.accessKeyId },
        Action: 'kms:Decrypt',
        Resource: '*',
      },
    ],
  });
}

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * A well-formed SigV4 `Authorization` header for raw requests to a gateway that does not verify
 * signatures: it names the principal (the access key id) and nothing is checked.
 */
export function identityHeaders(
  service: 'sqs' | 'sns' | 'kms',
  accessKeyId = 'AKIDRAW',
): Record<string, string> {
  return {
    authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20260101/${REGION}/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=00`,
    'x-amz-date': '20260101T000000Z',
  };
}

/** A manual clock: tests move time instead of waiting. */
export function manualClock(start = Date.now()): Clock & { advance(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    advance(ms) {
      now += ms;
    },
  };
}

export interface Harness {
  gateway: Gateway;
  broker: Broker;
  kms: LocalKms;
  sqs(credentials?: Credentials): SQSClient;
  sns(credentials?: Credentials): SNSClient;
  kmsClient(credentials?: Credentials): KMSClient;
  close(): Promise<void>;
}

/** A gateway on a free port over a memory broker and an in-memory LocalKms. */
export async function startHarness(
  options: {
    clock?: Clock;
    gateway?: Partial<GatewayOptions>;
    broker?: Broker;
    kms?: LocalKms;
  } = {},
): Promise<Harness> {
  const kms =
    options.kms ?? new LocalKms(options.clock === undefined ? {} : { clock: options.clock });
  const broker =
    options.broker ??
    createMemoryBroker({ kms, ...(options.clock === undefined ? {} : { clock: options.clock }) });
  const gateway = await createGateway({ broker, kms, port: 0, ...options.gateway });
  const clients: Array<{ destroy(): void }> = [];
  const config = (credentials: Credentials) => ({
    endpoint: gateway.url,
    region: REGION,
    credentials,
    maxAttempts: 1,
  });
  const track = <T extends { destroy(): void }>(client: T): T => {
    clients.push(client);
    return client;
  };
  return {
    gateway,
    broker,
    kms,
    sqs: (credentials = PRODUCER) => track(new SQSClient(config(credentials))),
    sns: (credentials = PRODUCER) => track(new SNSClient(config(credentials))),
    kmsClient: (credentials = PRODUCER) => track(new KMSClient(config(credentials))),
    async close() {
      for (const client of clients) client.destroy();
      await gateway.close();
      await broker.close();
    },
  };
}
