import type { KMSClient } from '@aws-sdk/client-kms';
import { runConformance } from '@sealbus/conformance';
import { afterAll, beforeAll, describe } from 'vitest';
import { AWS_GATEWAY_FEATURES, gatewayHarness, gatewayKms } from './support/gatewayHarness.js';
import { type GatewayProcess, startGateway } from './support/gatewayProcess.js';

/** The conformance suite through `createAwsBroker({ endpoint })` against the AWS-wire gateway. */
describe('aws backend against the gateway', () => {
  let gateway: GatewayProcess;
  let kms: KMSClient;

  beforeAll(async () => {
    gateway = await startGateway();
    kms = gatewayKms(gateway.url);
  }, 90_000);

  afterAll(async () => {
    kms?.destroy();
    await gateway?.stop();
  });

  runConformance('aws', async () => gatewayHarness(gateway.url, kms), AWS_GATEWAY_FEATURES);
});
