import type { KeySpec, KeyUsage } from '@sealbus/core';

/** What a key spec can do: the key usages it takes and the algorithms of each usage. */
export interface KeySpecInfo {
  readonly family: 'symmetric' | 'rsa' | 'ecc' | 'hmac';
  readonly usages: readonly KeyUsage[];
  readonly encryptionAlgorithms: readonly string[];
  readonly signingAlgorithms: readonly string[];
  readonly macAlgorithms: readonly string[];
  /** RSA modulus bits, EC curve name, HMAC key bytes; unused for symmetric keys. */
  readonly size: number;
  readonly curve?: string;
  readonly hash?: string;
}

const RSA_SIGNING = [
  'RSASSA_PSS_SHA_256',
  'RSASSA_PSS_SHA_384',
  'RSASSA_PSS_SHA_512',
  'RSASSA_PKCS1_V1_5_SHA_256',
  'RSASSA_PKCS1_V1_5_SHA_384',
  'RSASSA_PKCS1_V1_5_SHA_512',
] as const;
const RSA_ENCRYPTION = ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'] as const;

function rsa(bits: number): KeySpecInfo {
  return {
    family: 'rsa',
    usages: ['ENCRYPT_DECRYPT', 'SIGN_VERIFY'],
    encryptionAlgorithms: RSA_ENCRYPTION,
    signingAlgorithms: RSA_SIGNING,
    macAlgorithms: [],
    size: bits,
  };
}

function ecc(curve: string, algorithm: string, bytes: number): KeySpecInfo {
  return {
    family: 'ecc',
    usages: ['SIGN_VERIFY'],
    encryptionAlgorithms: [],
    signingAlgorithms: [algorithm],
    macAlgorithms: [],
    size: bytes,
    curve,
  };
}

function hmac(bits: number): KeySpecInfo {
  return {
    family: 'hmac',
    usages: ['GENERATE_VERIFY_MAC'],
    encryptionAlgorithms: [],
    signingAlgorithms: [],
    macAlgorithms: [`HMAC_SHA_${bits}`],
    size: bits / 8,
    hash: `sha${bits}`,
  };
}

/** The KMS key spec table (KMS developer guide, "Key spec reference"). */
export const KEY_SPEC_INFO: Readonly<Record<KeySpec, KeySpecInfo>> = {
  SYMMETRIC_DEFAULT: {
    family: 'symmetric',
    usages: ['ENCRYPT_DECRYPT'],
    encryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
    signingAlgorithms: [],
    macAlgorithms: [],
    size: 32,
  },
  RSA_2048: rsa(2048),
  RSA_3072: rsa(3072),
  RSA_4096: rsa(4096),
  // ECDSA signs with the hash AWS pairs with each curve.
  ECC_NIST_P256: ecc('prime256v1', 'ECDSA_SHA_256', 32),
  ECC_NIST_P384: ecc('secp384r1', 'ECDSA_SHA_384', 48),
  ECC_NIST_P521: ecc('secp521r1', 'ECDSA_SHA_512', 66),
  ECC_SECG_P256K1: ecc('secp256k1', 'ECDSA_SHA_256', 32),
  HMAC_224: hmac(224),
  HMAC_256: hmac(256),
  HMAC_384: hmac(384),
  HMAC_512: hmac(512),
};

/** The data key pair specs of GenerateDataKeyPair: the asymmetric key specs (no HMAC). */
export const DATA_KEY_PAIR_SPECS = [
  'RSA_2048',
  'RSA_3072',
  'RSA_4096',
  'ECC_NIST_P256',
  'ECC_NIST_P384',
  'ECC_NIST_P521',
  'ECC_SECG_P256K1',
] as const satisfies readonly KeySpec[];
export type DataKeyPairSpec = (typeof DATA_KEY_PAIR_SPECS)[number];
