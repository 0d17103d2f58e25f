import {
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  type KeyObject,
  randomBytes,
} from 'node:crypto';
import { promisify } from 'node:util';
import type { KeySpecInfo } from '../kms/keySpecs.js';

const generateKeyPairAsync = promisify(generateKeyPair);

/**
 * New key material of a spec: AES key or HMAC key bytes, or a private key as PKCS#8 DER.
 * Key pairs are generated off the event loop (RSA 4096 takes a while).
 */
export async function newKeyMaterial(info: KeySpecInfo): Promise<Uint8Array> {
  if (info.family === 'symmetric' || info.family === 'hmac') {
    return new Uint8Array(randomBytes(info.size));
  }
  const { privateKey } =
    info.family === 'rsa'
      ? await generateKeyPairAsync('rsa', { modulusLength: info.size, publicExponent: 0x10001 })
      : await generateKeyPairAsync('ec', { namedCurve: info.curve ?? '' });
  return new Uint8Array(privateKey.export({ type: 'pkcs8', format: 'der' }));
}

export function privateKeyOf(material: Uint8Array): KeyObject {
  return createPrivateKey({ key: Buffer.from(material), format: 'der', type: 'pkcs8' });
}

/** The DER SubjectPublicKeyInfo that KMS GetPublicKey returns. */
export function publicKeyDer(privateKey: KeyObject): Uint8Array {
  return new Uint8Array(createPublicKey(privateKey).export({ type: 'spki', format: 'der' }));
}
