// A binary min-heap: the topological sort takes the least ready change many thousands of times at 10,000 tables,
// where re-sorting the ready list each time would be quadratic.
export class Heap<T> {
  private readonly items: T[] = [];
  constructor(private readonly less: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  push(item: T): void {
    const a = this.items;
    a.push(item);
    // Sift up: `item` moves toward the root past every parent it is less than.
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = a[p];
      if (parent === undefined || !this.less(item, parent)) break;
      a[i] = parent;
      i = p;
    }
    a[i] = item;
  }

  pop(): T | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last !== undefined) {
      // Sift down: `last` goes in at the root and sinks below every child less than it.
      let i = 0;
      for (;;) {
        const l = a[2 * i + 1];
        const r = a[2 * i + 2];
        let least = last;
        let m = i;
        if (l !== undefined && this.less(l, least)) {
          least = l;
          m = 2 * i + 1;
        }
        if (r !== undefined && this.less(r, least)) {
          least = r;
          m = 2 * i + 2;
        }
        if (m === i) break;
        a[i] = least;
        i = m;
      }
      a[i] = last;
    }
    return top;
  }
}
