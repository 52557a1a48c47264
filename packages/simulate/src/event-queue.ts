/** What the queue orders: a time, and the order of arrival to break ties the same way every run. */
export interface Timed {
  time: number;
}

interface Entry<T> {
  item: T;
  time: number;
  seq: number;
}

function before<T>(a: Entry<T>, b: Entry<T>): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}

/**
 * A binary min-heap of timed items. Personas generate a day at a time, in any order; the queue
 * hands them back in time order once no later generation can still produce an earlier one.
 */
export class EventQueue<T extends Timed> {
  readonly #heap: Entry<T>[] = [];
  #seq = 0;

  get size(): number {
    return this.#heap.length;
  }

  push(item: T): void {
    const heap = this.#heap;
    heap.push({ item, time: item.time, seq: this.#seq++ });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  /** Removes and yields, in order, every item whose time is before `limit`. */
  *drainBefore(limit: number): Generator<T> {
    while (this.#heap.length > 0 && this.#heap[0]!.time < limit) yield this.#pop();
  }

  #pop(): T {
    const heap = this.#heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && before(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && before(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    return top.item;
  }
}
