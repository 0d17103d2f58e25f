import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MinHeap } from './MinHeap.js';

describe('MinHeap', () => {
  it('pops any sequence of numbers in ascending order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), (values) => {
        const heap = new MinHeap<number>((a, b) => a < b);
        for (const value of values) heap.push(value);
        const out: number[] = [];
        while (heap.size > 0) out.push(heap.pop()!);
        expect(out).toEqual([...values].sort((a, b) => a - b));
      }),
    );
  });

  it('returns undefined when empty', () => {
    const heap = new MinHeap<number>((a, b) => a < b);
    expect(heap.pop()).toBeUndefined();
    expect(heap.peek()).toBeUndefined();
  });
});
