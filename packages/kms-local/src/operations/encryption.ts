import { randomBytes } from 'node:crypto';
import type { DecryptRequest, EncryptionContext, GenerateDataKeyRequest } from '@sealbus/core';
import { openCiphertextBlob, parseCiphertextBlob, sealCiphertextBlob } from '../ciphertextBlob.js';
import { privateKeyOf } from '../crypto/keyMaterial.js';
import {
  maxOaepPlaintext,
  RSA_ENCRYPTION_ALGORITHMS,
  type RsaEncryptionAlgorithm,
  rsaDecrypt,
  rsaEncrypt,
} from '../crypto/rsaEncryption.js';
import { validateEncryptionContext } from '../encryptionContext.js';
import { constraintError, kmsError, wireValue } from '../errors/kmsErrorTable.js';
import type { CallRecord, KmsContext } from '../kms/KmsContext.js';
import { KEY_SPEC_INFO } from '../kms/keySpecs.js';
import {
  type DataKeySpec,
  dataKeyLength,
  enumMember,
  integerMember,
  validateMessageBytes,
} from '../requestValidation.js';
import type { KeyRecord } from '../storage/KmsStorage.js';

export const ENCRYPTION_ALGORITHMS = ['SYMMETRIC_DEFAULT', ...RSA_ENCRYPTION_ALGORITHMS] as const;
export type EncryptionAlgorithm = (typeof ENCRYPTION_ALGORITHMS)[number];

export interface DataKeyRequest extends GenerateDataKeyRequest {
  /** 1-1024; exclusive with `keySpec`. */
  numberOfBytes?: number;
  /** @defaultValue `'AES_256'` when `numberOfBytes` is not set either. */
  keySpec?: DataKeySpec;
  grantTokens?: string[];
}

export interface EncryptRequest {
  keyId: string;
  /** 1-4096 bytes (less for RSA keys: what RSAES-OAEP takes). */
  plaintext: Uint8Array;
  context?: EncryptionContext;
  /** @defaultValue `'SYMMETRIC_DEFAULT'`; RSA keys need an `RSAES_OAEP_*` algorithm. */
  encryptionAlgorithm?: EncryptionAlgorithm;
  principal?: string;
  grantTokens?: string[];
}

export interface DecryptOptions {
  /** Required for RSA ciphertexts, which do not name their key. */
  keyId?: string;
  encryptionAlgorithm?: EncryptionAlgorithm;
  grantTokens?: string[];
}

export interface ReEncryptRequest {
  ciphertextBlob: Uint8Array;
  sourceContext?: EncryptionContext;
  /** When set, the blob must belong to this key (`KmsIncorrectKeyError` otherwise). */
  sourceKeyId?: string;
  sourceEncryptionAlgorithm?: EncryptionAlgorithm;
  destinationKeyId: string;
  destinationContext?: EncryptionContext;
  destinationEncryptionAlgorithm?: EncryptionAlgorithm;
  principal?: string;
  grantTokens?: string[];
}

/** The key a blob names, for the audit before the call validates anything. */
function blobKeyId(blob: Uint8Array): string | undefined {
  try {
    return parseCiphertextBlob(blob).keyId;
  } catch {
    return undefined;
  }
}

/**
 * Encrypt, Decrypt, ReEncrypt, GenerateDataKey(WithoutPlaintext) and GenerateRandom: symmetric
 * keys seal into the local blob format, RSA keys with RSAES-OAEP into a raw RSA ciphertext.
 */
export class EncryptionOperations {
  constructor(private readonly ctx: KmsContext) {}

  generateDataKey(
    request: DataKeyRequest,
  ): Promise<{ keyArn: string; plaintext: Uint8Array; ciphertextBlob: Uint8Array }> {
    return this.ctx.call('GenerateDataKey', request, (record) =>
      this.newDataKey(request, record, 'kms:GenerateDataKey'),
    );
  }

  generateDataKeyWithoutPlaintext(
    request: DataKeyRequest,
  ): Promise<{ keyArn: string; ciphertextBlob: Uint8Array }> {
    return this.ctx.call('GenerateDataKeyWithoutPlaintext', request, (record) => {
      const { plaintext, ...rest } = this.newDataKey(
        request,
        record,
        'kms:GenerateDataKeyWithoutPlaintext',
      );
      plaintext.fill(0);
      return rest;
    });
  }

  /** Random bytes from the KMS's generator; needs no key. */
  generateRandom(numberOfBytes: number, principal?: string): Promise<Uint8Array> {
    return this.ctx.call('GenerateRandom', { principal }, () => {
      const count = integerMember(numberOfBytes, 'numberOfBytes', 1, 1024);
      return new Uint8Array(randomBytes(count));
    });
  }

