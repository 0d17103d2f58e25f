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
});
