/** Key/value pairs bound to every data key and envelope; a mismatch on decrypt fails like KMS. */
export type EncryptionContext = Readonly<Record<string, string>>;

/** The identity asking KMS for a key (an access key id, role ARN or any stable name). */
export type Principal = string;

export const KeyState = {
  Creating: 'Creating',
  Enabled: 'Enabled',
  Disabled: 'Disabled',
  PendingDeletion: 'PendingDeletion',
  PendingImport: 'PendingImport',
  Unavailable: 'Unavailable',
} as const;
export type KeyState = (typeof KeyState)[keyof typeof KeyState];

export const KeyManager = { AWS: 'AWS', CUSTOMER: 'CUSTOMER' } as const;
export type KeyManager = (typeof KeyManager)[keyof typeof KeyManager];

/** KMS `KeyMetadata`, in camelCase. */
export interface KeyMetadata {
  readonly keyId: string;
  readonly arn: string;
  readonly awsAccountId: string;
  readonly creationDate: Date;
  /** False unless `keyState` is `Enabled`. */
  readonly enabled: boolean;
  readonly keyState: KeyState;
  readonly description: string;
  readonly keyUsage: 'ENCRYPT_DECRYPT';
  readonly keySpec: 'SYMMETRIC_DEFAULT';
  readonly keyManager: KeyManager;
  readonly origin: 'AWS_KMS';
  readonly encryptionAlgorithms: readonly ['SYMMETRIC_DEFAULT'];
  readonly multiRegion: boolean;
  readonly deletionDate?: Date;
  readonly pendingDeletionWindowInDays?: number;
}

export interface GenerateDataKeyRequest {
  /** Key id, key ARN, alias name (`alias/x`) or alias ARN. */
  keyId: string;
  context: EncryptionContext;
  principal?: Principal;
}

export interface GenerateDataKeyResult {
  /** Always the key ARN, whatever form `keyId` had. */
  keyArn: string;
  /** The plaintext data key. Callers zero it when done and never persist or log it. */
  plaintext: Uint8Array;
  /** The data key encrypted under the CMK; self-describing, so `decrypt` needs no key id. */
  ciphertextBlob: Uint8Array;
}

export interface DecryptRequest {
  ciphertextBlob: Uint8Array;
  context: EncryptionContext;
  principal?: Principal;
  /** When set, the blob must belong to this key (KMS `IncorrectKeyException` otherwise). */
  keyId?: string;
}

export interface DecryptResult {
  keyArn: string;
  plaintext: Uint8Array;
}

/** The subset of KMS that envelope encryption needs. Local KMS and AWS KMS both implement it. */
export interface KeyProvider {
  generateDataKey(request: GenerateDataKeyRequest): Promise<GenerateDataKeyResult>;
  decrypt(request: DecryptRequest): Promise<DecryptResult>;
  /** Resolves a key id, key ARN, alias name or alias ARN. */
  describeKey(keyId: string, principal?: Principal): Promise<KeyMetadata>;
}
