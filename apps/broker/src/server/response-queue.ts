interface Slot {
  done: boolean;
  chunks: Buffer[] | null;
  written?: () => void;
}

/**
 * What an emitted slot is replaced with until the list is compacted. Shared, so that emitting allocates nothing and
 * the request's own slot dies young instead of being kept (and promoted by the scavenger) until the next compaction.
 */
const EMITTED: Slot = Object.freeze({ done: true, chunks: null });

/**
 * Keeps responses in request order on one connection. Each request takes a slot when it arrives;
 * handlers may finish in any order, and output is released only from the head of the queue.
 * A slot resolved with `null` (Produce acks=0) releases nothing but unblocks the slots after it.
 */
export class ResponseQueue {
  private readonly slots: Slot[] = [];
  private head = 0;

  /** `emit` writes a response; `written`, when given, is to be called once those chunks have left. */
  constructor(private readonly emit: (chunks: Buffer[], written?: () => void) => void) {}

  /** Requests whose response has not been emitted yet. */
  get inFlight(): number {
    return this.slots.length - this.head;
  }

  /** Reserves the next slot; call the returned function exactly once with the response chunks or null. */
  reserve(): (chunks: Buffer[] | null, written?: () => void) => void {
    const slot: Slot = { done: false, chunks: null, written: undefined };
    this.slots.push(slot);
    return (chunks, written) => {
      if (slot.done) return;
      slot.done = true;
      slot.chunks = chunks;
      slot.written = written;
      this.flush();
    };
  }

  private flush(): void {
    while (this.head < this.slots.length && this.slots[this.head].done) {
      const { chunks, written } = this.slots[this.head];
      this.slots[this.head] = EMITTED;
      this.head++;
      if (chunks) this.emit(chunks, written);
      else written?.();
    }
    if (this.head > 1024 && this.head * 2 > this.slots.length) {
      this.slots.splice(0, this.head);
      this.head = 0;
    }
  }
}
