import {
  type KeyMetadata as AwsKeyMetadata,
  DecryptCommand,
  DescribeKeyCommand,
  GenerateDataKeyCommand,
  KMSClient,
  type KMSClientConfig,
} from '@aws-sdk/client-kms';
import {
  type DecryptRequest,
  type DecryptResult,
  describeValue,
  type GenerateDataKeyRequest,
  type GenerateDataKeyResult,
  KeyManager,
  type KeyMetadata,
  type KeyProvider,
  type KeySpec,
  KeyState,
  type KeyUsage,
  KmsInternalError,
  KmsInvalidKeyUsageError,
  type Principal,
} from '@sealbus/core';
import { callAws } from '../errors/mapAwsError.js';
import { noteNodeSupport } from '../runtime/nodeSupportNote.js';

export interface AwsKmsKeyProviderOptions {
  /** KMS grant tokens sent with every call, for keys shared through grants. */
  grantTokens?: string[];
}

const KEY_STATES = new Set<string>(Object.values(KeyState));

/**
 * `KeyProvider` over AWS KMS: 256-bit data keys (`KeySpec` `AES_256`) bound to the encryption
 * context. The caller's IAM identity is the client's credentials: a request's `principal` only
 * selects the client (see `clientFor`).
 */
export class AwsKmsKeyProvider implements KeyProvider {
  readonly #client: KMSClient;
  readonly #clientFor: ((principal: Principal) => KMSClient) | undefined;
  readonly #grantTokens: string[] | undefined;

  /**
   * `clientFor` picks the client of a principal a request names (its credentials are that
   * principal's); without it every call uses `client`.
   */
  constructor(
    deps: { client: KMSClient; clientFor?: (principal: Principal) => KMSClient },
    options: AwsKmsKeyProviderOptions = {},
  ) {
    this.#client = deps.client;
    this.#clientFor = deps.clientFor;
    this.#grantTokens =
      options.grantTokens === undefined || options.grantTokens.length === 0
        ? undefined
        : [...options.grantTokens];
  }

  /** A provider with its own `KMSClient` built from `config`. */
  static fromConfig(
    config: KMSClientConfig,
    options?: AwsKmsKeyProviderOptions,
  ): AwsKmsKeyProvider {
    noteNodeSupport();
    return new AwsKmsKeyProvider({ client: new KMSClient(config) }, options);
  }

  get client(): KMSClient {
    return this.#client;
  }

  async generateDataKey(request: GenerateDataKeyRequest): Promise<GenerateDataKeyResult> {
    const output = await callAws('kms', 'GenerateDataKey', () =>
      this.#clientOf(request.principal).send(
        new GenerateDataKeyCommand({
          KeyId: request.keyId,
          KeySpec: 'AES_256',
          EncryptionContext: { ...request.context },
          GrantTokens: this.#grantTokens,
        }),
      ),
    );
    const { KeyId, Plaintext, CiphertextBlob } = output;
    if (KeyId === undefined || Plaintext === undefined || CiphertextBlob === undefined) {
      Plaintext?.fill(0);
      throw incomplete('GenerateDataKey', 'KeyId, Plaintext and CiphertextBlob');
    }
    return { keyArn: KeyId, plaintext: Plaintext, ciphertextBlob: CiphertextBlob };
  }

  async decrypt(request: DecryptRequest): Promise<DecryptResult> {
    const output = await callAws('kms', 'Decrypt', () =>
      this.#clientOf(request.principal).send(
        new DecryptCommand({
          CiphertextBlob: request.ciphertextBlob,
          EncryptionContext: { ...request.context },
          KeyId: request.keyId,
          GrantTokens: this.#grantTokens,
        }),
      ),
    );
    if (output.KeyId === undefined || output.Plaintext === undefined) {
      output.Plaintext?.fill(0);
      throw incomplete('Decrypt', 'KeyId and Plaintext');
    }
    return { keyArn: output.KeyId, plaintext: output.Plaintext };
  }

  async describeKey(keyId: string, principal?: Principal): Promise<KeyMetadata> {
    const output = await callAws('kms', 'DescribeKey', () =>
      this.#clientOf(principal).send(
        new DescribeKeyCommand({ KeyId: keyId, GrantTokens: this.#grantTokens }),
      ),
    );
    if (output.KeyMetadata === undefined) throw incomplete('DescribeKey', 'KeyMetadata');
    return toSealingKeyMetadata(output.KeyMetadata);
  }

  #clientOf(principal: Principal | undefined): KMSClient {
    return principal === undefined || this.#clientFor === undefined
      ? this.#client
      : this.#clientFor(principal);
  }
}

