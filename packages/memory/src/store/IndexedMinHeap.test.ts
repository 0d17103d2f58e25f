import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IndexedMinHeap } from './IndexedMinHeap.js';

interface Item {
  key: number;
  heapIndex: number;
}

const byKey = (a: Item, b: Item) => a.key < b.key;

describe('IndexedMinHeap', () => {
  it('pops in key order after any mix of pushes, removals and re-keys', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            key: fc.integer({ min: -1000, max: 1000 }),
            remove: fc.boolean(),
            rekey: fc.option(fc.integer({ min: -1000, max: 1000 })),
          }),
        ),
        (operations) => {
          const heap = new IndexedMinHeap<Item>(byKey);
          const items = operations.map((operation) => ({ key: operation.key, heapIndex: -1 }));
          for (const item of items) heap.push(item);
          const kept: number[] = [];
          operations.forEach((operation, index) => {
            const item = items[index]!;
            if (operation.remove) {
              heap.remove(item);
              expect(item.heapIndex).toBe(-1);
              return;
            }
            if (operation.rekey !== null) {
              item.key = operation.rekey;
              heap.update(item);
            }
            kept.push(item.key);
          });
          const popped: number[] = [];
          while (heap.size > 0) popped.push(heap.pop()!.key);
          expect(popped).toEqual(kept.sort((a, b) => a - b));
        },
      ),
    );
  });

  it('ignores removing or updating an item that is not in the heap', () => {
    const heap = new IndexedMinHeap<Item>(byKey);
    const outside = { key: 1, heapIndex: -1 };
    heap.remove(outside);
    heap.update(outside);
    expect(heap.size).toBe(0);
    expect(heap.pop()).toBeUndefined();
  });
});
