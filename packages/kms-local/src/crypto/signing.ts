import {
  constants,
  createHash,
  createPublicKey,
  type KeyObject,
  privateEncrypt,
  publicDecrypt,
  randomBytes,
  sign,
  timingSafeEqual,
  verify,
} from 'node:crypto';
import { signDigest, verifyDigest } from './ecdsaPrehashed.js';

export type MessageType = 'RAW' | 'DIGEST';

/** How one KMS signing algorithm maps onto node:crypto. */
interface SigningScheme {
  readonly kind: 'pss' | 'pkcs1' | 'ecdsa';
  readonly hash: 'sha256' | 'sha384' | 'sha512';
  readonly digestLength: number;
}

const HASHES = {
  SHA_256: { hash: 'sha256', digestLength: 32 },
  SHA_384: { hash: 'sha384', digestLength: 48 },
  SHA_512: { hash: 'sha512', digestLength: 64 },
} as const;

export function signingScheme(algorithm: string): SigningScheme | undefined {
  const match = /^(RSASSA_PSS|RSASSA_PKCS1_V1_5|ECDSA)_(SHA_256|SHA_384|SHA_512)$/.exec(algorithm);
  if (match === null) return undefined;
  const kind = match[1] === 'RSASSA_PSS' ? 'pss' : match[1] === 'ECDSA' ? 'ecdsa' : 'pkcs1';
  return { kind, ...HASHES[match[2] as keyof typeof HASHES] };
}

/** DER DigestInfo prefixes of EMSA-PKCS1-v1_5 (RFC 8017, 9.2 note 1). */
const DIGEST_INFO: Readonly<Record<SigningScheme['hash'], Buffer>> = {
  sha256: Buffer.from('3031300d060960864801650304020105000420', 'hex'),
  sha384: Buffer.from('3041300d060960864801650304020205000430', 'hex'),
  sha512: Buffer.from('3051300d060960864801650304020305000440', 'hex'),
};

/**
 * Signs as KMS does: RAW messages are hashed here, DIGEST messages are the hash already.
 * PSS uses a salt as long as the digest, as KMS does.
 */
export function signMessage(
  scheme: SigningScheme,
  privateKey: KeyObject,
  curve: string | undefined,
  message: Uint8Array,
  messageType: MessageType,
): Uint8Array {
  if (messageType === 'RAW') {
    return new Uint8Array(sign(scheme.hash, message, nodeSignOptions(scheme, privateKey)));
  }
  if (scheme.kind === 'ecdsa') return new Uint8Array(signDigest(curve ?? '', privateKey, message));
  const encoded =
    scheme.kind === 'pkcs1'
      ? Buffer.concat([DIGEST_INFO[scheme.hash], message])
      : emsaPssEncode(scheme, message, modulusBits(privateKey) - 1);
  return new Uint8Array(
    privateEncrypt(
      {
        key: privateKey,
        padding: scheme.kind === 'pkcs1' ? constants.RSA_PKCS1_PADDING : constants.RSA_NO_PADDING,
      },
      encoded,
    ),
  );
}

export function verifyMessage(
  scheme: SigningScheme,
  privateKey: KeyObject,
  curve: string | undefined,
  message: Uint8Array,
  messageType: MessageType,
  signature: Uint8Array,
): boolean {
  const publicKey = createPublicKey(privateKey);
  try {
    if (messageType === 'RAW') {
      return verify(scheme.hash, message, nodeSignOptions(scheme, publicKey), signature);
    }
    if (scheme.kind === 'ecdsa') return verifyDigest(curve ?? '', publicKey, message, signature);
    if (scheme.kind === 'pkcs1') {
      const expected = Buffer.concat([DIGEST_INFO[scheme.hash], message]);
      const recovered = publicDecrypt(
        { key: publicKey, padding: constants.RSA_PKCS1_PADDING },
        signature,
      );
      return recovered.length === expected.length && timingSafeEqual(recovered, expected);
    }
    const encoded = publicDecrypt({ key: publicKey, padding: constants.RSA_NO_PADDING }, signature);
    return emsaPssVerify(scheme, message, encoded, modulusBits(publicKey) - 1);
  } catch {
    // A signature of the wrong size or padding is simply not valid.
    return false;
  }
}

