import { describe, expect, it } from 'vitest';
import { allocateEnvelope } from './envelopeSlab.js';

describe('allocateEnvelope', () => {
  it('hands out disjoint memory: every envelope keeps its bytes while later ones are written', () => {
    const sizes = [1, 7, 300, 4096, 4097, 700, 8000, 13, 2048, 2049];
    const envelopes = Array.from({ length: 200 }, (_, i) => {
      const out = allocateEnvelope(sizes[i % sizes.length]!);
      out.fill(i & 0xff);
      return out;
    });
    envelopes.forEach((out, i) => {
      expect(out.byteLength).toBe(sizes[i % sizes.length]);
      expect(out.every((byte) => byte === (i & 0xff))).toBe(true);
    });
  });

  it("shares its memory with no other buffer: text in Node's pool never shows through `out.buffer`", () => {
    // A slice of Node's shared pool (Buffer.allocUnsafe) would sit beside this marker.
    const marker = Buffer.from('PLAINTEXT-MARKER-7f3a');
    const out = allocateEnvelope(600);
    expect(out.buffer).not.toBe(marker.buffer);
    expect(Buffer.from(out.buffer).includes('PLAINTEXT-MARKER-7f3a')).toBe(false);
  });

  it('gives a large envelope memory of its own', () => {
    const out = allocateEnvelope(64 * 1024);
    expect(out.byteOffset).toBe(0);
    expect(out.buffer.byteLength).toBe(64 * 1024);
  });
});
