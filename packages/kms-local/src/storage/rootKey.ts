import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { describeValue, KmsInternalError, KmsValidationError } from '@sealbus/core';

export const ROOT_KEY_LENGTH = 32;
const WRAP_NONCE_LENGTH = 12;
const WRAP_TAG_LENGTH = 16;

/**
 * Reads the root key file, creating it with 32 random bytes (base64) and mode 0600 when it does
 * not exist. A file other users can read is refused: it would expose every key in the database.
 */
export function loadOrCreateRootKeyFile(path: string): Uint8Array {
  createRootKeyFileIfMissing(path);
  const fd = openSync(path, 'r');
  try {
    const mode = fstatSync(fd).mode & 0o777;
    if ((mode & 0o077) !== 0) {
      throw new KmsValidationError(
        `rootKeyPath ${describeValue(path)} has mode 0${mode.toString(8)}; other users could read the root key. Run "chmod 600 ${path}".`,
        { field: 'rootKeyPath' },
      );
    }
    const key = Buffer.from(readFileSync(fd, 'utf8').trim(), 'base64');
    return checkRootKey(new Uint8Array(key), `rootKeyPath ${describeValue(path)}`);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes the key to a private temporary file, then hard-links it into place: the link either
 * fails because another process won the race, or publishes a complete file, never a partial one.
 */
function createRootKeyFileIfMissing(path: string): void {
  if (existsSync(path)) return;
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    writeSync(fd, `${randomBytes(ROOT_KEY_LENGTH).toString('base64')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
}

export function checkRootKey(key: Uint8Array, what: string): Uint8Array {
  if (!(key instanceof Uint8Array) || key.length !== ROOT_KEY_LENGTH) {
    throw new KmsValidationError(
      `${what} must hold a ${ROOT_KEY_LENGTH}-byte root key (base64 in a file), got ${key instanceof Uint8Array ? key.length : 'no'} bytes.`,
      { field: 'rootKey' },
    );
  }
  return key;
}

/** A value that identifies the root key without revealing it, to detect a mismatched key file. */
export function rootKeyCheckValue(rootKey: Uint8Array): string {
  return createHmac('sha256', rootKey).update('sealbus-kms-root-key-check-v1').digest('hex');
}

/** AES-256-GCM wrap of key material; `label` (key id + version) is bound as AAD. */
export function wrapKeyMaterial(rootKey: Uint8Array, label: string, material: Uint8Array): Buffer {
  const nonce = randomBytes(WRAP_NONCE_LENGTH);
  const cipher = createCipheriv('aes-256-gcm', rootKey, nonce);
  cipher.setAAD(Buffer.from(label));
  const body = Buffer.concat([cipher.update(material), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]);
}

export function unwrapKeyMaterial(
  rootKey: Uint8Array,
  label: string,
  wrapped: Uint8Array,
): Uint8Array {
  try {
    const bytes = Buffer.from(wrapped);
    const decipher = createDecipheriv('aes-256-gcm', rootKey, bytes.subarray(0, WRAP_NONCE_LENGTH));
    decipher.setAAD(Buffer.from(label));
    decipher.setAuthTag(bytes.subarray(bytes.length - WRAP_TAG_LENGTH));
    const body = bytes.subarray(WRAP_NONCE_LENGTH, bytes.length - WRAP_TAG_LENGTH);
    return new Uint8Array(Buffer.concat([decipher.update(body), decipher.final()]));
  } catch (cause) {
    throw new KmsInternalError(
      `Key material ${label} in the KMS database does not unwrap with the root key; the database or root key file is damaged.`,
      { cause },
    );
  }
}
