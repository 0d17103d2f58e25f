import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { type EncryptionContext, KmsInvalidCiphertextError } from '@sealbus/core';
import { canonicalEncryptionContext } from './encryptionContext.js';

/**
 * Local KMS ciphertext blob, version 1 (all integers big-endian):
 *
 * | offset | size | field                                   |
 * |--------|------|-----------------------------------------|
 * | 0      | 1    | magic 0x4c ("L")                        |
 * | 1      | 1    | format version, 1                       |
 * | 2      | 16   | key id (UUID bytes)                     |
 * | 18     | 4    | key material version (1 = original)     |
 * | 22     | 12   | AES-GCM nonce                           |
 * | 34     | n    | ciphertext, 1-4096 bytes                |
 * | 34+n   | 16   | AES-GCM tag                             |
 *
 * AES-256-GCM under the key material; AAD = the 34 header bytes + canonical encryption context,
 * so a blob opens only with its own header and context.
 */
export const BLOB_MAGIC = 0x4c;
export const BLOB_VERSION = 1;
export const BLOB_HEADER_LENGTH = 34;
export const BLOB_TAG_LENGTH = 16;
export const BLOB_MAX_PLAINTEXT = 4096;
const NONCE_OFFSET = 22;
const NONCE_LENGTH = 12;

export interface ParsedCiphertextBlob {
  readonly keyId: string;
  readonly materialVersion: number;
  readonly header: Buffer;
  readonly nonce: Buffer;
  readonly ciphertext: Buffer;
  readonly tag: Buffer;
}

export function sealCiphertextBlob(
  material: Uint8Array,
  keyId: string,
  materialVersion: number,
  plaintext: Uint8Array,
  context: EncryptionContext,
): Uint8Array {
  const header = Buffer.alloc(BLOB_HEADER_LENGTH);
  header[0] = BLOB_MAGIC;
  header[1] = BLOB_VERSION;
  Buffer.from(keyId.replaceAll('-', ''), 'hex').copy(header, 2);
  header.writeUInt32BE(materialVersion, 18);
  randomBytes(NONCE_LENGTH).copy(header, NONCE_OFFSET);
  const cipher = createCipheriv('aes-256-gcm', material, header.subarray(NONCE_OFFSET));
  cipher.setAAD(Buffer.concat([header, canonicalEncryptionContext(context)]));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return new Uint8Array(Buffer.concat([header, ciphertext, cipher.getAuthTag()]));
}

/** Reads the self-describing fields; every malformed input fails with `KmsInvalidCiphertextError`. */
export function parseCiphertextBlob(blob: Uint8Array): ParsedCiphertextBlob {
  if (!(blob instanceof Uint8Array)) {
    throw invalid('ciphertextBlob must be bytes (Uint8Array).');
  }
  const min = BLOB_HEADER_LENGTH + 1 + BLOB_TAG_LENGTH;
  const max = BLOB_HEADER_LENGTH + BLOB_MAX_PLAINTEXT + BLOB_TAG_LENGTH;
  if (blob.length < min || blob.length > max) {
    throw invalid(
      `ciphertextBlob is ${blob.length} bytes; a blob from this KMS has ${min}-${max} bytes. Pass the ciphertextBlob exactly as Encrypt or GenerateDataKey returned it.`,
    );
  }
  const bytes = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  if (bytes[0] !== BLOB_MAGIC || bytes[1] !== BLOB_VERSION) {
    throw invalid(
      `ciphertextBlob starts with 0x${bytes.subarray(0, 2).toString('hex')}, not 0x4c01 (local KMS blob, version 1); it was not produced by this KMS or is corrupt.`,
    );
  }
  const materialVersion = bytes.readUInt32BE(18);
  if (materialVersion === 0)
    throw invalid('ciphertextBlob names key material version 0, which never exists.');
  const hex = bytes.subarray(2, 18).toString('hex');
  const keyId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return {
    keyId,
    materialVersion,
    header: Buffer.from(bytes.subarray(0, BLOB_HEADER_LENGTH)),
    nonce: Buffer.from(bytes.subarray(NONCE_OFFSET, BLOB_HEADER_LENGTH)),
    ciphertext: Buffer.from(bytes.subarray(BLOB_HEADER_LENGTH, bytes.length - BLOB_TAG_LENGTH)),
    tag: Buffer.from(bytes.subarray(bytes.length - BLOB_TAG_LENGTH)),
  };
}

/** Decrypts and authenticates; a wrong context or any altered byte fails the same way. */
export function openCiphertextBlob(
  material: Uint8Array,
  parsed: ParsedCiphertextBlob,
  context: EncryptionContext,
): Uint8Array {
  try {
    const decipher = createDecipheriv('aes-256-gcm', material, parsed.nonce);
    decipher.setAAD(Buffer.concat([parsed.header, canonicalEncryptionContext(context)]));
    decipher.setAuthTag(parsed.tag);
    return new Uint8Array(Buffer.concat([decipher.update(parsed.ciphertext), decipher.final()]));
  } catch (cause) {
    throw invalid(
      'ciphertextBlob did not authenticate: the encryption context differs from the one used to encrypt, or the blob is corrupt. Pass the exact context used at encryption.',
      cause,
    );
  }
}

function invalid(message: string, cause?: unknown): KmsInvalidCiphertextError {
  return new KmsInvalidCiphertextError(message, { field: 'CiphertextBlob', cause });
}
