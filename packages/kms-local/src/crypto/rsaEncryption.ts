import {
  constants,
  createPublicKey,
  type KeyObject,
  privateDecrypt,
  publicEncrypt,
} from 'node:crypto';

export const RSA_ENCRYPTION_ALGORITHMS = ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'] as const;
export type RsaEncryptionAlgorithm = (typeof RSA_ENCRYPTION_ALGORITHMS)[number];

const OAEP: Readonly<Record<RsaEncryptionAlgorithm, { hash: string; hashLength: number }>> = {
  RSAES_OAEP_SHA_1: { hash: 'sha1', hashLength: 20 },
  RSAES_OAEP_SHA_256: { hash: 'sha256', hashLength: 32 },
};

/** The longest plaintext RSAES-OAEP takes: modulus bytes - 2 * hash length - 2 (RFC 8017, 7.1.1). */
export function maxOaepPlaintext(modulusBits: number, algorithm: RsaEncryptionAlgorithm): number {
  return modulusBits / 8 - 2 * OAEP[algorithm].hashLength - 2;
}

/** The raw RSA ciphertext, as KMS returns it for RSA keys (no header, not self-describing). */
export function rsaEncrypt(
  privateKey: KeyObject,
  algorithm: RsaEncryptionAlgorithm,
  plaintext: Uint8Array,
): Uint8Array {
  return new Uint8Array(
    publicEncrypt(
      {
        key: createPublicKey(privateKey),
        padding: constants.RSA_PKCS1_OAEP_PADDING,
        oaepHash: OAEP[algorithm].hash,
      },
      plaintext,
    ),
  );
}

/** Undefined when the ciphertext does not decrypt under the key and algorithm. */
export function rsaDecrypt(
  privateKey: KeyObject,
  algorithm: RsaEncryptionAlgorithm,
  ciphertext: Uint8Array,
): Uint8Array | undefined {
  try {
    return new Uint8Array(
      privateDecrypt(
        {
          key: privateKey,
          padding: constants.RSA_PKCS1_OAEP_PADDING,
          oaepHash: OAEP[algorithm].hash,
        },
        ciphertext,
      ),
    );
  } catch {
    return undefined;
  }
}
