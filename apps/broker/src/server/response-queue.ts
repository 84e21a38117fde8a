/**
 * Keeps responses in request order on one connection. Each request takes a slot when it arrives;
 * handlers may finish in any order, and output is released only from the head of the queue.
 * A slot resolved with `null` (Produce acks=0) releases nothing but unblocks the slots after it.
 */
export class ResponseQueue {
  private readonly slots: Array<{ done: boolean; chunks: Buffer[] | null }> = [];
  private head = 0;

  constructor(private readonly emit: (chunks: Buffer[]) => void) {}

  /** Requests whose response has not been emitted yet. */
  get inFlight(): number {
    return this.slots.length - this.head;
  }

  /** Reserves the next slot; call the returned function exactly once with the response chunks or null. */
  reserve(): (chunks: Buffer[] | null) => void {
    const slot = { done: false, chunks: null as Buffer[] | null };
    this.slots.push(slot);
    return (chunks) => {
      if (slot.done) return;
      slot.done = true;
      slot.chunks = chunks;
      this.flush();
    };
  }

  private flush(): void {
    while (this.head < this.slots.length && this.slots[this.head].done) {
      const { chunks } = this.slots[this.head];
      this.slots[this.head] = { done: true, chunks: null };
      this.head++;
      if (chunks) this.emit(chunks);
    }
    if (this.head > 1024 && this.head * 2 > this.slots.length) {
      this.slots.splice(0, this.head);
      this.head = 0;
    }
  }
}