/** KMS `KeyMetadata` of a key that can seal messages: symmetric encryption keys only. */
export function toSealingKeyMetadata(metadata: AwsKeyMetadata): KeyMetadata {
  if (
    (metadata.KeyUsage !== undefined && metadata.KeyUsage !== 'ENCRYPT_DECRYPT') ||
    (metadata.KeySpec !== undefined && metadata.KeySpec !== 'SYMMETRIC_DEFAULT')
  ) {
    throw new KmsInvalidKeyUsageError(
      `Key ${describeValue(metadata.Arn)} is ${metadata.KeySpec}/${metadata.KeyUsage}; sealbus seals only with SYMMETRIC_DEFAULT ENCRYPT_DECRYPT keys. Use a symmetric key`,
      { field: 'KeyId' },
    );
  }
  return toKeyMetadata(metadata);
}

/** KMS `KeyMetadata` in sealbus form, whatever the key spec (key administration). */
export function toKeyMetadata(metadata: AwsKeyMetadata): KeyMetadata {
  const keyState = (
    metadata.KeyState !== undefined && KEY_STATES.has(metadata.KeyState)
      ? metadata.KeyState
      : KeyState.Unavailable
  ) as KeyState;
  const result: {
    -readonly [K in keyof KeyMetadata]: KeyMetadata[K];
  } = {
    keyId: metadata.KeyId ?? '',
    arn: metadata.Arn ?? '',
    awsAccountId: metadata.AWSAccountId ?? '',
    creationDate: metadata.CreationDate ?? new Date(0),
    enabled: keyState === KeyState.Enabled,
    keyState,
    description: metadata.Description ?? '',
    keyUsage: (metadata.KeyUsage ?? 'ENCRYPT_DECRYPT') as KeyUsage,
    keySpec: (metadata.KeySpec ?? 'SYMMETRIC_DEFAULT') as KeySpec,
    keyManager: metadata.KeyManager === 'AWS' ? KeyManager.AWS : KeyManager.CUSTOMER,
    origin: 'AWS_KMS',
    encryptionAlgorithms:
      metadata.EncryptionAlgorithms ??
      ((metadata.KeyUsage ?? 'ENCRYPT_DECRYPT') === 'ENCRYPT_DECRYPT' ? ['SYMMETRIC_DEFAULT'] : []),
    multiRegion: metadata.MultiRegion ?? false,
  };
  if (metadata.SigningAlgorithms !== undefined)
    result.signingAlgorithms = metadata.SigningAlgorithms;
  if (metadata.MacAlgorithms !== undefined) result.macAlgorithms = metadata.MacAlgorithms;
  if (metadata.DeletionDate !== undefined) result.deletionDate = metadata.DeletionDate;
  if (metadata.PendingDeletionWindowInDays !== undefined) {
    result.pendingDeletionWindowInDays = metadata.PendingDeletionWindowInDays;
  }
  return result;
}

function incomplete(operation: string, fields: string): KmsInternalError {
  return new KmsInternalError(
    `KMS ${operation} answered without ${fields}; check the endpoint speaks the KMS API`,
    { field: operation },
  );
}
