import { type KeyObject, randomBytes } from 'node:crypto';

/**
 * ECDSA over a digest the caller already computed (KMS `MessageType: DIGEST`). node:crypto
 * hashes inside `sign`/`verify`, so the curve arithmetic for this one case is done here with
 * BigInt; signatures are DER-encoded like node:crypto's and verify there against the message.
 */
interface Curve {
  p: bigint;
  a: bigint;
  n: bigint;
  gx: bigint;
  gy: bigint;
}

const CURVES: Readonly<Record<string, Curve>> = {
  prime256v1: {
    p: 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn,
    a: 0xffffffff00000001000000000000000000000000fffffffffffffffffffffffcn,
    n: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
    gx: 0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n,
    gy: 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n,
  },
  secp384r1: {
    p: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffffn,
    a: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000fffffffcn,
    n: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
    gx: 0xaa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7n,
    gy: 0x3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5fn,
  },
  secp521r1: {
    p: (1n << 521n) - 1n,
    a: (1n << 521n) - 4n,
    n: 0x01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409n,
    gx: 0x00c6858e06b70404e9cd9e3ecb662395b4429c648139053fb521f828af606b4d3dbaa14b5e77efe75928fe1dc127a2ffa8de3348b3c1856a429bf97e7e31c2e5bd66n,
    gy: 0x011839296a789a3bc0045c8a5fb42c7d1bd998f54449579b446817afbd17273e662c97ee72995ef42640c550b9013fad0761353c7086a272c24088be94769fd16650n,
  },
  secp256k1: {
    p: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2fn,
    a: 0n,
    n: 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n,
    gx: 0x79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798n,
    gy: 0x483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8n,
  },
};

type Point = { x: bigint; y: bigint } | null;

function mod(value: bigint, m: bigint): bigint {
  const r = value % m;
  return r < 0n ? r + m : r;
}

/** Modular inverse by the extended Euclidean algorithm. */
function inverse(value: bigint, m: bigint): bigint {
  let [a, b] = [mod(value, m), m];
  let [x, y] = [1n, 0n];
  while (b !== 0n) {
    const q = a / b;
    [a, b] = [b, a - q * b];
    [x, y] = [y, x - q * y];
  }
  return mod(x, m);
}

function add(curve: Curve, p: Point, q: Point): Point {
  if (p === null) return q;
  if (q === null) return p;
  const { p: prime } = curve;
  let slope: bigint;
  if (p.x === q.x) {
    if (mod(p.y + q.y, prime) === 0n) return null;
    slope = mod((3n * p.x * p.x + curve.a) * inverse(2n * p.y, prime), prime);
  } else {
    slope = mod((q.y - p.y) * inverse(q.x - p.x, prime), prime);
  }
  const x = mod(slope * slope - p.x - q.x, prime);
  return { x, y: mod(slope * (p.x - x) - p.y, prime) };
}

function multiply(curve: Curve, point: Point, scalar: bigint): Point {
  let result: Point = null;
  let addend = point;
  for (let k = scalar; k > 0n; k >>= 1n) {
    if (k & 1n) result = add(curve, result, addend);
    addend = add(curve, addend, addend);
  }
  return result;
}

function curveOf(curveName: string): Curve {
  const curve = CURVES[curveName];
  if (curve === undefined) throw new Error(`no curve parameters for ${curveName}`);
  return curve;
}

function toBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
}

/** The digest as an integer, cut to the bit length of n (SEC 1, 4.1.3 step 5). */
function digestInteger(curve: Curve, digest: Uint8Array): bigint {
  const nBits = curve.n.toString(2).length;
  const e = toBigInt(digest);
  const excess = digest.length * 8 - nBits;
  return excess > 0 ? e >> BigInt(excess) : e;
}

function jwkInteger(value: string | undefined): bigint {
  return toBigInt(Buffer.from(value ?? '', 'base64url'));
}

export function signDigest(curveName: string, privateKey: KeyObject, digest: Uint8Array): Buffer {
  const curve = curveOf(curveName);
  const d = jwkInteger(privateKey.export({ format: 'jwk' }).d);
  const e = digestInteger(curve, digest);
  const nBytes = Math.ceil(curve.n.toString(2).length / 8) + 8;
  for (;;) {
    const k = mod(toBigInt(randomBytes(nBytes)), curve.n - 1n) + 1n;
    const point = multiply(curve, { x: curve.gx, y: curve.gy }, k);
    if (point === null) continue;
    const r = mod(point.x, curve.n);
    const s = mod(inverse(k, curve.n) * (e + r * d), curve.n);
    if (r !== 0n && s !== 0n) return encodeDer(r, s);
  }
}

export function verifyDigest(
  curveName: string,
  publicKey: KeyObject,
  digest: Uint8Array,
  signature: Uint8Array,
): boolean {
  const curve = curveOf(curveName);
  const decoded = decodeDer(signature);
  if (decoded === undefined) return false;
  const { r, s } = decoded;
  if (r <= 0n || r >= curve.n || s <= 0n || s >= curve.n) return false;
  const jwk = publicKey.export({ format: 'jwk' });
  const q = { x: jwkInteger(jwk.x), y: jwkInteger(jwk.y) };
  const w = inverse(s, curve.n);
  const e = digestInteger(curve, digest);
  const point = add(
    curve,
    multiply(curve, { x: curve.gx, y: curve.gy }, mod(e * w, curve.n)),
    multiply(curve, q, mod(r * w, curve.n)),
  );
  return point !== null && mod(point.x, curve.n) === r;
}

function derInteger(value: bigint): Buffer {
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  let bytes = Buffer.from(hex, 'hex');
  if ((bytes[0] ?? 0) & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return Buffer.concat([Buffer.from([0x02]), derLength(bytes.length), bytes]);
}

function derLength(length: number): Buffer {
  return length < 0x80 ? Buffer.from([length]) : Buffer.from([0x81, length]);
}

function encodeDer(r: bigint, s: bigint): Buffer {
  const body = Buffer.concat([derInteger(r), derInteger(s)]);
  return Buffer.concat([Buffer.from([0x30]), derLength(body.length), body]);
}

/** Strict enough for verification: SEQUENCE { INTEGER r, INTEGER s } with nothing after. */
function decodeDer(signature: Uint8Array): { r: bigint; s: bigint } | undefined {
  const bytes = Buffer.from(signature);
  let offset = 0;
  const readLength = (): number | undefined => {
    const first = bytes[offset++];
    if (first === undefined) return undefined;
    if (first < 0x80) return first;
    if (first !== 0x81) return undefined;
    return bytes[offset++];
  };
  if (bytes[offset++] !== 0x30) return undefined;
  const total = readLength();
  if (total === undefined || offset + total !== bytes.length) return undefined;
  const integers: bigint[] = [];
  for (let i = 0; i < 2; i++) {
    if (bytes[offset++] !== 0x02) return undefined;
    const length = readLength();
    if (length === undefined || length === 0 || offset + length > bytes.length) return undefined;
    integers.push(toBigInt(bytes.subarray(offset, offset + length)));
    offset += length;
  }
  if (offset !== bytes.length) return undefined;
  return { r: integers[0]!, s: integers[1]! };
}
