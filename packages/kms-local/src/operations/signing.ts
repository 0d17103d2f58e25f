import { createHmac, generateKeyPair, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { EncryptionContext, KeySpec, KeyUsage } from '@sealbus/core';
import { privateKeyOf, publicKeyDer } from '../crypto/keyMaterial.js';
import { type MessageType, signingScheme, signMessage, verifyMessage } from '../crypto/signing.js';
import { constraintError, kmsError, wireValue } from '../errors/kmsErrorTable.js';
import type { CallRecord, KmsContext } from '../kms/KmsContext.js';
import { DATA_KEY_PAIR_SPECS, type DataKeyPairSpec, KEY_SPEC_INFO } from '../kms/keySpecs.js';
import { enumMember, validateMessageBytes } from '../requestValidation.js';
import type { KeyRecord } from '../storage/KmsStorage.js';
import type { EncryptionOperations } from './encryption.js';

const generateKeyPairAsync = promisify(generateKeyPair);

export const SIGNING_ALGORITHMS = [
  'RSASSA_PSS_SHA_256',
  'RSASSA_PSS_SHA_384',
  'RSASSA_PSS_SHA_512',
  'RSASSA_PKCS1_V1_5_SHA_256',
  'RSASSA_PKCS1_V1_5_SHA_384',
  'RSASSA_PKCS1_V1_5_SHA_512',
  'ECDSA_SHA_256',
  'ECDSA_SHA_384',
  'ECDSA_SHA_512',
] as const;
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];
export const MAC_ALGORITHMS = [
  'HMAC_SHA_224',
  'HMAC_SHA_256',
  'HMAC_SHA_384',
  'HMAC_SHA_512',
] as const;
export type MacAlgorithm = (typeof MAC_ALGORITHMS)[number];
const MESSAGE_TYPES = ['RAW', 'DIGEST'] as const;

interface KeyCall {
  keyId: string;
  principal?: string;
  grantTokens?: string[];
}

export interface SignRequest extends KeyCall {
  /** 1-4096 bytes; with `messageType: 'DIGEST'`, the digest of the algorithm's hash. */
  message: Uint8Array;
  /** @defaultValue `'RAW'` */
  messageType?: MessageType;
  signingAlgorithm: SigningAlgorithm;
}

export interface VerifyRequest extends SignRequest {
  signature: Uint8Array;
}

export interface MacRequest extends KeyCall {
  message: Uint8Array;
  macAlgorithm: MacAlgorithm;
}

export interface PublicKeyResult {
  keyArn: string;
  /** DER-encoded SubjectPublicKeyInfo. */
  publicKey: Uint8Array;
  keySpec: KeySpec;
  keyUsage: KeyUsage;
  encryptionAlgorithms?: readonly string[];
  signingAlgorithms?: readonly string[];
}

export interface DataKeyPairRequest extends KeyCall {
  keyPairSpec: DataKeyPairSpec;
  context?: EncryptionContext;
}

export interface DataKeyPairResult {
  keyArn: string;
  keyPairSpec: DataKeyPairSpec;
  /** DER SubjectPublicKeyInfo. */
  publicKey: Uint8Array;
  /** PKCS#8 DER; only from `generateDataKeyPair`. Zero it when done. */
  privateKeyPlaintext?: Uint8Array;
  /** The private key encrypted under the symmetric KMS key. */
  privateKeyCiphertextBlob: Uint8Array;
}

/** Sign, Verify, GetPublicKey, GenerateMac, VerifyMac and GenerateDataKeyPair(WithoutPlaintext). */
export class SigningOperations {
  constructor(
    private readonly ctx: KmsContext,
    private readonly encryption: EncryptionOperations,
  ) {}

  sign(request: SignRequest): Promise<{
    keyArn: string;
    signature: Uint8Array;
    signingAlgorithm: SigningAlgorithm;
  }> {
    return this.ctx.call('Sign', request, (record) => {
      const input = this.signingInput(request);
      const key = this.ctx.usableKey(request.keyId, record, 'kms:Sign');
      const { scheme, curve } = this.schemeFor(
        key,
        input.algorithm,
        input.message,
        input.type,
        'Sign',
      );
      const privateKey = privateKeyOf(this.ctx.latestMaterial(key).material);
      return {
        keyArn: this.ctx.arnOf(key),
        signature: signMessage(scheme, privateKey, curve, input.message, input.type),
        signingAlgorithm: input.algorithm,
      };
    });
  }

