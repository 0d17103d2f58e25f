import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import {
  closeSync,
  fstatSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { describeValue, KmsInternalError, KmsValidationError } from '@sealbus/core';
import { createPrivateParentDirectory, PRIVATE_FILE_MODE } from './privateFiles.js';

export const ROOT_KEY_LENGTH = 32;
const WRAP_NONCE_LENGTH = 12;
const WRAP_TAG_LENGTH = 16;

/**
 * Reads the root key file, or returns undefined when there is none. A file other users can read
 * is refused: it would expose every key in the database.
 */
export function readRootKeyFile(path: string): Uint8Array | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
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
 * Writes 32 random bytes (base64, mode 0600) to `path` unless it exists; only for a new KMS
 * database. The key goes to a private temporary file first, then is hard-linked into place: the
 * link either fails because another process won the race, or publishes a complete file.
 */
export function createRootKeyFile(path: string): void {
  createPrivateParentDirectory(path);
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temporary, 'wx', PRIVATE_FILE_MODE);
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

/**
 * Where a SQLite KMS on `path` gets its root key: the key given, else its file (default
 * `${path}.root-key`). An in-memory database gets a throwaway key: a file would outlive it.
 */
export function sqliteRootKeySource(
  path: string,
  given: { rootKey?: Uint8Array | undefined; rootKeyPath?: string | undefined },
): { rootKey: Uint8Array } | { rootKeyPath: string } {
  if (given.rootKey !== undefined) return { rootKey: given.rootKey };
  if (path === ':memory:' && given.rootKeyPath === undefined) {
    return { rootKey: new Uint8Array(randomBytes(ROOT_KEY_LENGTH)) };
  }
  return { rootKeyPath: given.rootKeyPath ?? `${path}.root-key` };
}
