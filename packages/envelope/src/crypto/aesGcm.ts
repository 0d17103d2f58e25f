import { createCipheriv, createDecipheriv } from 'node:crypto';
import { EnvelopeIntegrityError } from '../errors/EnvelopeIntegrityError.js';
import { TAG_LENGTH } from '../format/constants.js';

const ALGORITHM = 'aes-256-gcm';
const OPTIONS = { authTagLength: TAG_LENGTH } as const;

/** Encrypts `plaintext` into `out` at `offset` and appends the tag. */
export function encryptInto(
  out: Buffer,
  offset: number,
  aesKey: Buffer,
  iv: Buffer,
  aad: Buffer,
  plaintext: Uint8Array,
): void {
  const cipher = createCipheriv(ALGORITHM, aesKey, iv, OPTIONS);
  cipher.setAAD(aad);
  const ciphertext = cipher.update(plaintext);
  out.set(ciphertext, offset);
  cipher.final();
  out.set(cipher.getAuthTag(), offset + ciphertext.byteLength);
}

/**
 * Decrypts and authenticates. Unauthenticated output is zeroed and never returned: a tag
 * mismatch throws `EnvelopeIntegrityError`.
 */
export function decryptAuthenticated(
  aesKey: Buffer,
  iv: Buffer,
  aad: Buffer,
  ciphertext: Buffer,
  tag: Buffer,
): Buffer {
  const decipher = createDecipheriv(ALGORITHM, aesKey, iv, OPTIONS);
  decipher.setAuthTag(tag);
  decipher.setAAD(aad);
  const plaintext = decipher.update(ciphertext);
  try {
    decipher.final();
  } catch (cause) {
    plaintext.fill(0);
    throw new EnvelopeIntegrityError(
      'envelope failed authentication (AES-GCM tag mismatch): its bytes were altered, or it was sealed for another encryption context or message (binding); discard it or open it with the context and binding it was sealed with',
      { cause },
    );
  }
  return plaintext;
}