  /** Resolves `signatureValid: true`; a signature that does not verify is `KmsInvalidSignatureError`. */
  verify(request: VerifyRequest): Promise<{
    keyArn: string;
    signatureValid: true;
    signingAlgorithm: SigningAlgorithm;
  }> {
    return this.ctx.call('Verify', request, (record) => {
      const input = this.signingInput(request);
      const signature = request.signature;
      if (!(signature instanceof Uint8Array) || signature.length < 1 || signature.length > 6144) {
        throw constraintError(
          'signature',
          wireValue(signature),
          'Member must have length less than or equal to 6144 and greater than or equal to 1',
        );
      }
      const key = this.ctx.usableKey(request.keyId, record, 'kms:Verify');
      const { scheme, curve } = this.schemeFor(
        key,
        input.algorithm,
        input.message,
        input.type,
        'Verify',
      );
      const privateKey = privateKeyOf(this.ctx.latestMaterial(key).material);
      if (!verifyMessage(scheme, privateKey, curve, input.message, input.type, signature)) {
        throw kmsError('invalidSignature', {}, { field: 'Signature' });
      }
      return {
        keyArn: this.ctx.arnOf(key),
        signatureValid: true,
        signingAlgorithm: input.algorithm,
      };
    });
  }

  getPublicKey(
    keyId: string,
    principal?: string,
    grantTokens?: string[],
  ): Promise<PublicKeyResult> {
    return this.ctx.call('GetPublicKey', { keyId, principal, grantTokens }, (record) => {
      const key = this.ctx.usableKey(keyId, record, 'kms:GetPublicKey');
      const info = KEY_SPEC_INFO[key.keySpec];
      if (info.family !== 'rsa' && info.family !== 'ecc') {
        throw kmsError('unsupportedForKeySpec', {
          arn: this.ctx.arnOf(key),
          keySpec: key.keySpec,
          operation: 'GetPublicKey',
        });
      }
      return {
        keyArn: this.ctx.arnOf(key),
        publicKey: publicKeyDer(privateKeyOf(this.ctx.latestMaterial(key).material)),
        keySpec: key.keySpec,
        keyUsage: key.keyUsage,
        ...(key.keyUsage === 'ENCRYPT_DECRYPT'
          ? { encryptionAlgorithms: info.encryptionAlgorithms }
          : { signingAlgorithms: info.signingAlgorithms }),
      };
    });
  }

  generateMac(request: MacRequest): Promise<{
    keyArn: string;
    mac: Uint8Array;
    macAlgorithm: MacAlgorithm;
  }> {
    return this.ctx.call('GenerateMac', request, (record) => {
      const { key, mac, algorithm } = this.computeMac(request, record, 'kms:GenerateMac');
      return { keyArn: this.ctx.arnOf(key), mac, macAlgorithm: algorithm };
    });
  }

  /** Resolves `macValid: true`; a MAC that does not match is `KmsInvalidMacError`. */
  verifyMac(request: MacRequest & { mac: Uint8Array }): Promise<{
    keyArn: string;
    macValid: true;
    macAlgorithm: MacAlgorithm;
  }> {
    return this.ctx.call('VerifyMac', request, (record) => {
      if (
        !(request.mac instanceof Uint8Array) ||
        request.mac.length < 1 ||
        request.mac.length > 6144
      ) {
        throw constraintError(
          'mac',
          wireValue(request.mac),
          'Member must have length less than or equal to 6144 and greater than or equal to 1',
        );
      }
      const { key, mac, algorithm } = this.computeMac(request, record, 'kms:VerifyMac');
      if (mac.length !== request.mac.length || !timingSafeEqual(mac, request.mac)) {
        throw kmsError('invalidMac', {}, { field: 'Mac' });
      }
      return { keyArn: this.ctx.arnOf(key), macValid: true, macAlgorithm: algorithm };
    });
  }

