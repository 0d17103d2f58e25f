/** Where an item sits in its heap; -1 when it is in none. */
export interface HeapSlot {
  heapIndex: number;
}

/**
 * A binary min-heap whose items remember their position, so any item can be removed or
 * re-keyed in O(log n). The queue of delayed and in-flight messages: a deleted message leaves
 * at once instead of lingering until its visibility time.
 */
export class IndexedMinHeap<T extends HeapSlot> {
  readonly #items: T[] = [];
  readonly #less: (a: T, b: T) => boolean;

  constructor(less: (a: T, b: T) => boolean) {
    this.#less = less;
  }

  get size(): number {
    return this.#items.length;
  }

  peek(): T | undefined {
    return this.#items[0];
  }

  push(item: T): void {
    item.heapIndex = this.#items.length;
    this.#items.push(item);
    this.#siftUp(item.heapIndex);
  }

  pop(): T | undefined {
    const top = this.#items[0];
    if (top !== undefined) this.remove(top);
    return top;
  }

  /** Removes `item` if it is in this heap. */
  remove(item: T): void {
    const index = item.heapIndex;
    if (index < 0 || this.#items[index] !== item) return;
    const last = this.#items.pop()!;
    item.heapIndex = -1;
    if (last === item) return;
    this.#items[index] = last;
    last.heapIndex = index;
    this.#siftDown(index);
    this.#siftUp(last.heapIndex);
  }

  /** Restores the order after `item`'s key changed. */
  update(item: T): void {
    if (item.heapIndex < 0) return;
    this.#siftUp(item.heapIndex);
    this.#siftDown(item.heapIndex);
  }

  clear(): void {
    for (const item of this.#items) item.heapIndex = -1;
    this.#items.length = 0;
  }

  #siftUp(start: number): void {
    const items = this.#items;
    let index = start;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.#less(items[index]!, items[parent]!)) break;
      this.#swap(index, parent);
      index = parent;
    }
  }

  #siftDown(start: number): void {
    const items = this.#items;
    let index = start;
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let smallest = index;
      if (left < items.length && this.#less(items[left]!, items[smallest]!)) smallest = left;
      if (right < items.length && this.#less(items[right]!, items[smallest]!)) smallest = right;
      if (smallest === index) return;
      this.#swap(index, smallest);
      index = smallest;
    }
  }

  #swap(a: number, b: number): void {
    const items = this.#items;
    const itemA = items[a]!;
    const itemB = items[b]!;
    items[a] = itemB;
    items[b] = itemA;
    itemA.heapIndex = b;
    itemB.heapIndex = a;
  }
}