  encrypt(request: EncryptRequest): Promise<{
    keyArn: string;
    ciphertextBlob: Uint8Array;
    encryptionAlgorithm: EncryptionAlgorithm;
  }> {
    return this.ctx.call('Encrypt', request, (record) => {
      const plaintext = validateMessageBytes(request.plaintext, 'plaintext');
      const algorithm = encryptionAlgorithmOf(request.encryptionAlgorithm, 'encryptionAlgorithm');
      const key = this.ctx.usableKey(request.keyId, record, 'kms:Encrypt');
      const ciphertextBlob = this.seal(key, plaintext, record.encryptionContext ?? {}, algorithm);
      return { keyArn: this.ctx.arnOf(key), ciphertextBlob, encryptionAlgorithm: algorithm };
    });
  }

  decrypt(
    request: DecryptRequest & DecryptOptions,
  ): Promise<{ keyArn: string; plaintext: Uint8Array; encryptionAlgorithm: EncryptionAlgorithm }> {
    const keyId = request.keyId ?? blobKeyId(request.ciphertextBlob);
    return this.ctx.call('Decrypt', { ...request, keyId }, (record) => {
      const algorithm = encryptionAlgorithmOf(request.encryptionAlgorithm, 'encryptionAlgorithm');
      const plaintext = this.open(
        request.ciphertextBlob,
        request.keyId,
        record.encryptionContext ?? {},
        algorithm,
        record,
        'kms:Decrypt',
      );
      return { keyArn: record.keyArn!, plaintext, encryptionAlgorithm: algorithm };
    });
  }

  /**
   * Decrypts under the source key and encrypts under the destination key without exposing the
   * plaintext. Needs `kms:ReEncryptFrom` on the source and `kms:ReEncryptTo` on the destination.
   * One audit entry names both keys and both contexts.
   */
  reEncrypt(request: ReEncryptRequest): Promise<{
    ciphertextBlob: Uint8Array;
    sourceKeyArn: string;
    keyArn: string;
    sourceEncryptionAlgorithm: EncryptionAlgorithm;
    destinationEncryptionAlgorithm: EncryptionAlgorithm;
  }> {
    const source = {
      keyId: request.sourceKeyId ?? blobKeyId(request.ciphertextBlob),
      principal: request.principal,
      context: request.sourceContext,
      grantTokens: request.grantTokens,
    };
    return this.ctx.call('ReEncrypt', source, (record) => {
      const destinationContext = validateEncryptionContext(
        request.destinationContext,
        'destinationContext',
      );
      record.destinationEncryptionContext = destinationContext;
      const sourceAlgorithm = encryptionAlgorithmOf(
        request.sourceEncryptionAlgorithm,
        'sourceEncryptionAlgorithm',
      );
      const destinationAlgorithm = encryptionAlgorithmOf(
        request.destinationEncryptionAlgorithm,
        'destinationEncryptionAlgorithm',
      );
      const plaintext = this.open(
        request.ciphertextBlob,
        request.sourceKeyId,
        record.encryptionContext ?? {},
        sourceAlgorithm,
        record,
        'kms:ReEncryptFrom',
      );
      try {
        const destinationRecord: CallRecord = {
          principal: record.principal,
          encryptionContext: destinationContext,
        };
        try {
          const destination = this.ctx.usableKey(
            request.destinationKeyId,
            destinationRecord,
            'kms:ReEncryptTo',
          );
          return {
            ciphertextBlob: this.seal(
              destination,
              plaintext,
              destinationContext,
              destinationAlgorithm,
            ),
            sourceKeyArn: record.keyArn!,
            keyArn: this.ctx.arnOf(destination),
            sourceEncryptionAlgorithm: sourceAlgorithm,
            destinationEncryptionAlgorithm: destinationAlgorithm,
          };
        } finally {
          if (destinationRecord.keyArn !== undefined) {
            record.destinationKeyArn = destinationRecord.keyArn;
          }
        }
      } finally {
        plaintext.fill(0);
      }
    });
  }

  /** A symmetric encryption key the caller may use for `action`; shared with GenerateDataKeyPair. */
  symmetricKey(keyRef: string, record: CallRecord, action: string): KeyRecord {
    const key = this.ctx.usableKey(keyRef, record, action);
    if (key.keySpec !== 'SYMMETRIC_DEFAULT') {
      throw kmsError('invalidKeyUsage', {
        arn: this.ctx.arnOf(key),
        usage: `${key.keyUsage} (${key.keySpec})`,
        operation: action.replace(/^kms:/, ''),
      });
    }
    return key;
  }

  /** Seals a secret under a symmetric key's latest material. */
  sealSymmetric(key: KeyRecord, plaintext: Uint8Array, context: EncryptionContext): Uint8Array {
    return this.seal(key, plaintext, context, 'SYMMETRIC_DEFAULT');
  }

