import { KMSClient } from '@aws-sdk/client-kms';
import { type Broker, type Clock, type KeyProvider, TOKENS } from '@sealbus/core';
import { ContainerModule } from 'inversify';
import { createAwsBroker } from './createAwsBroker.js';
import { AwsKmsKeyProvider } from './kms/AwsKmsKeyProvider.js';
import { type AwsBrokerOptions, baseClientConfig, validateAwsBrokerOptions } from './options.js';
import { noteNodeSupport } from './runtime/nodeSupportNote.js';

/**
 * Binds `TOKENS.Broker` to an AWS broker and `TOKENS.KeyProvider` to AWS KMS, both singletons
 * built on first use. A `Clock` bound under `TOKENS.Clock` is used unless the options give one;
 * unbinding closes the SDK clients.
 */
export function awsBrokerModule(options: AwsBrokerOptions): ContainerModule {
  validateAwsBrokerOptions(options);
  noteNodeSupport();
  return new ContainerModule(({ bind }) => {
    bind<Broker>(TOKENS.Broker)
      .toDynamicValue((context) => {
        const clock = options.clock ?? context.get<Clock>(TOKENS.Clock, { optional: true });
        return createAwsBroker(clock === undefined ? options : { ...options, clock });
      })
      .inSingletonScope()
      .onDeactivation((broker) => broker.close());
    bind<KeyProvider>(TOKENS.KeyProvider)
      .toDynamicValue(
        () =>
          new AwsKmsKeyProvider(
            {
              client: new KMSClient({
                ...baseClientConfig(options),
                ...options.clientSideEncryption?.kms,
              }),
            },
            options.clientSideEncryption?.grantTokens === undefined
              ? {}
              : { grantTokens: options.clientSideEncryption.grantTokens },
          ),
      )
      .inSingletonScope()
      .onDeactivation((provider) => {
        (provider as AwsKmsKeyProvider).client.destroy();
      });
  });
}
