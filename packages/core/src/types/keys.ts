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

export const KeyUsage = {
  ENCRYPT_DECRYPT: 'ENCRYPT_DECRYPT',
  SIGN_VERIFY: 'SIGN_VERIFY',
  GENERATE_VERIFY_MAC: 'GENERATE_VERIFY_MAC',
} as const;
export type KeyUsage = (typeof KeyUsage)[keyof typeof KeyUsage];

/** The KMS key specs: symmetric AES-256-GCM, RSA, elliptic curve and HMAC keys. */
export const KEY_SPECS = [
  'SYMMETRIC_DEFAULT',
  'RSA_2048',
  'RSA_3072',
  'RSA_4096',
  'ECC_NIST_P256',
  'ECC_NIST_P384',
  'ECC_NIST_P521',
  'ECC_SECG_P256K1',
  'HMAC_224',
  'HMAC_256',
  'HMAC_384',
  'HMAC_512',
] as const;
export type KeySpec = (typeof KEY_SPECS)[number];

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
  readonly keyUsage: KeyUsage;
  readonly keySpec: KeySpec;
  readonly keyManager: KeyManager;
  readonly origin: 'AWS_KMS';
  /** Empty unless `keyUsage` is `ENCRYPT_DECRYPT`. */
  readonly encryptionAlgorithms: readonly string[];
  /** Set for `SIGN_VERIFY` keys only. */
  readonly signingAlgorithms?: readonly string[];
  /** Set for `GENERATE_VERIFY_MAC` keys only. */
  readonly macAlgorithms?: readonly string[];
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
  /**
   * The person or session `principal` acts for (e.g. the console's signed-in session), recorded
   * in the local KMS audit log beside the principal. It grants nothing: the key policy judges
   * `principal`. AWS KMS has no such field (CloudTrail records the caller), so the AWS key
   * provider does not send it.
   */
  onBehalfOf?: string;
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