function nodeSignOptions(scheme: SigningScheme, key: KeyObject) {
  if (scheme.kind === 'ecdsa') return { key, dsaEncoding: 'der' as const };
  return scheme.kind === 'pss'
    ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: scheme.digestLength }
    : { key, padding: constants.RSA_PKCS1_PADDING };
}

function modulusBits(key: KeyObject): number {
  return key.asymmetricKeyDetails?.modulusLength ?? 0;
}

/** MGF1 (RFC 8017, B.2.1). */
function mgf1(hash: string, seed: Buffer, length: number): Buffer {
  const blocks: Buffer[] = [];
  for (let counter = 0; blocks.length * seed.length < length + seed.length; counter++) {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(counter);
    blocks.push(createHash(hash).update(seed).update(c).digest());
  }
  return Buffer.concat(blocks).subarray(0, length);
}

/** EMSA-PSS-ENCODE (RFC 8017, 9.1.1) of a digest, salt length = digest length. */
function emsaPssEncode(scheme: SigningScheme, digest: Uint8Array, emBits: number): Buffer {
  const hLen = scheme.digestLength;
  const emLen = Math.ceil(emBits / 8);
  const salt = randomBytes(hLen);
  const mPrime = Buffer.concat([Buffer.alloc(8), digest, salt]);
  const h = createHash(scheme.hash).update(mPrime).digest();
  const db = Buffer.concat([Buffer.alloc(emLen - 2 * hLen - 2), Buffer.from([1]), salt]);
  const masked = xor(db, mgf1(scheme.hash, h, db.length));
  masked[0] = (masked[0] ?? 0) & (0xff >> (8 * emLen - emBits));
  const em = Buffer.concat([masked, h, Buffer.from([0xbc])]);
  // RSA_NO_PADDING wants a block of the full modulus length.
  return em.length * 8 < emBits + 1 ? Buffer.concat([Buffer.alloc(1), em]) : em;
}

/** EMSA-PSS-VERIFY (RFC 8017, 9.1.2) on the block the public key recovered. */
function emsaPssVerify(
  scheme: SigningScheme,
  digest: Uint8Array,
  block: Buffer,
  emBits: number,
): boolean {
  const hLen = scheme.digestLength;
  const emLen = Math.ceil(emBits / 8);
  const em = block.subarray(block.length - emLen);
  if (block.length > emLen && block[0] !== 0) return false;
  if (emLen < 2 * hLen + 2 || em[em.length - 1] !== 0xbc) return false;
  const masked = em.subarray(0, emLen - hLen - 1);
  const h = em.subarray(emLen - hLen - 1, emLen - 1);
  const topMask = 0xff >> (8 * emLen - emBits);
  if (((masked[0] ?? 0) & ~topMask) !== 0) return false;
  const db = xor(masked, mgf1(scheme.hash, h, masked.length));
  db[0] = (db[0] ?? 0) & topMask;
  const separator = db.length - hLen - 1;
  if (db.subarray(0, separator).some((byte) => byte !== 0) || db[separator] !== 1) return false;
  const salt = db.subarray(separator + 1);
  const expected = createHash(scheme.hash)
    .update(Buffer.concat([Buffer.alloc(8), digest, salt]))
    .digest();
  return timingSafeEqual(expected, h);
}

function xor(a: Buffer, b: Buffer): Buffer {
  const out = Buffer.alloc(a.length);
  for (let i = 0; i < a.length; i++) out[i] = (a[i] ?? 0) ^ (b[i] ?? 0);
  return out;
}
