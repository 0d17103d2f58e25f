import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWellFormedReceiptHandle, newMessageId, receiptHandleFactory } from './ids.js';

describe('ids', () => {
  it('mints distinct receipt handles within and across factories', () => {
    const first = receiptHandleFactory();
    const second = receiptHandleFactory();
    const handles = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      handles.add(first());
      handles.add(second());
    }
    expect(handles.size).toBe(2000);
  });

  it('uses UUIDs for message ids', () => {
    expect(newMessageId()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});

describe('isWellFormedReceiptHandle', () => {
  it('accepts minted handles, bare or behind a store key, and nothing else', () => {
    const handle = receiptHandleFactory()();
    expect(isWellFormedReceiptHandle(handle)).toBe(true);
    expect(isWellFormedReceiptHandle(`3f.${handle}`)).toBe(true);
    for (const bad of ['', 'not-a-handle', `${handle}!`, `a.b.${handle}`, 42, undefined]) {
      expect(isWellFormedReceiptHandle(bad), String(bad)).toBe(false);
    }
  });

  it('agrees with the regular expression that specifies the shape (property)', () => {
    const spec = /^(?:[0-9A-Za-z_-]{1,64}\.)?[A-Za-z0-9_-]{24}\.[0-9a-z]{1,16}$/;
    const piece = fc.string({
      unit: fc.constantFrom(...'09azAZ_-.!é'.split(''), 'x', '7'),
      maxLength: 70,
    });
    const handle = receiptHandleFactory()();
    const candidates = fc.oneof(
      piece,
      fc.tuple(piece, fc.constant(handle)).map(([key, h]) => `${key}.${h}`),
      fc
        .string({ unit: fc.constantFrom('k', 'Z', '_'), minLength: 62, maxLength: 66 })
        .map((key) => `${key}.${handle}`),
      fc.tuple(fc.constant(handle), piece).map(([h, tail]) => `${h}${tail}`),
      fc
        .tuple(
          fc.string({ unit: fc.constantFrom('a', 'B', '-'), minLength: 20, maxLength: 28 }),
          piece,
        )
        .map(([random, counter]) => `${random}.${counter}`),
    );
    fc.assert(
      fc.property(candidates, (value) => isWellFormedReceiptHandle(value) === spec.test(value)),
      { numRuns: 3000 },
    );
  });
});
