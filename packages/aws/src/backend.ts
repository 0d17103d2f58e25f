import {
  defineBackend,
  describeValue,
  InvalidParameterValueError,
  REGION_OPTION,
} from '@sealbus/core';

export interface AwsBackendConfig {
  readonly region: string;
  /** One endpoint for SQS, SNS and KMS, e.g. a local sealbus gateway. */
  readonly endpoint?: string;
}

/** The `aws` backend: SQS, SNS and KMS (or any endpoint speaking their APIs). */
export const backend = defineBackend<AwsBackendConfig>({
  kind: 'aws',
  summary: 'Amazon SQS, SNS and KMS, or an endpoint speaking their APIs such as the gateway',
  capabilities: { persistent: true, local: false },
  options: [
    { ...REGION_OPTION, description: 'AWS region (there is no silent default)', required: true },
    {
      name: 'endpoint',
      description: 'one endpoint for SQS, SNS and KMS, e.g. http://127.0.0.1:4566',
      env: ['AWS_ENDPOINT_URL'],
    },
  ],
  parse(values) {
    // The registry refuses a missing required option before parse runs.
    const region = values['region'] ?? '';
    const endpoint = values['endpoint'];
    if (endpoint === undefined) return { region };
    if (!/^https?:\/\/[^\s/]+/.test(endpoint)) {
      throw new InvalidParameterValueError(
        `endpoint must be an http(s) URL such as http://127.0.0.1:4566; got ${describeValue(endpoint)}. Fix --endpoint or AWS_ENDPOINT_URL.`,
        { field: 'endpoint' },
      );
    }
    return { region, endpoint };
  },
  describe: (config) => `aws ${config.endpoint ?? `(${config.region})`}`,
  // Loaded on open: this module is read for options and capabilities alone.
  async open(config, deps) {
    const [{ createAwsBroker }, { KMSClient }, { AwsKeyAdmin }, { noteNodeSupport }] =
      await Promise.all([
        import('./createAwsBroker.js'),
        import('@aws-sdk/client-kms'),
        import('./kms/AwsKeyAdmin.js'),
        import('./runtime/nodeSupportNote.js'),
      ]);
    noteNodeSupport(); // before the KMSClient below, which would print the SDK's own warning
    const credentials = deps.credentials === undefined ? {} : { credentials: deps.credentials };
    const broker = createAwsBroker({
      ...config,
      ...credentials,
      ...(deps.credentialsForPrincipal === undefined
        ? {}
        : { credentialsForPrincipal: deps.credentialsForPrincipal }),
    });
    const client = new KMSClient({ ...config, ...credentials });
    return {
      broker,
      keys: new AwsKeyAdmin({ client }),
      close: async () => {
        await broker.close();
        client.destroy();
      },
    };
  },
});