  generateDataKeyPair(request: DataKeyPairRequest): Promise<DataKeyPairResult> {
    return this.dataKeyPair('GenerateDataKeyPair', request, true);
  }

  generateDataKeyPairWithoutPlaintext(
    request: DataKeyPairRequest,
  ): Promise<Omit<DataKeyPairResult, 'privateKeyPlaintext'>> {
    return this.dataKeyPair('GenerateDataKeyPairWithoutPlaintext', request, false);
  }

  private dataKeyPair(
    operation: 'GenerateDataKeyPair' | 'GenerateDataKeyPairWithoutPlaintext',
    request: DataKeyPairRequest,
    withPlaintext: boolean,
  ): Promise<DataKeyPairResult> {
    return this.ctx.call(operation, request, async (record) => {
      const spec = enumMember(request.keyPairSpec, 'keyPairSpec', DATA_KEY_PAIR_SPECS);
      const info = KEY_SPEC_INFO[spec];
      // Authorized before the (possibly slow) key pair generation.
      const key = this.encryption.symmetricKey(request.keyId, record, `kms:${operation}`);
      const { privateKey, publicKey } =
        info.family === 'rsa'
          ? await generateKeyPairAsync('rsa', { modulusLength: info.size, publicExponent: 0x10001 })
          : await generateKeyPairAsync('ec', { namedCurve: info.curve ?? '' });
      const privateDer = new Uint8Array(privateKey.export({ type: 'pkcs8', format: 'der' }));
      const ciphertextBlob = this.encryption.sealSymmetric(
        key,
        privateDer,
        record.encryptionContext ?? {},
      );
      if (!withPlaintext) privateDer.fill(0);
      return {
        keyArn: this.ctx.arnOf(key),
        keyPairSpec: spec,
        publicKey: new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })),
        privateKeyCiphertextBlob: ciphertextBlob,
        ...(withPlaintext ? { privateKeyPlaintext: privateDer } : {}),
      };
    });
  }

  private signingInput(request: SignRequest): {
    message: Uint8Array;
    type: MessageType;
    algorithm: SigningAlgorithm;
  } {
    return {
      message: validateMessageBytes(request.message, 'message'),
      type:
        request.messageType === undefined
          ? 'RAW'
          : enumMember(request.messageType, 'messageType', MESSAGE_TYPES),
      algorithm: enumMember(request.signingAlgorithm, 'signingAlgorithm', SIGNING_ALGORITHMS),
    };
  }

  private schemeFor(
    key: KeyRecord,
    algorithm: SigningAlgorithm,
    message: Uint8Array,
    type: MessageType,
    operation: string,
  ) {
    this.ctx.requireUsage(key, 'SIGN_VERIFY', operation);
    const info = KEY_SPEC_INFO[key.keySpec];
    const scheme = signingScheme(algorithm);
    if (scheme === undefined || !info.signingAlgorithms.includes(algorithm)) {
      throw kmsError('invalidEncryptionAlgorithm', { algorithm, keySpec: key.keySpec });
    }
    if (type === 'DIGEST' && message.length !== scheme.digestLength) {
      throw kmsError(
        'invalidParameter',
        { detail: `Digest is invalid length for algorithm ${algorithm}.` },
        { field: 'Message' },
      );
    }
    return { scheme, curve: info.curve };
  }

  private computeMac(
    request: MacRequest,
    record: CallRecord,
    action: string,
  ): { key: KeyRecord; mac: Buffer; algorithm: MacAlgorithm } {
    const message = validateMessageBytes(request.message, 'message');
    const algorithm = enumMember(request.macAlgorithm, 'macAlgorithm', MAC_ALGORITHMS);
    const key = this.ctx.usableKey(request.keyId, record, action);
    this.ctx.requireUsage(key, 'GENERATE_VERIFY_MAC', action.replace(/^kms:/, ''));
    const info = KEY_SPEC_INFO[key.keySpec];
    if (!info.macAlgorithms.includes(algorithm)) {
      throw kmsError('invalidEncryptionAlgorithm', { algorithm, keySpec: key.keySpec });
    }
    const material = this.ctx.latestMaterial(key).material;
    return {
      key,
      mac: createHmac(info.hash ?? '', material)
        .update(message)
        .digest(),
      algorithm,
    };
  }
}