  private newDataKey(
    request: DataKeyRequest,
    record: CallRecord,
    action: string,
  ): { keyArn: string; plaintext: Uint8Array; ciphertextBlob: Uint8Array } {
    const length = dataKeyLength(request.keySpec, request.numberOfBytes);
    const plaintext = new Uint8Array(randomBytes(length));
    try {
      const key = this.symmetricKey(request.keyId, record, action);
      const ciphertextBlob = this.sealSymmetric(key, plaintext, record.encryptionContext ?? {});
      return { keyArn: this.ctx.arnOf(key), plaintext, ciphertextBlob };
    } catch (error) {
      plaintext.fill(0);
      throw error;
    }
  }

  private seal(
    key: KeyRecord,
    plaintext: Uint8Array,
    context: EncryptionContext,
    algorithm: EncryptionAlgorithm,
  ): Uint8Array {
    this.ctx.requireUsage(key, 'ENCRYPT_DECRYPT', 'Encrypt');
    this.requireAlgorithm(key, algorithm);
    const latest = this.ctx.latestMaterial(key);
    if (algorithm === 'SYMMETRIC_DEFAULT') {
      return sealCiphertextBlob(latest.material, key.keyId, latest.version, plaintext, context);
    }
    requireNoContext(context);
    const max = maxOaepPlaintext(KEY_SPEC_INFO[key.keySpec].size, algorithm);
    if (plaintext.length > max) {
      throw constraintError(
        'plaintext',
        wireValue(plaintext),
        `Member must have length less than or equal to ${max} for ${algorithm} with ${key.keySpec}`,
      );
    }
    return rsaEncrypt(privateKeyOf(latest.material), algorithm, plaintext);
  }

  /** Shared by Decrypt and ReEncrypt: identify the key, check, authorize, authenticate. */
  private open(
    blob: Uint8Array,
    expectedKeyRef: string | undefined,
    context: EncryptionContext,
    algorithm: EncryptionAlgorithm,
    record: CallRecord,
    action: string,
  ): Uint8Array {
    if (algorithm !== 'SYMMETRIC_DEFAULT') {
      return this.openRsa(blob, expectedKeyRef, context, algorithm, record, action);
    }
    const parsed = parseCiphertextBlob(blob);
    if (expectedKeyRef !== undefined) {
      const expected = this.ctx.resolveKey(expectedKeyRef, record);
      if (expected.keyId !== parsed.keyId) {
        throw kmsError('incorrectKey', {}, { field: 'KeyId' });
      }
    }
    const key = this.ctx.resolveKey(parsed.keyId, record);
    this.ctx.authorize(key, record, action);
    this.ctx.requireUsable(key);
    this.ctx.requireUsage(key, 'ENCRYPT_DECRYPT', 'Decrypt');
    const material = this.ctx.storage.getMaterial(key.keyId, parsed.materialVersion);
    if (material === undefined) {
      throw kmsError(
        'invalidCiphertext',
        {
          detail: `The ciphertext names key material version ${parsed.materialVersion} of ${this.ctx.arnOf(key)}, which does not exist; the blob is corrupt.`,
        },
        { field: 'CiphertextBlob' },
      );
    }
    return openCiphertextBlob(material, parsed, context);
  }

  private openRsa(
    blob: Uint8Array,
    keyRef: string | undefined,
    context: EncryptionContext,
    algorithm: RsaEncryptionAlgorithm,
    record: CallRecord,
    action: string,
  ): Uint8Array {
    if (keyRef === undefined) {
      throw kmsError(
        'invalidParameter',
        { detail: 'KeyId is required to decrypt with an asymmetric KMS key.' },
        { field: 'KeyId' },
      );
    }
    requireNoContext(context);
    const key = this.ctx.usableKey(keyRef, record, action);
    this.ctx.requireUsage(key, 'ENCRYPT_DECRYPT', 'Decrypt');
    this.requireAlgorithm(key, algorithm);
    const plaintext = rsaDecrypt(
      privateKeyOf(this.ctx.latestMaterial(key).material),
      algorithm,
      blob,
    );
    if (plaintext === undefined) {
      throw kmsError('invalidCiphertext', { detail: '' }, { field: 'CiphertextBlob' });
    }
    return plaintext;
  }

  private requireAlgorithm(key: KeyRecord, algorithm: EncryptionAlgorithm): void {
    if (!KEY_SPEC_INFO[key.keySpec].encryptionAlgorithms.includes(algorithm)) {
      throw kmsError('invalidEncryptionAlgorithm', { algorithm, keySpec: key.keySpec });
    }
  }
}

function encryptionAlgorithmOf(value: unknown, member: string): EncryptionAlgorithm {
  return value === undefined
    ? 'SYMMETRIC_DEFAULT'
    : enumMember(value, member, ENCRYPTION_ALGORITHMS);
}

/** RSA ciphertexts cannot bind an encryption context, so KMS takes none with them. */
function requireNoContext(context: EncryptionContext): void {
  if (Object.keys(context).length > 0) {
    throw kmsError(
      'invalidParameter',
      { detail: 'EncryptionContext is not supported with asymmetric KMS keys.' },
      { field: 'EncryptionContext' },
    );
  }
}
