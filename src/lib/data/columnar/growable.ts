type TypedCtor<T> = new (length: number) => T;
type Typed = Float64Array | Uint32Array | Uint8Array;

/** An append-only typed array that doubles its capacity; `finish()` returns a trimmed copy. */
export class Growable<T extends Typed> {
  private data: T;
  length = 0;

  constructor(
    private readonly ctor: TypedCtor<T>,
    capacity = 1024,
  ) {
    this.data = new ctor(capacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new this.ctor(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }

  get(i: number): number {
    return this.data[i] ?? NaN;
  }

  /** The filled part, copied into an exactly sized array. */
  finish(): T {
    return this.data.slice(0, this.length) as T;
  }
}
