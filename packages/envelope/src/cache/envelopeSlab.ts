/** Slab size; envelopes up to half of it are carved from one, larger ones get their own memory. */
const SLAB_SIZE = 8 * 1024;
const POOLED_MAX = SLAB_SIZE >>> 1;

let slab = Buffer.alloc(0);
let offset = 0;

/**
 * Memory for one envelope. A small envelope is a slice of a private slab that holds nothing but
 * other envelopes: one allocation serves many of them (as Node's own buffer pool does, a fresh
 * `allocUnsafeSlow` per envelope cost about 5 % of a 256-byte seal), yet a caller reading
 * `out.buffer` sees only ciphertext and headers, never the plaintext Node's shared pool may hold.
 * Uninitialised: the caller writes every byte.
 */
export function allocateEnvelope(length: number): Buffer {
  if (length > POOLED_MAX) return Buffer.allocUnsafeSlow(length);
  if (offset + length > slab.byteLength) {
    slab = Buffer.allocUnsafeSlow(SLAB_SIZE);
    offset = 0;
  }
  const out = slab.subarray(offset, offset + length);
  // 8-byte alignment, as Node's pool keeps, so typed-array views of an envelope stay cheap.
  offset = (offset + length + 7) & ~7;
  return out;
}
